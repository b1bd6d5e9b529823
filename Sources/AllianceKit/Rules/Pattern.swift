/// A regular expression for rules, matched by a Pike VM: the work is bounded by
/// the input's length times the pattern's size, never exponential, so no pattern
/// a colleague writes can hang the shell.
///
/// Syntax: literals, `.`, `[a-z]`, `[^…]`, `\w \W \d \D \s \S`, `\b \B`, `^ $`,
/// `( )`, `(?: )`, `|`, and `* + ? {n} {n,} {n,m}` (add `?` for lazy). No
/// back-references or look-around: they are what make other engines backtrack.
public struct Pattern: Sendable {
    package let source: String
    package let ignoreCase: Bool
    private let program: [Instruction]
    private let sets: [CharSet]
    /// Capturing groups, not counting the whole match.
    public let groupCount: Int

    /// The most instructions a compiled pattern may have.
    package static let programLimit = 4000
    /// The most VM steps one match may take before it gives up.
    package static let stepLimit = 4_000_000

    /// What matching found: the whole match and each group, as text.
    public struct Match: Sendable, Equatable {
        public var range: Range<Int>
        public var groups: [String?]
        public var text: String
    }

    public struct TooMuchWork: Error, Sendable {}

    public init(_ source: String, ignoreCase: Bool = true) throws(AllianceError) {
        var parser = Parser(Array(source.unicodeScalars), ignoreCase: ignoreCase)
        let node = try parser.parseAll()
        var compiler = Compiler(ignoreCase: ignoreCase)
        compiler.emit(.save(0))
        try compiler.compile(node)
        compiler.emit(.save(1))
        compiler.emit(.match)
        self.source = source
        self.ignoreCase = ignoreCase
        self.program = compiler.program
        self.sets = parser.sets
        self.groupCount = parser.groupCount
    }

    /// Whether the pattern matches anywhere in `text`.
    package func matches(_ text: String) throws(TooMuchWork) -> Bool { try firstMatch(in: text) != nil }

    /// The leftmost match in `text`, preferring earlier alternatives and greedy repeats, like Perl.
    public func firstMatch(in text: String) throws(TooMuchWork) -> Match? {
        let input = Array(text.unicodeScalars)
        let folded = ignoreCase ? input.map(Pattern.fold) : input
        guard let caps = try run(folded) else { return nil }
        let scalars = text.unicodeScalars
        func slice(_ a: Int, _ b: Int) -> String? {
            guard a >= 0, b >= a else { return nil }
            let from = scalars.index(scalars.startIndex, offsetBy: a)
            return String(scalars[from..<scalars.index(from, offsetBy: b - a)])
        }
        let groups = (1...max(groupCount, 1)).prefix(groupCount).map { slice(caps[2 * $0], caps[2 * $0 + 1]) }
        return Match(range: caps[0]..<caps[1], groups: groups, text: slice(caps[0], caps[1]) ?? "")
    }

