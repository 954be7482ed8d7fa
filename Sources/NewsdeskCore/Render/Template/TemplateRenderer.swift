/// A theme's parsed templates, by name (`article`, `partials/head`): what `{{> name}}` and
/// `{{< name}}` find. Immutable once loaded, so every rendering task shares one.
public struct TemplateLibrary: Sendable {
    private var program = TemplateProgram()

    public init() {}

    public mutating func register(_ template: ParsedTemplate, named name: String) {
        program.add(template.nodes, named: name)
    }

    /// The page `name` renders for `data`, as the UTF-8 bytes written to its file; nil when the
    /// theme has no such template.
    public func renderBytes(_ data: TemplateData, template name: String) -> [UInt8]? {
        guard let body = program.body(named: name) else { return nil }
        var renderer = TemplateRenderer(program: program, root: data)
        renderer.render(body, blocks: [])
        return renderer.output
    }
}

/// Walks a compiled template over a `TemplateData` context stack, as Mustache specifies:
/// a name is looked up from the innermost section outwards, dotted names then descend.
///
/// Everything `{{name}}` prints goes through `HTMLEscaping`; only `{{{name}}}` and `{{& name}}`
/// (used for rendered Markdown) print as they are.
struct TemplateRenderer {
    typealias Overrides = [TemplateProgram.BlockOverride]

    let program: TemplateProgram
    /// Bytes, not a `String`: pages go to files as bytes, and appending bytes skips the
    /// bookkeeping a `String` does on every append.
    private(set) var output: [UInt8] = []
    private var stack: [TemplateData]
    /// What each line a partial prints starts with: the indentation of its standalone tag(s).
    private var indentation: [UInt8] = []
    private var atLineStart = true
    private var depth = 0

    /// Partials and parents nest at most this deep; a theme whose partial includes itself
    /// would otherwise never finish (the loader reports such cycles before a build).
    static let maximumDepth = 64

    init(program: TemplateProgram, root: TemplateData) {
        self.program = program
        self.stack = [root.unshared]
        output.reserveCapacity(16_384)
    }

    /// Renders `steps`; `blocks` are the filled blocks in force, the outermost child's first
    /// (it is the template being rendered, so its blocks win).
    mutating func render(_ steps: Range<Int>, blocks: Overrides) {
        var index = steps.lowerBound
        while index < steps.upperBound {
            let step = program.steps[index]
            index += 1
            switch step {
            case .text(let text):
                write(program.texts[text])
            case .variable(let name, let escaped):
                print(lookUp(name), escaped: escaped)
            case .section(let name, let end, let inverted):
                renderSection(lookUp(name) ?? .null, index..<end, inverted: inverted, blocks: blocks)
                index = end
            case .partial(let template, let partialIndentation):
                guard let body = program.body(ofTemplate: template) else { continue }
                include(body, indentation: partialIndentation, blocks: blocks)
            case .block(let block, let blockIndentation, let end):
                let saved = indent(by: blockIndentation)
                if let override = blocks.first(where: { $0.block == block }) {
                    // An override that names its own block shows that block's default inside.
                    render(override.steps, blocks: blocks.filter { $0.block != block })
                } else {
                    render(index..<end, blocks: blocks)
                }
                indentation.removeSubrange(saved...)
                index = end
            case .parent(let template, let overrides, let parentIndentation, let end):
                index = end
                guard let body = program.body(ofTemplate: template) else { continue }
                include(body, indentation: parentIndentation, blocks: blocks + program.overrideSets[overrides])
            }
        }
    }

    /// What `{{name}}` (escaped) or `{{{name}}}` prints; rendered Markdown goes as the bytes it is.
    private mutating func print(_ value: TemplateData?, escaped: Bool) {
        let value = value?.unshared
        if !indentation.isEmpty, atLineStart { output.append(contentsOf: indentation) }
        atLineStart = false
        switch (value, escaped) {
        case (.html(let bytes)?, true): bytes.withUnsafeBufferPointer { HTMLEscaping.append($0, to: &output) }
        case (.html(let bytes)?, false): output.append(contentsOf: bytes)
        case (.json(let json)?, false): json.write(into: &output)
        case (_, true): HTMLEscaping.append(value?.text ?? "", to: &output)
        case (_, false): output.append(contentsOf: (value?.text ?? "").utf8)
        }
    }

    /// The context stack holds no `.shared` value: each is unwrapped as it is pushed, so a
    /// frame is an object wherever the value is one.
    private mutating func renderSection(_ value: TemplateData, _ children: Range<Int>, inverted: Bool, blocks: Overrides) {
        let value = value.unshared
        if inverted {
            if !value.isTruthy { render(children, blocks: blocks) }
            return
        }
        switch value {
        case .list(let items):
            for item in items {
                stack.append(item.unshared)
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

    private mutating func include(_ steps: Range<Int>, indentation extra: Int?, blocks: Overrides) {
        guard depth < Self.maximumDepth else { return }
        let saved = indent(by: extra)
        depth += 1
        render(steps, blocks: blocks)
        depth -= 1
        indentation.removeSubrange(saved...)
    }

    /// Adds a partial's or block's indentation (an index into the texts) to every line that
    /// starts from here on; returns what to cut the indentation back to afterwards.
    private mutating func indent(by extra: Int?) -> Int {
        let saved = indentation.count
        if let extra {
            let text = program.texts[extra]
            indentation += program.textBytes[text.start..<text.end]
        }
        return saved
    }

    /// The first frame, innermost first, whose object has the name's first part; the other
    /// parts are then looked up in that value only (the spec's dotted-name rule).
    private func lookUp(_ name: Int) -> TemplateData? {
        let parts = program.names[name]
        guard !parts.isEmpty else { return stack.last }
        var index = stack.count - 1
        while index >= 0 {
            if case .object(let fields) = stack[index], var value = fields[program.nameParts[parts.lowerBound]] {
                for part in parts.dropFirst() {
                    guard let next = value[program.nameParts[part]] else { return nil }
                    value = next
                }
                return value
            }
            index -= 1
        }
        return nil
    }

    /// Literal template text; inside an indented partial each new line gets the indentation.
    private mutating func write(_ text: TemplateProgram.Text) {
        guard text.start < text.end else { return }
        guard !indentation.isEmpty else {
            program.textBytes.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[text.start..<text.end])) }
            atLineStart = text.endsWithLineBreak
            return
        }
        guard text.hasLineBreak else {
            if atLineStart { output.append(contentsOf: indentation) }
            program.textBytes.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[text.start..<text.end])) }
            atLineStart = false
            return
        }
        program.textBytes.withUnsafeBufferPointer { bytes in
            var lineStart = text.start
            while lineStart < text.end {
                let newline = bytes[lineStart..<text.end].firstIndex(of: 0x0A)
                let lineEnd = newline.map { $0 + 1 } ?? text.end
                // Empty lines stay empty: indentation there would only be trailing spaces.
                if atLineStart, bytes[lineStart] != 0x0A { output.append(contentsOf: indentation) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]))
                atLineStart = newline != nil
                lineStart = lineEnd
            }
        }
    }
}
