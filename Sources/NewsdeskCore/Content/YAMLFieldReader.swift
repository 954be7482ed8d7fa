import Yams

/// Reads typed fields out of a composed YAML mapping, reporting each mismatch at the line where
/// the editor wrote it.
///
/// Nodes are composed with Yams' `basic` resolver, so every scalar keeps the text the editor
/// typed: `title: no` stays "no" and `title: 2023-11-23` stays a string (the YAML 1.1 traps).
/// Typing is decided here, per field, where the meaning is known.
struct YAMLFieldReader {
    let path: String
    /// Added to Yams' 1-based YAML line to get the line in the original file.
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, lineOffset: Int) {
        self.path = path
        self.lineOffset = lineOffset
    }

    func line(of node: Node) -> Int? { node.mark.map { $0.line + lineOffset } }
    func column(of node: Node) -> Int? { node.mark?.column }

    mutating func error(_ message: String, at node: Node?, hint: String? = nil) {
        diagnostics.append(.error(message, path: path, line: node.flatMap(line(of:)), column: node.flatMap(column(of:)), hint: hint))
    }

    mutating func appendDiagnostic(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    mutating func warning(_ message: String, at node: Node?, hint: String? = nil) {
        diagnostics.append(.warning(message, path: path, line: node.flatMap(line(of:)), column: node.flatMap(column(of:)), hint: hint))
    }

    /// A scalar's text, or nil after reporting that `key` needs a single value.
    mutating func string(_ node: Node, key: String) -> String? {
        if let scalar = node.scalar {
            if scalar.style == .plain && Self.isNull(scalar.string) { return nil }
            return scalar.string
        }
        error("'\(key)' must be a single value, not a \(Self.kindName(node))", at: node,
              hint: "write it on one line, like \(key): some text")
        return nil
    }

    /// An optional text field (`summary: ""`, `image: " "`): text of only spaces is no text,
    /// as if the field were not there, so that a template never shows an empty image or summary.
    mutating func text(_ node: Node, key: String) -> String? {
        guard let text = string(node, key: key), !text.trimmingSpacesAndNewlines().isEmpty else { return nil }
        return text
    }

    mutating func bool(_ node: Node, key: String) -> Bool? {
        if let scalar = node.scalar, scalar.style == .plain {
            switch scalar.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        error("'\(key)' must be true or false, not \(Self.describe(node))", at: node,
              hint: "write \(key): true or \(key): false")
        return nil
    }

    mutating func int(_ node: Node, key: String, range: ClosedRange<Int>) -> Int? {
        if let scalar = node.scalar, let value = Int(scalar.string), range.contains(value) {
            return value
        }
        error("'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(Self.describe(node))", at: node)
        return nil
    }

    /// A list of strings; a single scalar is accepted as a list of one, as Hugo and Jekyll do.
    mutating func stringList(_ node: Node, key: String) -> [String]? {
        if let sequence = node.sequence {
            var result: [String] = []
            for element in sequence {
                guard let scalar = element.scalar else {
                    error("each entry of '\(key)' must be a single value, not a \(Self.kindName(element))", at: element)
                    return nil
                }
                let text = scalar.string.trimmingSpaces()
                if !text.isEmpty { result.append(text) }
            }
            return result
        }
        if let scalar = node.scalar {
            if scalar.style == .plain && Self.isNull(scalar.string) { return [] }
            // `tags: 5` is almost always a slip; a single word is a deliberate one-element list.
            if scalar.style == .plain, Int(scalar.string) != nil || Double(scalar.string) != nil {
                error("'\(key)' must be a list, not the number \(scalar.string)", at: node,
                      hint: "write \(key): [\"\(scalar.string)\"] or a list with one '- item' per line")
                return nil
            }
            return [scalar.string]
        }
        error("'\(key)' must be a list of values, not a \(Self.kindName(node))", at: node,
              hint: "write \(key): [first, second]")
        return nil
    }

    /// A free-form value for templates: plain `true`/`false` become booleans, the rest keeps its text.
    func templateValue(_ node: Node) -> TemplateValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                switch scalar.string {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default: if Self.isNull(scalar.string) { return .null }
                }
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            return .list(sequence.map(templateValue))
        case .mapping(let mapping):
            return .map(mapping.compactMap { pair in pair.key.scalar.map { ($0.string, templateValue(pair.value)) } })
        case .alias:
            return .null
        }
    }

    static func isNull(_ text: String) -> Bool { text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL" }

    static func kindName(_ node: Node) -> String {
        switch node {
        case .scalar: return "single value"
        case .sequence: return "list"
        case .mapping: return "group of fields"
        case .alias: return "YAML alias"
        }
    }

    static func describe(_ node: Node) -> String {
        if let scalar = node.scalar { return "\"\(scalar.string)\"" }
        return "a \(kindName(node))"
    }
}

