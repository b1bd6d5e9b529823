import Foundation
import Testing

/// A fresh, empty directory under the system's temporary folder (`$TMPDIR`), named
/// `label-UUID`, that no test run leaves behind.
///
/// In a test or suite marked `.removingTemporaryDirectories` it is removed when that test
/// ends; anywhere else, when the test process exits.
package func temporaryDirectory(_ label: String = "alliance-tests") -> String {
    let path = NSTemporaryDirectory() + label + "-" + UUID().uuidString
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        fatalError("cannot make a temporary directory \(path): \(error)")
    }
    (TemporaryDirectories.current ?? TemporaryDirectories.untilExit).add(path)
    return path
}

/// Runs `body` with a fresh temporary directory, and removes it when `body` returns or throws.
package func withTemporaryDirectory<Result>(
    _ label: String = "alliance-tests", _ body: (String) throws -> Result
) rethrows -> Result {
    let directories = TemporaryDirectories()
    defer { directories.removeAll() }
    return try TemporaryDirectories.$current.withValue(directories) {
        try body(temporaryDirectory(label))
    }
}

/// The temporary directories made in one scope, removed together when it ends.
final class TemporaryDirectories: @unchecked Sendable {
    /// The directories of the test running in this task, when its suite asked for it.
    @TaskLocal static var current: TemporaryDirectories?

    /// Directories made outside any test's scope: removed when the process exits.
    static let untilExit: TemporaryDirectories = {
        let directories = TemporaryDirectories()
        atexit { TemporaryDirectories.untilExit.removeAll() }
        return directories
    }()

    private let lock = NSLock()
    private var paths: [String] = []

    func add(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        paths.append(path)
    }

    func removeAll() {
        lock.lock()
        let removing = paths
        paths = []
        lock.unlock()
        for path in removing { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// Removes every directory `temporaryDirectory()` makes in a test when the test ends (each case
/// of a parameterized test on its own), passed or failed.
package struct RemovingTemporaryDirectories: SuiteTrait, TestTrait, TestScoping {
    package var isRecursive: Bool { true }

    package init() {}

    package func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let directories = TemporaryDirectories()
        defer { directories.removeAll() }
        try await TemporaryDirectories.$current.withValue(directories) { try await function() }
    }
}

extension Trait where Self == RemovingTemporaryDirectories {
    /// Every temporary directory the test makes is removed when it ends.
    package static var removingTemporaryDirectories: Self { Self() }
}
