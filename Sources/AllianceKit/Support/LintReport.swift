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
    /// Files that could not be read or had an error.
    package var errors = 0
    /// The last line, for standard output: what was checked and what was found.
    package var summary = ""

    /// Files to check: each path itself, or for a directory the files in it with one of `suffixes`.
    package static func files(_ paths: [String], suffixes: [String]) throws(AllianceError) -> [String] {
        var files: [String] = []
        for path in paths {
            if Files.isDirectory(path) {
                let found = Files.files(in: [path], suffixes: suffixes)
                if let error = found.errors.first { throw error }
                files += found.files.map(\.path)
            } else {
                guard Files.exists(path) else {
                    throw AllianceError("no such file or directory", at: .file(path))
                }
                files.append(path)
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
