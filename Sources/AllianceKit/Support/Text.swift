extension String {
    /// The text with terminal control characters made visible (`\u{1B}` becomes `^[`),
    /// so an answer, a pack or a log can never move the cursor or recolour the screen.
    public var terminalSafe: String {
        guard unicodeScalars.contains(where: \.isControlForTerminal) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == "\t" {
                out.append(" ")
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                out.append("^")
                out.append(Unicode.Scalar(UInt8(scalar.value ^ 0x40)))
            } else if scalar.isControlForTerminal {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The text with surrounding whitespace removed.
    var trimmed: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// A lowercase identifier made of letters, digits and dashes (`"Trust & Safety"` → `trust-safety`).
    public var slug: String {
        var out = ""
        var dash = false
        for ch in lowercased() {
            if ch.isLetter || ch.isNumber {
                if dash && !out.isEmpty { out.append("-") }
                out.append(ch)
                dash = false
            } else {
                dash = true
            }
        }
        return out
    }

    /// Whether `self` starts with `prefix`, ignoring case.
    func hasPrefixIgnoringCase(_ prefix: String) -> Bool {
        lowercased().hasPrefix(prefix.lowercased())
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
        guard !target.isEmpty, contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }

    /// Text wrapped to `width` columns (at least 10), breaking at spaces.
    public func wrapped(to width: Int) -> [String] {
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
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

extension Unicode.Scalar {
    /// C0 and C1 controls and DEL: bytes a terminal acts on instead of showing.
    var isControlForTerminal: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }
}

extension Collection where Element == String {
    /// The longest string every element starts with, compared case-insensitively
    /// and spelled as in the first element.
    public var commonPrefix: String {
        guard var prefix = first.map(Array.init) else { return "" }
        for element in dropFirst() {
            let chars = Array(element)
            var n = 0
            while n < prefix.count, n < chars.count,
                String(prefix[n]).lowercased() == String(chars[n]).lowercased()
            {
                n += 1
            }
            prefix = Array(prefix.prefix(n))
        }
        return String(prefix)
    }
}
