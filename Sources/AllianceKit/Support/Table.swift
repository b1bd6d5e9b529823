/// Rows printed as aligned columns.
package enum Table {
    /// Each row as one line, its cells padded to the column's width and two spaces apart; the
    /// last column is not padded, and each line is made safe for a terminal.
    package static func lines(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        let widths = (0..<first.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padded(to: widths[i])
            }
            return cells.joined(separator: "  ").trimmed.terminalSafe
        }
    }
}
