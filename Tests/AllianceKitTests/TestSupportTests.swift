import Foundation
import Synchronization
import TestSupport
import Testing

/// The shared test helpers do what the tests rely on: temporary directories that go away, and
/// a generator that gives the same numbers for the same seed.
@Suite struct TestSupportTests {
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    @Test func aTemporaryDirectoryIsRemovedWithWhatIsInItWhenItsScopeEnds() throws {
        let made = try withTemporaryDirectory { directory in
            try "x".write(toFile: directory + "/file", atomically: false, encoding: .utf8)
            let inside = temporaryDirectory()
            #expect(Self.exists(directory) && Self.exists(inside) && directory != inside)
            return [directory, inside]
        }
        for path in made { #expect(!Self.exists(path), "\(path) is still there") }
    }

    @Test func theTraitRemovesWhatATestMadeWhenTheTestEnds() async throws {
        let made = Mutex<[String]>([])
        try await RemovingTemporaryDirectories().provideScope(for: Test.current!, testCase: Test.Case.current)
        {
            let home = temporaryDirectory("alliance-home") + "/home"
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
            made.withLock { $0 = [home, temporaryDirectory()] }
            #expect(made.withLock { $0.allSatisfy(Self.exists) })
        }
        let paths = made.withLock { $0 }
        #expect(paths.count == 2)
        for path in paths { #expect(!Self.exists(path), "\(path) is still there") }
    }

    @Test func theSameSeedGivesTheSameNumbers() {
        var a = SplitMix64(state: 42)
        var b = SplitMix64(state: 42)
        var c = SplitMix64(state: 43)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
        // The published SplitMix64 sequence for seed 0.
        var zero = SplitMix64(state: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test func thePackageRootHoldsThePackage() {
        #expect(Self.exists(packageRoot + "/Package.swift"))
        #expect(Self.exists(packageRoot + "/Tests/TestSupport"))
    }
}
