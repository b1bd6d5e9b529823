/// Completion candidates prepared once, so a Tab costs a scan of bytes rather than lowercasing
/// and hashing every candidate: the candidates without repeats, in their order, with their
/// lowercase forms side by side in one buffer.
///
/// `matching(word)` gives exactly what `Completer.matching(candidates, word)` gives.
final class CompletionIndex: Sendable {
    /// The candidates in their given order, each once.
    let unique: [String]
    /// Each candidate's lowercase UTF-8 bytes, one after another; `ends[i]` is where the i-th ends.
    private let lowered: [UInt8]
    private let ends: [Int]
    /// Whether the i-th lowercase form is plain ASCII with no carriage return, so that a prefix of
    /// characters is a prefix of bytes.
    private let plain: [Bool]

    init(_ candidates: [String]) {
        var seen = Set<String>()
        unique = candidates.filter { seen.insert($0).inserted }
        var lowered: [UInt8] = []
        var ends: [Int] = []
        var plain: [Bool] = []
        ends.reserveCapacity(unique.count)
        plain.reserveCapacity(unique.count)
        for candidate in unique {
            let lower = candidate.lowercased()
            lowered.append(contentsOf: lower.utf8)
            ends.append(lowered.count)
            plain.append(Self.isPlain(lower))
        }
        self.lowered = lowered
        self.ends = ends
        self.plain = plain
    }

    static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 && $0 != 13 }
    }

    /// Candidates starting with `word`, ignoring case, in their given order.
    func matching(_ word: String) -> [String] {
        let lowered = word.lowercased()
        if lowered.isEmpty { return unique }
        guard Self.isPlain(lowered) else {
            return unique.filter { $0.lowercased().hasPrefix(lowered) }
        }
        let prefix = Array(lowered.utf8)
        var result: [String] = []
        self.lowered.withUnsafeBufferPointer { bytes in
            var start = 0
            for i in 0..<unique.count {
                let end = ends[i]
                defer { start = end }
                if plain[i] {
                    guard end - start >= prefix.count else { continue }
                    var j = 0
                    while j < prefix.count && bytes[start + j] == prefix[j] { j += 1 }
                    if j == prefix.count { result.append(unique[i]) }
                } else if unique[i].lowercased().hasPrefix(lowered) {
                    result.append(unique[i])
                }
            }
        }
        return result
    }
}