    /// The scalar's Unicode simple case folding (CaseFolding.txt, statuses C and S; not F, not T):
    /// ignoring case, two scalars match when their folds are equal. Literals, the input and the
    /// members of `[…]` all use this one fold.
    ///
    /// The standard library has case mappings but no fold, so the fold is derived from them: the
    /// lowercase of the uppercase when both are one scalar (ς→Σ→σ, ſ→S→s, K→K→k, µ→Μ→μ, ϑ→Θ→θ,
    /// ͅ→Ι→ι), else the lowercase when it is one scalar (ẞ→ß, ᾈ→ᾀ), else the scalar itself (ß,
    /// İ, ŉ: their only folds are two scalars, status F). Two exceptions to that rule: dotless ı
    /// folds to itself (only the Turkic fold, status T, joins it to I), and Cherokee folds to its
    /// uppercase letters, which were encoded first. This is exact: PatternCaseFoldTests checks it
    /// for every scalar against Unicode 14's CaseFolding.txt (as Perl's Unicode::UCD and Python's
    /// `str.casefold` give it); scalars encoded later follow the same rule.
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.isASCII {
            return (65...90).contains(s.value) ? Unicode.Scalar(s.value + 32)! : s
        }
        // Most scalars have no case (punctuation, CJK, caseless letters): one binary property
        // says so, with no mapping built. (Not changesWhenCaseFolded, which Unicode defines on
        // the NFD form: it is false for ι U+1FBE, whose NFD is ι, though ι folds to ι.)
        guard s.properties.changesWhenCaseMapped else { return s }
        let v = s.value
        if v == 0x131 { return s }
        if (0x13A0...0x13FF).contains(v) || (0xAB70...0xABBF).contains(v) {
            return single(s.properties.uppercaseMapping) ?? s
        }
        if let upper = single(s.properties.uppercaseMapping),
            let folded = single(upper.properties.lowercaseMapping)
        {
            return folded
        }
        return single(s.properties.lowercaseMapping) ?? s
    }

    /// The mapping's scalar when it is exactly one.
    private static func single(_ mapping: String) -> Unicode.Scalar? {
        let scalars = mapping.unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else {
            return nil
        }
        return first
    }

    /// Whether `body` holds for some scalar whose fold is `f` (itself a fold): `f`, its one-scalar
    /// upper-, lower- and titlecase (Ǆ ǅ ǆ), and the scalars none of those reach (`foldExtras`).
    /// A class has at most four members (θ Θ ϑ ϴ; ι Ι ͅ ι), so this costs a few lookups.
    static func anyFolding(to f: Unicode.Scalar, _ body: (Unicode.Scalar) -> Bool) -> Bool {
        if body(f) { return true }
        if f.isASCII {
            if (0x61...0x7A).contains(f.value), body(Unicode.Scalar(UInt8(f.value ^ 0x20))) { return true }
        } else if f.properties.changesWhenCaseMapped {
            let p = f.properties
            for mapping in [p.uppercaseMapping, p.lowercaseMapping, p.titlecaseMapping] {
                if let m = single(mapping), m != f, fold(m) == f, body(m) { return true }
            }
        }
        let (a, b) = foldExtras(f.value)
        if a != 0, body(Unicode.Scalar(a)!) { return true }
        if b != 0, body(Unicode.Scalar(b)!) { return true }
        return false
    }

    /// The scalars (0 for none) that fold to `f` but are none of its case mappings: found by
    /// scanning every scalar, and PatternCaseFoldTests scans them all again to check the list.
    static func foldExtras(_ f: UInt32) -> (UInt32, UInt32) {
        switch f {
        case 0x6B: (0x212A, 0)  // k: K KELVIN SIGN
        case 0x73: (0x17F, 0)  // s: ſ LONG S
        case 0xDF: (0x1E9E, 0)  // ß: ẞ CAPITAL SHARP S (ß's uppercase is "SS")
        case 0xE5: (0x212B, 0)  // å: Å ANGSTROM SIGN
        case 0x3B2: (0x3D0, 0)  // β: ϐ
        case 0x3B5: (0x3F5, 0)  // ε: ϵ
        case 0x3B8: (0x3D1, 0x3F4)  // θ: ϑ ϴ
        case 0x3B9: (0x345, 0x1FBE)  // ι: COMBINING YPOGEGRAMMENI, ι PROSGEGRAMMENI
        case 0x3BA: (0x3F0, 0)  // κ: ϰ
        case 0x3BC: (0xB5, 0)  // μ: µ MICRO SIGN
        case 0x3C0: (0x3D6, 0)  // π: ϖ
        case 0x3C1: (0x3F1, 0)  // ρ: ϱ
        case 0x3C3: (0x3C2, 0)  // σ: ς FINAL SIGMA
        case 0x3C6: (0x3D5, 0)  // φ: ϕ
        case 0x3C9: (0x2126, 0)  // ω: Ω OHM SIGN
        case 0x432: (0x1C80, 0)  // в: ᲀ, and the other old Cyrillic letter forms below
        case 0x434: (0x1C81, 0)
        case 0x43E: (0x1C82, 0)
        case 0x441: (0x1C83, 0)
        case 0x442: (0x1C84, 0x1C85)
        case 0x44A: (0x1C86, 0)
        case 0x463: (0x1C87, 0)
        case 0x1E61: (0x1E9B, 0)  // ṡ: ẛ LONG S WITH DOT ABOVE
        case 0xA64B: (0x1C88, 0)
        default: (0, 0)
        }
    }

    static func isWord(_ s: Unicode.Scalar) -> Bool {
        // ASCII: the letters are the alphabetic scalars and the digits the numeric ones.
        if s.isASCII { return isASCIIWord(UInt8(s.value)) }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    static func isASCIIWord(_ b: UInt8) -> Bool {
        (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) || (0x30...0x39).contains(b) || b == 0x5F
    }

    private struct Thread {
        var pc: Int
        var caps: [Int]
    }

    private func run(_ input: [Unicode.Scalar]) throws(TooMuchWork) -> [Int]? {
        let slots = 2 * (groupCount + 1)
        // Room reserved up front: a list holds each instruction at most once per position.
        var current: [Thread] = []
        var next: [Thread] = []
        current.reserveCapacity(program.count)
        next.reserveCapacity(program.count)
        var marks = [Int](repeating: -1, count: program.count)
        var matched: [Int]?
        var steps = 0

        // One stack for every `add`, and one array of unset captures for every start position.
        var stack: [(Int, [Int])] = []
        stack.reserveCapacity(2 * program.count)
        let unset = [Int](repeating: -1, count: slots)

        // Follows jumps, splits, saves and assertions from `pc` at `position`, in priority order.
        func add(_ list: inout [Thread], _ pc: Int, _ caps: [Int], _ position: Int) throws(TooMuchWork) {
            stack.removeAll(keepingCapacity: true)
            stack.append((pc, caps))
            while let (pc, caps) = stack.popLast() {
                steps += 1
                if steps > Pattern.stepLimit { throw TooMuchWork() }
                if marks[pc] == position { continue }
                marks[pc] = position
                switch program[pc] {
                case .jump(let to): stack.append((to, caps))
                case .split(let first, let second):
                    stack.append((second, caps))
                    stack.append((first, caps))
                case .save(let slot):
                    var copy = caps
                    copy[slot] = position
                    stack.append((pc + 1, copy))
                case .begin: if position == 0 { stack.append((pc + 1, caps)) }
                case .end: if position == input.count { stack.append((pc + 1, caps)) }
                case .wordBoundary(let wanted):
                    let before = position > 0 && Pattern.isWord(input[position - 1])
                    let after = position < input.count && Pattern.isWord(input[position])
                    if (before != after) == wanted { stack.append((pc + 1, caps)) }
                default: list.append(Thread(pc: pc, caps: caps))
                }
            }
        }

        for position in 0...input.count {
            if matched == nil { try add(&current, 0, unset, position) }
            if current.isEmpty && matched != nil { break }
            for thread in current {
                steps += 1
                if steps > Pattern.stepLimit { throw TooMuchWork() }
                let scalar = position < input.count ? input[position] : nil
                switch program[thread.pc] {
                case .char(let c):
                    if scalar == c { try add(&next, thread.pc + 1, thread.caps, position + 1) }
                case .any:
                    if let scalar, scalar != "\n" { try add(&next, thread.pc + 1, thread.caps, position + 1) }
                case .set(let index):
                    if let scalar, sets[index].contains(scalar, ignoreCase: ignoreCase) {
                        try add(&next, thread.pc + 1, thread.caps, position + 1)
                    }
                case .match:
                    matched = thread.caps
                default: break
                }
                if case .match = program[thread.pc] { break }
            }
            swap(&current, &next)
            next.removeAll(keepingCapacity: true)
        }
        return matched
    }
}

