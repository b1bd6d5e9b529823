extension ShellCommand {
    static let pack = ShellCommand(
        "pack", Signature([.word("ID", optional: true, candidates: { context in context.packs.ids })]),
        summary: "show the active pack, or switch to another",
        details: """
            `/pack` shows the active pack and how much of each section was asked; with no pack chosen
            yet, it lists the packs and who each is for. `/pack ID` switches to a pack: a unique
            beginning of its id is enough (`/pack allow` is allowance), and Tab completes ids.
            """,
        run: { arguments, context throws(AllianceError) in
            guard let id = arguments["ID"] else {
                if context.state.activePack == nil {
                    return .show(choosePack(context.packs, width: context.width))
                }
                let pack = try context.activePack(for: .command("/pack"))
                return .show(describe(pack, state: context.state))
            }
            let pack = try findPack(id, in: context.packs)
            if context.state.activePack == pack.id { return .show(describe(pack, state: context.state)) }
            return Outcome(
                events: [Outcome.Record(kind: .pack(id: pack.id, hash: pack.hash))],
                lines: describe(pack, state: context.state))
        })

    /// The pack `word` names: its id, or a unique beginning of one (without case); an ambiguous
    /// beginning lists the packs it fits.
    static func findPack(_ word: String, in packs: PackLibrary) throws(AllianceError) -> Pack {
        let typed = word.lowercased()
        if let pack = packs[typed] { return pack }
        let fits = packs.packs.filter { $0.id.hasPrefix(typed) }
        if fits.count == 1 { return fits[0] }
        guard fits.isEmpty else {
            throw AllianceError(
                "\"\(word)\" could be \(fits.map(\.id).joined(separator: ", ")): type more of the id"
                    .terminalSafe,
                at: .command("/pack"))
        }
        throw AllianceError("no pack \"\(word)\" (/packs lists them)".terminalSafe, at: .command("/pack"))
    }

    /// The packs that ask the questions of a design (not the helper packs `/probe` and `/repair`
    /// draw on), each with who it is for, aligned, and how to pick one.
    static func choosePack(_ packs: PackLibrary, width: Int) -> [Line] {
        let helpers: Set = [probesPackID, repairPackID]
        let choices = packs.packs.filter { !helpers.contains($0.id) }
        guard !choices.isEmpty else {
            return [Line("No packs are loaded: see docs/packs.md to write one.", .warning)]
        }
        var lines = [Line("No pack chosen yet. Which fits the people in front of you?", .heading)]
        // Who each is for wraps in a column of its own, or under the title when the terminal is narrow.
        let heads = Table.lines(choices.map { [$0.id, $0.title] }).map { "  " + $0 }
        let start = (heads.map(\.displayWidth).max() ?? 0) + 2
        let beside = width - start >= 40
        let indent = beside ? start : 2 + (choices.map(\.id.displayWidth).max() ?? 0) + 2
        for (head, pack) in zip(heads, choices) {
            let wrapped = pack.forWhen.map { $0.terminalSafe.wrapped(to: width - indent) } ?? []
            if beside, let first = wrapped.first {
                lines.append(Line(head.padded(toColumns: start) + first, .plain))
            } else {
                lines.append(Line(head, .plain))
            }
            for more in wrapped.dropFirst(beside ? 1 : 0) {
                lines.append(Line(String(repeating: " ", count: indent) + more, .dim))
            }
        }
        lines.append(Line("/pack ID picks one (a unique beginning of the id is enough); then /ask.", .dim))
        return lines
    }

    static func describe(_ pack: Pack, state: AllianceState) -> [Line] {
        let asked = pack.questions.filter { state.hasAsked(pack: pack.id, question: $0.question.id) }.count
        var lines = [
            Line(
                "\(pack.title) (\(pack.id)): \(pack.questionCount) questions, \(asked) asked".terminalSafe,
                .heading)
        ]
        if let forWhen = pack.forWhen { lines.append(Line("  For: \(forWhen)".terminalSafe, .dim)) }
        for section in pack.sections {
            let done = section.questions.filter { state.hasAsked(pack: pack.id, question: $0.id) }.count
            let repair = section.slug == pack.repairSection ? "  (/repair asks these)" : ""
            lines.append(
                Line(
                    "  \(section.slug.padded(to: 22)) \(done)/\(section.questions.count)  \(section.title)\(repair)"
                        .terminalSafe, .dim))
        }
        return lines
    }
}
