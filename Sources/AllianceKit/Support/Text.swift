extension String {
    /// The text with terminal control characters made visible (`\u{1B}` becomes `^[`), and bidi
    /// controls shown by name (`\u{202E}` becomes `<U+202E>`), so an answer, a pack, a log or a file
    /// name can never move the cursor, recolour the screen, set the clipboard or reorder a line.
    package var terminalSafe: String {
        guard hasTerminalUnsafe else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == "\t" {
                out.append(" ")
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                out.append("^")
                out.append(Unicode.Scalar(UInt8(scalar.value ^ 0x40)))
            } else if scalar.isControlForTerminal {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            } else if scalar.isBidiControl {
                out.append(
                    contentsOf: "<U+\(String(scalar.value, radix: 16, uppercase: true))>".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `terminalSafe` would change the text: it holds a control a terminal would act on
    /// or a bidi control a terminal might obey.
    package var isTerminalSafe: Bool { !hasTerminalUnsafe }

    /// Whether any scalar is a control a terminal would act on; checked over the UTF-8 bytes,
    /// as this runs for every line a transcript prints.
    var hasControlForTerminal: Bool { scanForTerminal(bidi: false) }

    /// Whether any scalar is a control a terminal would act on or a bidi control
    /// (`Unicode.Scalar.isShownVisibly`); checked over the UTF-8 bytes.
    var hasTerminalUnsafe: Bool { scanForTerminal(bidi: true) }

    private func scanForTerminal(bidi: Bool) -> Bool {
        var text = self
        return text.withUTF8 { containsTerminalUnsafe($0, bidi: bidi) }
    }

    /// The text with surrounding whitespace removed.
    package var trimmed: String {
        // Bytes first: ASCII whitespace off both ends, when the ends it stops at are ASCII (nearly
        // always); otherwise scalar by scalar, by the Unicode White_Space property. Nothing is
        // copied when nothing is trimmed.
        let quick = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var lo = 0
            var hi = bytes.count
            while lo < hi && bytes[lo] < 0x80 && Self.isASCIIWhitespace(UInt32(bytes[lo])) { lo += 1 }
            while hi > lo && bytes[hi - 1] < 0x80 && Self.isASCIIWhitespace(UInt32(bytes[hi - 1])) { hi -= 1 }
            guard lo == hi || (bytes[lo] < 0x80 && bytes[hi - 1] < 0x80) else { return nil }
            if lo == 0 && hi == bytes.count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
        }
        if let quick = quick ?? nil { return quick }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end {
            let s = scalars[start]
            if s.value < 0x80 ? !Self.isASCIIWhitespace(s.value) : !s.properties.isWhitespace { break }
            start = scalars.index(after: start)
        }
        while start < end {
            let before = scalars.index(before: end)
            let s = scalars[before]
            if s.value < 0x80 ? !Self.isASCIIWhitespace(s.value) : !s.properties.isWhitespace { break }
            end = before
        }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }

    /// Tab, line feed, vertical tab, form feed, carriage return and space: the ASCII White_Space scalars.
    @inline(__always)
    static func isASCIIWhitespace(_ value: UInt32) -> Bool { value == 0x20 || (0x09...0x0D).contains(value) }

    /// A lowercase ASCII identifier of letters, digits and dashes: `"Trust & Safety"` → `trust-safety`,
    /// `"Férias em Família"` → `ferias-em-familia`. Letters of other scripts are left out.
    package var slug: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return Self.asciiSlug(utf8) }
        var out = ""
        var dash = false
        for scalar in lowercased().unicodeScalars {
            guard let ascii = Self.asciiLetter(scalar) else {
                dash = true
                continue
            }
            if dash && !out.isEmpty { out.append("-") }
            out.unicodeScalars.append(ascii)
            dash = false
        }
        return out
    }

    /// `slug` of ASCII text, from its bytes: the same letters and digits, lowercased, with one
    /// dash for each run of anything else between them.
    private static func asciiSlug(_ bytes: String.UTF8View) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var dash = false
        for b in bytes {
            let lower = (0x41...0x5A).contains(b) ? b | 0x20 : b
            guard (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) else {
                dash = true
                continue
            }
            if dash && !out.isEmpty { out.append(0x2D) }
            out.append(lower)
            dash = false
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `é` → `e`: a Latin letter with marks, as its plain letter; ASCII letters and digits as they are.
    private static func asciiLetter(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { return scalar }
        guard !scalar.isASCII, let name = scalar.properties.name else { return nil }
        for prefix in ["LATIN SMALL LETTER ", "LATIN CAPITAL LETTER "] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let letter = rest.first, rest.count == 1 || rest.dropFirst().hasPrefix(" WITH ") else {
                return nil
            }
            return Unicode.Scalar(String(letter).lowercased())
        }
        return nil
    }

    /// Straight quotes and apostrophes for curly ones, so rules see one spelling.
    var straightQuotes: String {
        var s = self
        for (curly, straight) in [
            ("\u{2019}", "'"), ("\u{2018}", "'"), ("\u{201C}", "\""), ("\u{201D}", "\""),
        ] {
            s = s.replacingAll(curly, with: straight)
        }
        return s
    }

    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, !Self.bytesAbsent(target, from: self), contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }

    /// Whether `text` certainly does not contain `target`, judged from bytes: when the target's
    /// bytes are not in the text and nothing else is canonically equivalent to the target (it
    /// is ASCII other than `;`, `` ` `` and `K`, which U+037E, U+1FEF and U+212A decompose to,
    /// or curly quotes). Foundation's `contains` is asked otherwise.
    static func bytesAbsent(_ target: String, from text: String) -> Bool {
        let safe = target.unicodeScalars.allSatisfy { s in
            (s.isASCII && s != ";" && s != "`" && s != "K") || ("\u{2018}"..."\u{201D}").contains(s)
        }
        guard safe else { return false }
        let needle = Array(target.utf8)
        guard !needle.isEmpty else { return false }
        return text.utf8.withContiguousStorageIfAvailable { hay -> Bool in
            guard hay.count >= needle.count else { return true }
            for start in 0...(hay.count - needle.count) where hay[start] == needle[0] {
                var j = 1
                while j < needle.count && hay[start + j] == needle[j] { j += 1 }
                if j == needle.count { return false }
            }
            return true
        } ?? false
    }

    /// Text wrapped to `width` columns (at least 10), breaking at spaces.
    package func wrapped(to width: Int) -> [String] {
        let width = max(width, 10)
        var lines: [String] = []
        for paragraph in split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if line.isEmpty {
                    line = String(word)
                } else if line.count + 1 + word.count <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = String(word)
                }
                while line.count > width {
                    lines.append(String(line.prefix(width)))
                    line = String(line.dropFirst(width))
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// The text padded with spaces to `width` characters.
    package func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

extension Unicode.Scalar {
    /// C0 and C1 controls and DEL: bytes a terminal acts on instead of showing.
    var isControlForTerminal: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }

    /// The bidi formatting controls: marks (U+200E, U+200F), embeddings and overrides
    /// (U+202A–U+202E) and isolates (U+2066–U+2069), which reorder the text around them.
    var isBidiControl: Bool {
        value == 0x200E || value == 0x200F || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }

    /// What `terminalSafe` makes visible: terminal controls and bidi controls.
    var isShownVisibly: Bool { isControlForTerminal || isBidiControl }
}

