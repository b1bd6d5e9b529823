/// What the `alliance packs` commands print.
extension PackLibrary {
    /// `alliance packs list`: id, questions, where from (named by `workspace`), title.
    package func table(in workspace: Workspace) -> [String] {
        var rows = [["ID", "QUESTIONS", "FROM", "TITLE"]]
        for pack in packs {
            let from = workspace.label(forDirectory: directories[pack.id] ?? "")
            rows.append([pack.id, String(pack.questionCount), from, pack.title])
        }
        return Table.lines(rows)
    }
}

extension Pack {
    /// `alliance packs show`: the pack's sections and questions with their ids and probes.
    package var outline: [String] {
        var lines = ["\(title) (\(id))"]
        if let forWhen { lines.append("For: \(forWhen)") }
        if !tags.isEmpty { lines.append("Tags: \(tags.joined(separator: ", "))") }
        lines.append("From: \(path)")
        if let intro { lines += [""] + intro.wrapped(to: 78) }
        for section in sections {
            lines += ["", "## \(section.title)  (/ask \(section.slug))"]
            for question in section.questions {
                lines.append("  \(question.id.padded(to: 22)) \(question.text)")
                lines += question.probes.map { "  \("".padded(to: 22))   ↳ \($0)" }
            }
        }
        return lines.map(\.terminalSafe)
    }
}

/// `alliance packs lint`: each pack's structure, and each question against the rules' flags.
package enum PackLint {
    /// Checks the packs at `paths` (files, or directories of `.md` files): every error and
    /// warning of every file, in one run; exit status 1 when any has an error, warnings alone pass.
    package static func check(_ paths: [String], against rules: RuleBook) -> LintReport {
        var report = LintReport()
        var packs = 0
        var questions = 0
        for path in report.files(paths, suffixes: [".md"], misnamed: [".md.txt"], warning: Pack.misnamed) {
            guard let bytes = report.read(path, limit: Pack.sizeLimit) else { continue }
            let (pack, findings) = Pack.findings(bytes: bytes, path: path)
            report.add(findings)
            guard let pack else { continue }
            packs += 1
            questions += pack.questionCount
            for (_, question) in pack.questions {
                for hit in rules.flags(for: question.text).hits {
                    var message = "\(hit.rule.qualifiedID): \(hit.rule.message)"
                    if let fix = hit.fix { message += " Try: “\(fix)”" }
                    report.add([.finding(message, at: .file(path, line: question.line), severity: .warning)])
                }
            }
        }
        report.summarize("\(plural(packs, "pack")), \(plural(questions, "question"))")
        return report
    }
}

/// The skeleton `alliance packs new` writes.
package enum PackTemplate {
    /// Writes the skeleton of a pack called `name` to the home's packs folder, never over a file
    /// that is there; returns what to tell the coach.
    package static func create(named name: String, in home: DataHome) throws(AllianceError) -> [String] {
        let id = name.slug
        guard !id.isEmpty, id.count <= 64, id.unicodeScalars.allSatisfy(\.isASCII) else {
            throw AllianceError(
                "a pack name needs letters or digits (plain ASCII for its file name), e.g. \"Trip to Lisbon\""
            )
        }
        let path = Files.join(home.packs, id + ".md")
        _ = try home.prepare()
        try Files.makeDirectory(home.packs, mode: 0o700)
        guard !Files.exists(path) else {
            throw AllianceError("a pack is already there; edit it, or choose another name", at: .file(path))
        }
        try Files.create(path, contents: Array(text(id: id, title: name).utf8))
        return [
            "Created \(path)",
            "Edit it, check it with `alliance packs lint \(path)`, then use it with `/pack \(id)` in the shell",
            "(or `/reload` in a shell that is already running). docs/packs.md explains the format.",
        ]
    }

    package static func text(id: String, title: String) -> String {
        """
        ---
        id: \(id)
        title: \(title)
        tags: []
        for: When to use this pack, in one sentence.
        version: 1
        ---

        # \(title)

        A sentence or two for the facilitator: when these questions help, and how to use them.

        ## What we want

        - What would make this time together great for you? {#great}
          - What does {that} look like?
          - How would I know when {that} is missing?
        - How do you like to decide things together? {#deciding}

        ## When it gets hard

        - How will we know when something is off between us? {#off-track}
        - What helps you get back on track when things go wrong? {#back-on-track}

        """
    }
}
