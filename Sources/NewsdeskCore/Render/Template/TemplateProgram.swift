/// A library's templates compiled into one flat list of steps, so that rendering a page walks
/// plain integers instead of a tree of strings and arrays.
///
/// Walking a tree retains and releases every node's payload it visits (each is copied out of
/// its array); a step holds only indices into the program's tables, which rendering reads in
/// place (docs/performance.md). A section's children are
/// the steps that follow it, up to its `end`; templates, partials and blocks are ranges of the
/// one list, so a block written in one template can be rendered inside another.
struct TemplateProgram: Sendable {
    enum Step: Sendable {
        /// Literal text: an index into `texts`.
        case text(Int)
        /// `{{name}}` or `{{{name}}}`: an index into `names`.
        case variable(Int, escaped: Bool)
        /// `{{#name}}` / `{{^name}}`, its children up to `end`.
        case section(Int, end: Int, inverted: Bool)
        /// `{{> name}}`: a template number, and its indentation as an index into `texts` (nil: none).
        case partial(Int, indentation: Int?)
        /// `{{$ name}}`: a block number, its indentation (an index into `texts`, nil: none),
        /// its default children up to `end`.
        case block(Int, indentation: Int?, end: Int)
        /// `{{< name}}`: a template number, the blocks it fills (an index into `overrideSets`),
        /// its indentation; the filled blocks' steps follow, up to `end`.
        case parent(Int, overrides: Int, indentation: Int?, end: Int)
    }

    /// A block a child template fills, and the steps it fills it with.
    struct BlockOverride: Sendable {
        var block: Int
        var steps: Range<Int>
    }

    /// Literal text: where its bytes are in `textBytes`, whether a line break ends it and
    /// whether one is inside it (text without one is written in one piece when indented).
    /// Plain values, like steps, so that reading one costs no reference counting.
    struct Text: Sendable {
        var start: Int
        var end: Int
        var hasLineBreak: Bool
        var endsWithLineBreak: Bool
    }

    /// A dotted name as the range of its parts in `nameParts`.
    typealias Name = Range<Int>

    private(set) var steps: [Step] = []
    private(set) var texts: [Text] = []
    /// Every text's bytes, one after the other.
    private(set) var textBytes: [UInt8] = []
    private(set) var names: [Name] = []
    /// Every name's parts, one after the other (`page.title` → "page", "title").
    private(set) var nameParts: [String] = []
    private(set) var overrideSets: [[BlockOverride]] = []
    /// By template number; nil for a name a template refers to that is not (yet) registered.
    private var bodies: [Range<Int>?] = []
    private var templateNumbers: [String: Int] = [:]
    private var blockNumbers: [String: Int] = [:]

    func body(named name: String) -> Range<Int>? {
        templateNumbers[name].flatMap { bodies[$0] }
    }

    func body(ofTemplate number: Int) -> Range<Int>? {
        bodies[number]
    }

    /// Adds a template's steps; registering a name again replaces what it renders.
    mutating func add(_ nodes: [TemplateNode], named name: String) {
        let start = steps.count
        compile(nodes)
        bodies[templateNumber(name)] = start..<steps.count
    }

    private mutating func compile(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text(let string):
                steps.append(.text(add(string)))
            case .variable(let name, let escaped):
                steps.append(.variable(add(name), escaped: escaped))
            case .section(let name, let children, let inverted):
                let name = add(name)
                compileNested(children) { .section(name, end: $0, inverted: inverted) }
            case .partial(let name, let indentation):
                steps.append(.partial(templateNumber(name), indentation: indentationText(indentation)))
            case .block(let name, let children, let indentation):
                let block = blockNumber(name)
                let indentation = indentationText(indentation)
                compileNested(children) { .block(block, indentation: indentation, end: $0) }
            case .parent(let name, let overrides, let indentation):
                // A placeholder until the filled blocks are compiled, as in `compileNested`.
                let at = steps.count
                steps.append(.text(0))
                var filled: [BlockOverride] = []
                // Sorted by name so that the same theme always compiles to the same program.
                for (block, children) in overrides.sorted(by: { $0.key < $1.key }) {
                    let start = steps.count
                    compile(children)
                    filled.append(BlockOverride(block: blockNumber(block), steps: start..<steps.count))
                }
                overrideSets.append(filled)
                steps[at] = .parent(templateNumber(name), overrides: overrideSets.count - 1,
                                    indentation: indentationText(indentation), end: steps.count)
            }
        }
    }

    /// A step whose children follow it; its `end` is known once they are compiled.
    private mutating func compileNested(_ children: [TemplateNode], step: (Int) -> Step) {
        let at = steps.count
        steps.append(.text(0))
        compile(children)
        steps[at] = step(steps.count)
    }

    private mutating func add(_ text: String) -> Int {
        let start = textBytes.count
        textBytes.append(contentsOf: text.utf8)
        let bytes = textBytes[start...]
        texts.append(Text(start: start, end: textBytes.count, hasLineBreak: bytes.contains(0x0A), endsWithLineBreak: bytes.last == 0x0A))
        return texts.count - 1
    }

    private mutating func add(_ name: TemplateName) -> Int {
        let start = nameParts.count
        nameParts.append(contentsOf: name.parts)
        names.append(start..<nameParts.count)
        return names.count - 1
    }

    private mutating func indentationText(_ indentation: String) -> Int? {
        indentation.isEmpty ? nil : add(indentation)
    }

    private mutating func templateNumber(_ name: String) -> Int {
        if let number = templateNumbers[name] { return number }
        bodies.append(nil)
        templateNumbers[name] = bodies.count - 1
        return bodies.count - 1
    }

    private mutating func blockNumber(_ name: String) -> Int {
        if let number = blockNumbers[name] { return number }
        blockNumbers[name] = blockNumbers.count
        return blockNumbers.count - 1
    }
}
