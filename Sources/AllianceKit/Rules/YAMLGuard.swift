import CYaml

/// What a YAML text is refused for before Yams composes it: an anchor or alias (`&a`, `*a`),
/// which lets a few hundred bytes stand for billions of nodes (a "billion laughs"), or nesting
/// deeper than `maxDepth`, which Yams composes by recursion. Plugins and pack front matter never
/// need either.
///
/// One pass over libyaml's events, in constant memory: the text is not composed.
enum YAMLGuard {
    static let maxDepth = 64

    /// The reason and the 1-based line of the first thing refused, or nil when there is none
    /// (or when the text is not YAML: Yams then says why, with its line).
    static func refusal(in text: String) -> (reason: String, line: Int)? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        return bytes.withUnsafeMutableBufferPointer { buffer -> (String, Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                var anchored = false
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_ALIAS_EVENT:
                    return ("aliases (`*name`) are not read here: write the value out in full", line)
                case YAML_SCALAR_EVENT:
                    anchored = event.data.scalar.anchor != nil
                case YAML_SEQUENCE_START_EVENT:
                    anchored = event.data.sequence_start.anchor != nil
                    depth += 1
                case YAML_MAPPING_START_EVENT:
                    anchored = event.data.mapping_start.anchor != nil
                    depth += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
                if anchored {
                    return ("anchors (`&name`) are not read here: write the value out in full", line)
                }
                if depth > maxDepth {
                    return ("lists and mappings are nested more than \(maxDepth) levels deep", line)
                }
            }
            return nil
        }
    }
}
