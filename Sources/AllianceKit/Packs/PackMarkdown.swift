import CMarkGFM

/// A pack's body as cmark-gfm reads it (GitHub's CommonMark parser): the walk over its blocks
/// that finds the title, the intro, the sections, the questions and their probes.
extension Pack {
    /// What the body's blocks say, in order; `line` counts from the body's first line (1).
    enum BodyBlock {
        /// A heading: its level and plain text.
        case heading(level: Int, text: String, line: Int)
        /// A paragraph at the top level: its plain text.
        case paragraph(String)
        /// A top-level list item: its own text, the line of its last paragraph (where an id
        /// would be), the text of every list item nested in it, in order, and the HTML tags
        /// (not comments) left out of its text, such as a `<name>` meant as a placeholder.
        case item(text: String, line: Int, idLine: Int, probes: [String], html: [String])
    }

    /// The body's blocks as `BodyBlock`s; code blocks, block quotes, HTML, thematic breaks and
    /// anything else that is not a heading, paragraph or list is left out. Never recursive, so
    /// deep nesting (`> > > …`, lists in lists) costs no stack.
    static func bodyBlocks(_ body: String) -> [BodyBlock] {
        let document = body.withCString { cmark_parse_document($0, body.utf8.count, CMARK_OPT_DEFAULT) }
        guard let document else { return [] }
        defer { cmark_node_free(document) }
        var blocks: [BodyBlock] = []
        var next = cmark_node_first_child(document)
        while let node = next {
            next = cmark_node_next(node)
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING {
                blocks.append(
                    .heading(
                        level: Int(cmark_node_get_heading_level(node)), text: plainText(of: node).trimmed,
                        line: Int(cmark_node_get_start_line(node))))
            } else if type == CMARK_NODE_PARAGRAPH {
                blocks.append(.paragraph(plainText(of: node).trimmed))
            } else if type == CMARK_NODE_LIST {
                var child = cmark_node_first_child(node)
                while let item = child {
                    child = cmark_node_next(item)
                    var html: [String] = []
                    let (text, idLine) = itemText(item, html: &html)
                    blocks.append(
                        .item(
                            text: text, line: Int(cmark_node_get_start_line(item)),
                            idLine: idLine ?? Int(cmark_node_get_start_line(item)),
                            probes: nestedItems(of: item), html: html))
                }
            }
        }
        return blocks
    }

    /// The text of a list item's own paragraphs (and headings), joined by spaces, and the last
    /// line of the last of them; nested lists, code, quotes and HTML are not part of it.
    private static func itemText(_ item: OpaquePointer, html: inout [String]) -> (
        text: String, lastLine: Int?
    ) {
        var parts: [String] = []
        var lastLine: Int?
        var next = cmark_node_first_child(item)
        while let node = next {
            next = cmark_node_next(node)
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING else { continue }
            let text = plainText(of: node, html: &html).trimmed
            guard !text.isEmpty else { continue }
            parts.append(text)
            lastLine = Int(cmark_node_get_end_line(node))
        }
        return (parts.joined(separator: " "), lastLine)
    }

    /// The text of every list item nested in `item` through lists only (not in a quote), in
    /// document order, without empty ones.
    private static func nestedItems(of item: OpaquePointer) -> [String] {
        var found: [String] = []
        // The nodes still to visit, the next one last.
        var stack: [OpaquePointer] = []
        func pushChildren(_ node: OpaquePointer) {
            let start = stack.count
            var next = cmark_node_first_child(node)
            while let child = next {
                next = cmark_node_next(child)
                let type = cmark_node_get_type(child)
                if type == CMARK_NODE_LIST || type == CMARK_NODE_ITEM { stack.append(child) }
            }
            stack[start...].reverse()
        }
        pushChildren(item)
        guard !stack.isEmpty else { return [] }
        while let node = stack.popLast() {
            if cmark_node_get_type(node) == CMARK_NODE_ITEM {
                var html: [String] = []
                let text = itemText(node, html: &html).text
                if !text.isEmpty { found.append(text) }
            }
            pushChildren(node)
        }
        return found
    }

    /// A block's inline content as plain text, the way it reads on the page: emphasis, links and
    /// code spans give their text, line breaks a space, inline HTML (comments) nothing.
    static func plainText(of node: OpaquePointer) -> String {
        var html: [String] = []
        return plainText(of: node, html: &html)
    }

    /// `plainText(of:)`, adding each inline HTML tag it leaves out (not comments) to `html`. Where
    /// one was left out, runs of spaces are one space: `What does <name> want?` reads
    /// "What does want?", as the page shows it.
    static func plainText(of node: OpaquePointer, html: inout [String]) -> String {
        // Most questions are one run of text: no iterator (an allocation) for them.
        if let only = cmark_node_first_child(node), cmark_node_next(only) == nil,
            cmark_node_get_type(only) == CMARK_NODE_TEXT
        {
            return cmark_node_get_literal(only).map { String(cString: $0) } ?? ""
        }
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        var dropped = false
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let inline = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(inline)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                if let literal = cmark_node_get_literal(inline) { text += String(cString: literal) }
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            } else if type == CMARK_NODE_HTML_INLINE, let literal = cmark_node_get_literal(inline) {
                let tag = String(cString: literal)
                if !tag.hasPrefix("<!--") {
                    html.append(tag)
                    dropped = true
                }
            }
        }
        if dropped {
            return text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        return text
    }
}