private enum Instruction: Sendable {
    case char(Unicode.Scalar)
    case any
    case set(Int)
    case begin, end
    case wordBoundary(Bool)
    case save(Int)
    case split(Int, Int)
    case jump(Int)
    case match
}

private struct CharSet: Sendable {
    enum Class: Sendable { case word, digit, space }
    var ranges: [ClosedRange<UInt32>] = []
    var classes: [(Class, Bool)] = []
    var negated = false

    func contains(_ s: Unicode.Scalar, ignoreCase: Bool) -> Bool {
        func test(_ s: Unicode.Scalar) -> Bool {
            if ranges.contains(where: { $0.contains(s.value) }) { return true }
            return classes.contains { cls, negated in
                let hit: Bool
                switch cls {
                case .word: hit = Pattern.isWord(s)
                case .digit:
                    hit = s.isASCII ? (0x30...0x39).contains(s.value) : s.properties.numericType == .decimal
                case .space:
                    hit = s.isASCII ? String.isASCIIWhitespace(s.value) : s.properties.isWhitespace
                }
                return hit != negated
            }
        }
        // Ignoring case, `s` is in the set when any scalar with the same fold is: `[ſ]`, `[S]`
        // and `[a-z]` all hold "s", just as the literals `ſ`, `S` and `s` match it.
        let hit = ignoreCase ? Pattern.anyFolding(to: Pattern.fold(s), test) : test(s)
        return hit != negated
    }
}

/// Only the cases holding one node are boxed: a pattern is mostly characters, and boxing
/// each one cost an allocation per character of every pattern at start-up.
private enum Node {
    case empty
    case char(Unicode.Scalar)
    case any
    case set(Int)
    case begin, end
    case wordBoundary(Bool)
    indirect case group(Node, Int?)
    case concat([Node])
    case alternation([Node])
    indirect case repeated(Node, min: Int, max: Int?, greedy: Bool)
}

