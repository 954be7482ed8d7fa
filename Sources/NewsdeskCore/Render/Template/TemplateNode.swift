/// A parsed Mustache template: literal text and tags, with sections holding their children.
/// Parsing happens once per theme load; `TemplateProgram` compiles the tree into the flat
/// steps that rendering runs.
public struct ParsedTemplate: Sendable {
    public var nodes: [TemplateNode]
    /// `{{< name}}` and `{{> name}}` this template names, with where, for the loader's checks.
    public var references: [TemplateReference]
}

public struct TemplateReference: Sendable, Equatable {
    public var name: String
    public var line: Int
    public var column: Int
}

/// Not `indirect`: children sit in arrays, which already hold them out of line, and an
/// indirect case would box every node, costing a retain and release each time a page's
/// rendering visits it.
public enum TemplateNode: Sendable, Equatable {
    case text(String)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (as is).
    case variable(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(TemplateName, [TemplateNode], inverted: Bool)
    /// `{{> name}}`; a partial alone on its line is indented like the tag.
    case partial(String, indentation: String)
    /// `{{$ name}}default{{/name}}`: a slot a child template may fill; every line that starts
    /// in what it shows starts with `indentation`.
    case block(String, [TemplateNode], indentation: String)
    /// `{{< name}}{{$ block}}…{{/block}}{{/name}}`: renders `name` with these blocks filled.
    case parent(String, overrides: [String: [TemplateNode]], indentation: String)
}

/// A dotted name, split once when parsing: `page.section.title` → ["page", "section", "title"].
/// `.` is the current value (the item of a list being iterated).
public struct TemplateName: Sendable, Equatable {
    public var parts: [String]

    public init(_ text: String) {
        parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    public var isCurrentValue: Bool { parts.isEmpty }
    public var description: String { parts.isEmpty ? "." : parts.joined(separator: ".") }
}

/// A template that cannot be parsed, with the place a designer should look.
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    public var message: String
    public var line: Int
    public var column: Int
    public var hint: String
}