extension String {
    /// Lowercase, without accents, for finding a person as people type them: "Zoë" and "zoe",
    /// "Léo" and "LEO" match. A Latin letter with marks is its base letter (read from the
    /// character's Unicode name, as the standard library has no decomposition); combining marks
    /// are dropped.
    var foldedForNames: String {
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar.isASCII {
                result.append(Pattern.fold(scalar))
                continue
            }
            if scalar.properties.canonicalCombiningClass != .notReordered { continue }
            if let base = Self.latinBase(scalar) {
                result.append(base)
                continue
            }
            result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return String(result)
    }

    /// `a` for "LATIN SMALL LETTER A WITH DIAERESIS" and "LATIN CAPITAL LETTER A WITH GRAVE".
    private static func latinBase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard let name = scalar.properties.name else { return nil }
        for prefix in ["LATIN SMALL LETTER ", "LATIN CAPITAL LETTER "] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard rest.hasPrefix(" WITH ") == false, let letter = rest.first,
                rest.dropFirst().hasPrefix(" WITH ")
            else { return nil }
            return Pattern.fold(letter.unicodeScalars.first!)
        }
        return nil
    }
}

/// Whether UTF-8 `bytes` hold a control a terminal would act on (C0, DEL, C1, U+2028, U+2029)
/// or, with `bidi`, a bidi control: one pass over the bytes, nothing decoded or copied.
func containsTerminalUnsafe(_ bytes: UnsafeBufferPointer<UInt8>, bidi: Bool) -> Bool {
    var previous: UInt8 = 0
    var beforePrevious: UInt8 = 0
    for byte in bytes {
        if byte < 0x20 || byte == 0x7F { return true }
        // U+0080–U+009F are C2 80–C2 9F; U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
        if previous == 0xC2 && (0x80...0x9F).contains(byte) { return true }
        if beforePrevious == 0xE2 && previous == 0x80 && (byte == 0xA8 || byte == 0xA9) {
            return true
        }
        // U+200E, U+200F are E2 80 8E/8F; U+202A–U+202E are E2 80 AA–AE;
        // U+2066–U+2069 are E2 81 A6–A9.
        if bidi && beforePrevious == 0xE2 {
            if previous == 0x80 && (byte == 0x8E || byte == 0x8F || (0xAA...0xAE).contains(byte)) {
                return true
            }
            if previous == 0x81 && (0xA6...0xA9).contains(byte) { return true }
        }
        beforePrevious = previous
        previous = byte
    }
    return false
}