private struct Parser {
    let input: [Unicode.Scalar]
    let ignoreCase: Bool
    var index = 0
    var sets: [CharSet] = []
    var groupCount = 0
    var depth = 0

    init(_ input: [Unicode.Scalar], ignoreCase: Bool) {
        self.input = input
        self.ignoreCase = ignoreCase
    }

    func error(_ message: String) -> AllianceError {
        AllianceError("pattern: \(message) at character \(index + 1)")
    }

    var peek: Unicode.Scalar? { index < input.count ? input[index] : nil }

    mutating func parseAll() throws(AllianceError) -> Node {
        guard input.count <= 1000 else { throw AllianceError("pattern: longer than 1000 characters") }
        let node = try parseAlternation()
        if index < input.count { throw error("unbalanced )") }
        return node
    }

    mutating func parseAlternation() throws(AllianceError) -> Node {
        depth += 1
        defer { depth -= 1 }
        guard depth < 50 else { throw error("groups nested too deeply") }
        var branches = [try parseConcat()]
        while peek == "|" {
            index += 1
            branches.append(try parseConcat())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseConcat() throws(AllianceError) -> Node {
        var items: [Node] = []
        while let c = peek, c != "|", c != ")" {
            var atom = try parseAtom()
            atom = try parseQuantifiers(atom)
            items.append(atom)
        }
        return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .concat(items))
    }

    mutating func parseQuantifiers(_ atom: Node) throws(AllianceError) -> Node {
        var node = atom
        while let c = peek, "*+?{".unicodeScalars.contains(c) {
            let bounds: (Int, Int?)
            switch c {
            case "*": bounds = (0, nil)
            case "+": bounds = (1, nil)
            case "?": bounds = (0, 1)
            default:
                guard let parsed = try parseBraces() else { return node }
                bounds = parsed
            }
            index += 1
            if case .begin = node { throw error("nothing to repeat") }
            if case .end = node { throw error("nothing to repeat") }
            if case .repeated = node { throw error("a repeat of a repeat; put the inner one in (?: )") }
            var greedy = true
            if peek == "?" {
                greedy = false
                index += 1
            }
            node = .repeated(node, min: bounds.0, max: bounds.1, greedy: greedy)
        }
        return node
    }

    /// `{n}`, `{n,}` or `{n,m}` at `index`; leaves `index` on the closing brace. Nil when it is a literal `{`.
    mutating func parseBraces() throws(AllianceError) -> (Int, Int?)? {
        var i = index + 1
        func number() -> Int? {
            var n = 0
            var seen = false
            while i < input.count, let d = Int(String(input[i])), input[i].isASCII {
                n = n * 10 + d
                seen = true
                i += 1
                if n > 1000 { break }
            }
            return seen ? n : nil
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if i < input.count && input[i] == "," {
            i += 1
            high = number()
        }
        guard i < input.count, input[i] == "}" else { return nil }
        if let high, high < low { throw error("the repeat {\(low),\(high)} counts backwards") }
        guard (high ?? low) <= 100 else { throw error("a repeat can count to 100 at most") }
        index = i
        return (low, high)
    }

    mutating func parseAtom() throws(AllianceError) -> Node {
        let c = input[index]
        index += 1
        switch c {
        case "(":
            var capture: Int?
            if peek == "?" {
                guard index + 1 < input.count, input[index + 1] == ":" else {
                    throw error("(?= (?! (?<= and other look-around are not supported; only (?: ) groups")
                }
                index += 2
            } else {
                groupCount += 1
                capture = groupCount
            }
            let inner = try parseAlternation()
            guard peek == ")" else { throw error("missing )") }
            index += 1
            return .group(inner, capture)
        case "[": return try parseSet()
        case ".": return .any
        case "^": return .begin
        case "$": return .end
        case "\\": return try parseEscape(inSet: false).node
        case "*", "+", "?": throw error("nothing to repeat before \(c)")
        default: return .char(ignoreCase ? Pattern.fold(c) : c)
        }
    }

    mutating func parseEscape(inSet: Bool) throws(AllianceError) -> (
        node: Node, scalar: Unicode.Scalar?, cls: (CharSet.Class, Bool)?
    ) {
        guard let c = peek else { throw error("a \\ at the end") }
        index += 1
        switch c {
        case "w": return (.set(addSet(CharSet(classes: [(.word, false)]))), nil, (.word, false))
        case "W": return (.set(addSet(CharSet(classes: [(.word, true)]))), nil, (.word, true))
        case "d": return (.set(addSet(CharSet(classes: [(.digit, false)]))), nil, (.digit, false))
        case "D": return (.set(addSet(CharSet(classes: [(.digit, true)]))), nil, (.digit, true))
        case "s": return (.set(addSet(CharSet(classes: [(.space, false)]))), nil, (.space, false))
        case "S": return (.set(addSet(CharSet(classes: [(.space, true)]))), nil, (.space, true))
        case "b" where !inSet: return (.wordBoundary(true), nil, nil)
        case "B" where !inSet: return (.wordBoundary(false), nil, nil)
        case "n": return (.char("\n"), "\n", nil)
        case "t": return (.char("\t"), "\t", nil)
        default:
            if c.properties.isAlphabetic || c.properties.numericType != nil {
                throw error("unknown escape \\\(c)")
            }
            return (.char(c), c, nil)
        }
    }

    mutating func addSet(_ set: CharSet) -> Int {
        sets.append(set)
        return sets.count - 1
    }

    mutating func parseSet() throws(AllianceError) -> Node {
        var set = CharSet()
        if peek == "^" {
            set.negated = true
            index += 1
        }
        var first = true
        while true {
            guard let c = peek else { throw error("missing ]") }
            if c == "]" && !first {
                index += 1
                break
            }
            first = false
            index += 1
            var low = c
            if c == "\\" {
                let escape = try parseEscape(inSet: true)
                if let cls = escape.cls {
                    set.classes.append(cls)
                    continue
                }
                low = escape.scalar ?? c
            }
            if peek == "-", index + 1 < input.count, input[index + 1] != "]" {
                index += 1
                var high = input[index]
                index += 1
                if high == "\\" {
                    high = try parseEscape(inSet: true).scalar ?? high
                }
                guard high.value >= low.value else { throw error("range \(low)-\(high) is backwards") }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
        return .set(addSet(set))
    }
}

private struct Compiler {
    let ignoreCase: Bool
    var program: [Instruction] = []

    init(ignoreCase: Bool) { self.ignoreCase = ignoreCase }

    mutating func emit(_ instruction: Instruction) { program.append(instruction) }

    mutating func compile(_ node: Node) throws(AllianceError) {
        guard program.count < Pattern.programLimit else {
            throw AllianceError(
                "pattern: too large once its repeats are expanded (limit \(Pattern.programLimit) steps)")
        }
        switch node {
        case .empty: break
        case .char(let c): emit(.char(c))
        case .any: emit(.any)
        case .set(let index): emit(.set(index))
        case .begin: emit(.begin)
        case .end: emit(.end)
        case .wordBoundary(let wanted): emit(.wordBoundary(wanted))
        case .group(let inner, let capture):
            if let capture { emit(.save(2 * capture)) }
            try compile(inner)
            if let capture { emit(.save(2 * capture + 1)) }
        case .concat(let items):
            for item in items { try compile(item) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (i, branch) in branches.enumerated() {
                if i < branches.count - 1 {
                    let split = program.count
                    emit(.split(split + 1, -1))
                    try compile(branch)
                    jumps.append(program.count)
                    emit(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try compile(branch)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repeated(let inner, let min, let max, let greedy):
            guard let max else {
                try compileLoop(inner, min: min, greedy: greedy)
                return
            }
            for _ in 0..<min { try compile(inner) }
            var splits: [Int] = []
            for _ in min..<max {
                splits.append(program.count)
                emit(.split(-1, -1))
                try compile(inner)
            }
            for split in splits {
                program[split] = greedy ? .split(split + 1, program.count) : .split(program.count, split + 1)
            }
        }
    }

    /// `x{n,}` as n-1 passes of `x` then `x+`, and `x*` as `(?:x+)?`: the loop decides whether to
    /// go round again after a pass, not before. After a pass that matched nothing, going round
    /// again would revisit the pass's start at the position already visited, which the VM drops,
    /// so that thread leaves the loop and goes on, as in Perl and RE2: `(?:.*?)*` on "ab" matches
    /// "". (With a `jump` back to a split before the pass, the empty pass's thread died on that
    /// split and the next preference, `.` taking the "a", won.) The program is no larger.
    private mutating func compileLoop(_ inner: Node, min: Int, greedy: Bool) throws(AllianceError) {
        for _ in 0..<Swift.max(min - 1, 0) { try compile(inner) }
        let skip = program.count
        if min == 0 { emit(.split(-1, -1)) }
        let body = program.count
        try compile(inner)
        let after = program.count + 1
        emit(greedy ? .split(body, after) : .split(after, body))
        if min == 0 { program[skip] = greedy ? .split(body, after) : .split(after, body) }
    }
}