/// Turns a Yams syntax error into a diagnostic at the offending token.
enum YAMLErrorTranslator {
    static func diagnostic(for error: any Error, path: String, lineOffset: Int) -> Diagnostic {
        guard let yamlError = error as? YamlError else {
            return .error("could not read YAML: \(error)", path: path, line: lineOffset + 1)
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, let yaml),
             .parser(let context, let problem, let mark, let yaml),
             .composer(let context, let problem, let mark, let yaml):
            // An unclosed quote is found only where the text ends: the editor has to look where it opens.
            if let context, context.text.contains("quoted scalar") {
                return .error("this quoted text is never closed: the closing quote mark is missing", path: path,
                              line: context.mark.line + lineOffset, column: context.mark.column,
                              hint: "end the value with the quote mark it starts with; a \" inside \"…\" is written \\\", a ' inside '…' is written ''")
            }
            // A value followed by more text (`title: 'It's here'`): the quote closed early.
            if problem.contains("did not find expected key"), !startsItsLine(mark, in: yaml) {
                return .error("the text after the value on this line cannot be read; did a quote mark end the value early?", path: path,
                              line: mark.line + lineOffset, column: mark.column,
                              hint: "a value holding a quote mark goes in the other kind of quotes (title: \"It's here\"), or doubles it ('It''s here')")
            }
            // libyaml's own wording names its C API; editors need the fact.
            let fact = plainWords(for: problem)
            var message = fact
            if let context, fact == problem { message += " (\(context.text) on line \(context.mark.line + lineOffset))" }
            return .error(message, path: path, line: mark.line + lineOffset, column: mark.column,
                          hint: hintFor(problem: problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? "?"
            return .error("the field '\(key)' appears more than once", path: path,
                          line: context.mark.line + lineOffset, column: context.mark.column,
                          hint: "keep one '\(key):' line and delete the other")
        case .reader(let problem, _, _, _):
            return .error("YAML could not be read: \(problem)", path: path, line: lineOffset + 1)
        default:
            return .error("YAML could not be read: \(yamlError)", path: path, line: lineOffset + 1)
        }
    }

    /// Whether only spaces come before `mark` on its line: an indentation problem, not a value's.
    private static func startsItsLine(_ mark: Mark, in yaml: String) -> Bool {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return true }
        return lines[mark.line - 1].prefix(max(mark.column - 1, 0)).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// libyaml's problems as an editor would say them; unknown ones keep libyaml's words.
    private static func plainWords(for problem: String) -> String {
        if problem.contains("nesting level") { return "YAML syntax error: values nest too deeply" }
        if problem.contains("mapping values are not allowed") {
            return "this value contains ': ', which starts a new field in YAML"
        }
        if problem.contains("tab character") { return "this line is indented with a tab; YAML needs spaces" }
        if problem.contains("found character that cannot start any token") {
            return "this line starts with a character that cannot begin a value (a tab, @, ` or %)"
        }
        if problem.contains("could not find expected ':'") { return "this line is not in the form 'field: value'" }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
            return "this line is indented differently from the fields around it"
        }
        return "YAML syntax error: \(problem)"
    }

    private static func hintFor(problem: String) -> String? {
        if problem.contains("nesting level") {
            return "values nest more than 1000 levels deep here; front matter needs one or two"
        }
        if problem.contains("mapping values are not allowed") {
            return "a value containing ': ' must be quoted, like title: \"Forum: the results\""
        }
        if problem.contains("tab character") { return "replace the tab at the start of the line with spaces" }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
            return "start each field at the same column as the others, and each '- ' entry of a list at the same column"
        }
        if problem.contains("tab character") { return "this line is indented with a tab; YAML needs spaces" }
        if problem.contains("found character that cannot start any token") {
            return "values starting with @, ` or % must be quoted; indent with spaces, not tabs"
        }
        if problem.contains("could not find expected ':'") {
            return "each line needs the form key: value"
        }
        return "check quotes, colons and indentation on this line and the one before"
    }
}
