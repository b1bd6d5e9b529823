import Foundation
import TestSupport
import Testing

@testable import AllianceKit

/// `alliance sessions`: each alliance's title and everyone who took part, in columns that line
/// up in a terminal however wide the names' characters are.
@Suite(.removingTemporaryDirectories) struct SessionListTests {
    @Test func titlesAndPeopleLineUpByDisplayWidth() throws {
        let home = temporaryHome()
        let wide = try SessionSummaryTests.alliance(in: home, with: ["王小明", "Léo"], title: "家族旅行")
        let narrow = try SessionSummaryTests.alliance(
            in: home, with: ["Sam Reyes"], title: "Sam joins", "/with Ann", "/without Ann")
        let report = SessionReports.list(home, zone: .utc)
        #expect(!report.failed)
        let lines = report.lines
        #expect(lines.count == 3)
        let header = try #require(lines.first)
        let row = { (id: String) in try #require(lines.first { $0.hasPrefix(id) }) }
        #expect(try row(wide).hasSuffix("王小明, Léo     家族旅行"), "\(lines)")
        #expect(try row(narrow).hasSuffix("Sam Reyes, Ann  Sam joins"))
        // The title column starts at the same terminal column on every line.
        func titleColumn(_ line: String, _ title: String) -> Int {
            String(line[..<line.range(of: title)!.lowerBound]).displayWidth
        }
        let column = titleColumn(header, "TITLE")
        #expect(titleColumn(try row(wide), "家族旅行") == column)
        #expect(titleColumn(try row(narrow), "Sam joins") == column)
    }
}
