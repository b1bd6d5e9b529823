/// What checking pack or plugin files found (`alliance packs lint`, `alliance plugins lint`), in
/// the order to print it.
package struct LintReport {
    package enum Entry: Equatable {
        /// For standard error: `path:line: severity: message`.
        case finding(AllianceError)
        /// For standard output: what a file holds.
        case line(String)
    }

    package var entries: [Entry] = []
    /// Errors and warnings found, in every file.
    package private(set) var errors = 0
    package private(set) var warnings = 0
    /// The last line, for standard output: what was checked and what was found.
    package var summary = ""

    /// Notes findings, counting each error and warning.
    package mutating func add(_ findings: [AllianceError]) {
        for finding in findings {
            switch finding.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: break
            }
            entries.append(.finding(finding.asFinding()))
        }
    }

    /// The bytes of a file being checked, or nil with the reason noted as an error.
    package mutating func read(_ path: String, limit: Int) -> [UInt8]? {
        do {
            return try Files.read(path, limit: limit)
        } catch {
            add([error.located(.file(path))])
            return nil
        }
    }

    /// `3 packs, 41 questions: 2 errors, 1 warning`.
    package mutating func summarize(_ checked: String) {
        summary = "\(checked): \(plural(errors, "error")), \(plural(warnings, "warning"))"
    }

    /// Files to check: each path itself, or for a directory the files in it with one of
    /// `suffixes`. What is wrong on the way is noted and the rest still checked: a path that is
    /// not there, a folder that cannot be listed (errors), and a file in a folder whose name ends
    /// in one of `misnamed` (an editor's "Save as text"; `warning` says how to rename it).
    package mutating func files(
        _ paths: [String], suffixes: [String], misnamed: [String], warning: (String) -> AllianceError
    ) -> [String] {
        var files: [String] = []
        for path in paths {
            if Files.isDirectory(path) {
                let found = Files.files(in: [path], suffixes: suffixes + misnamed)
                add(found.errors.map { $0.with(.error) })
                for file in found.files {
                    if misnamed.contains(where: file.path.hasSuffix) {
                        add([warning(file.path)])
                    } else {
                        files.append(file.path)
                    }
                }
            } else if Files.exists(path) {
                files.append(path)
            } else {
                add([AllianceError("no such file or directory", at: .file(path))])
            }
        }
        return files
    }

    /// Prints the report in order: findings to standard error, the rest to standard output.
    package func show() {
        for entry in entries {
            switch entry {
            case .finding(let finding): StandardError.report(finding)
            case .line(let line): print(line)
            }
        }
        print(summary)
    }
}
