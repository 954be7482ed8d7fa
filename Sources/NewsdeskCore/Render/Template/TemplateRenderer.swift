/// A theme's parsed templates, by name (`article`, `partials/head`): what `{{> name}}` and
/// `{{< name}}` find. Immutable once loaded, so every rendering task shares one.
public struct TemplateLibrary: Sendable {
    public private(set) var templates: [String: ParsedTemplate] = [:]

    public init() {}

    public mutating func register(_ template: ParsedTemplate, named name: String) {
        templates[name] = template
    }

    /// The page `name` renders for `data`, as the UTF-8 bytes written to its file; nil when the
    /// theme has no such template.
    public func renderBytes(_ data: TemplateData, template name: String) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(library: self, root: data)
        renderer.render(template.nodes, blocks: [:])
        return renderer.output
    }
}

/// Walks a parsed template over a `TemplateData` context stack, as Mustache specifies:
/// a name is looked up from the innermost section outwards, dotted names then descend.
///
/// Everything `{{name}}` prints goes through `HTMLEscaping`; only `{{{name}}}` and `{{& name}}`
/// (used for rendered Markdown) print as they are.
struct TemplateRenderer {
    let library: TemplateLibrary
    /// Bytes, not a `String`: pages go to files as bytes, and appending bytes skips the
    /// bookkeeping a `String` does on every append.
    private(set) var output: [UInt8] = []
    private var stack: [TemplateData]
    /// What each line a partial prints starts with: the indentation of its standalone tag(s).
    private var indentation = ""
    private var atLineStart = true
    private var depth = 0

    /// Partials and parents nest at most this deep; a theme whose partial includes itself
    /// would otherwise never finish (the loader reports such cycles before a build).
    static let maximumDepth = 64

    init(library: TemplateLibrary, root: TemplateData) {
        self.library = library
        self.stack = [root]
        output.reserveCapacity(16_384)
    }

    mutating func render(_ nodes: [TemplateNode], blocks: [String: [TemplateNode]]) {
        for node in nodes {
            switch node {
            case .text(let text):
                write(text)
            case .variable(let name, let escaped):
                let text = lookUp(name)?.text ?? ""
                if !indentation.isEmpty, atLineStart { output.append(contentsOf: indentation.utf8) }
                atLineStart = false
                if escaped { HTMLEscaping.append(text, to: &output) } else { output.append(contentsOf: text.utf8) }
            case .section(let name, let children, let inverted):
                renderSection(lookUp(name) ?? .null, children, inverted: inverted, blocks: blocks)
            case .partial(let name, let partialIndentation):
                guard let template = library.templates[name] else { continue }
                include(template.nodes, indentation: partialIndentation, blocks: blocks)
            case .block(let name, let defaultNodes):
                guard let override = blocks[name] else {
                    render(defaultNodes, blocks: blocks)
                    continue
                }
                // An override that names its own block shows that block's default inside.
                var inner = blocks
                inner[name] = nil
                render(override, blocks: inner)
            case .parent(let name, let overrides, let parentIndentation):
                guard let template = library.templates[name] else { continue }
                // The outermost child's blocks win: it is the template being rendered.
                let merged = blocks.isEmpty ? overrides : blocks.merging(overrides) { outer, _ in outer }
                include(template.nodes, indentation: parentIndentation, blocks: merged)
            }
        }
    }

    private mutating func renderSection(_ value: TemplateData, _ children: [TemplateNode], inverted: Bool,
                                        blocks: [String: [TemplateNode]]) {
        if inverted {
            if !value.isTruthy { render(children, blocks: blocks) }
            return
        }
        switch value {
        case .list(let items):
            for item in items {
                stack.append(item)
                render(children, blocks: blocks)
                stack.removeLast()
            }
        case .bool(true):
            render(children, blocks: blocks)
        default:
            guard value.isTruthy else { return }
            stack.append(value)
            render(children, blocks: blocks)
            stack.removeLast()
        }
    }

    private mutating func include(_ nodes: [TemplateNode], indentation extra: String, blocks: [String: [TemplateNode]]) {
        guard depth < Self.maximumDepth else { return }
        let saved = indentation
        indentation += extra
        depth += 1
        render(nodes, blocks: blocks)
        depth -= 1
        indentation = saved
    }

    /// The first frame, innermost first, whose object has the name's first part; the other
    /// parts are then looked up in that value only (the spec's dotted-name rule).
    private func lookUp(_ name: TemplateName) -> TemplateData? {
        let parts = name.parts
        guard let first = parts.first else { return stack.last }
        var index = stack.count - 1
        while index >= 0 {
            if case .object(let fields) = stack[index], var value = fields[first] {
                // Indices, not `dropFirst()`: most names have one part, and a slice of the
                // parts would be made for every tag of every page.
                var part = 1
                while part < parts.count {
                    guard let next = value[parts[part]] else { return nil }
                    value = next
                    part += 1
                }
                return value
            }
            index -= 1
        }
        return nil
    }

    /// Literal template text; inside an indented partial each new line gets the indentation.
    private mutating func write(_ text: String) {
        guard !indentation.isEmpty else {
            output.append(contentsOf: text.utf8)
            if let last = text.utf8.last { atLineStart = last == 0x0A }
            return
        }
        var lineStart = text.utf8.startIndex
        let utf8 = text.utf8
        while lineStart < utf8.endIndex {
            let newline = utf8[lineStart...].firstIndex(of: 0x0A)
            let lineEnd = newline.map { utf8.index(after: $0) } ?? utf8.endIndex
            // Empty lines stay empty: indentation there would only be trailing spaces.
            if atLineStart, utf8[lineStart] != 0x0A { output.append(contentsOf: indentation.utf8) }
            output.append(contentsOf: utf8[lineStart..<lineEnd])
            atLineStart = newline != nil
            lineStart = lineEnd
        }
    }
}
