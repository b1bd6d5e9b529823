/// Rows printed as aligned columns.
package enum Table {
    /// Each row as one line, its cells made safe for a terminal, padded to the column's width in
    /// terminal columns (`displayWidth`: a CJK name takes two a character) and two spaces apart;
    /// the last column is not padded.
    package static func lines(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        let safe = rows.map { $0.map(\.terminalSafe) }
        let widths = (0..<first.count).map { column in safe.map { $0[column].displayWidth }.max() ?? 0 }
        return safe.map { row in
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padded(toColumns: widths[i])
            }
            return cells.joined(separator: "  ").trimmed
        }
    }
}
