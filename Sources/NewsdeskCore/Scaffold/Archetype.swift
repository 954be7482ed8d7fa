/// The starting text of a new item: `archetypes/<section>.md`, else `archetypes/default.md`,
/// else `builtIn`. An archetype is a Mustache template over `title` (already a quoted YAML
/// string, so it is written `{{{title}}}`), `date`, `slug`, `lang`, `section` and
/// `translation_key` (quoted like the title; empty unless the item needs one).
public enum Archetype {
    public static let builtIn = """
        ---
        title: {{{title}}}
        date: {{date}}
        {{#translation_key}}
        translation_key: {{{translation_key}}}
        {{/translation_key}}
        # author: News Center
        # tags: [campus, research]
        # summary: one or two sentences for listings (default: the first paragraph)
        # image: photo.jpg        (with image_alt: what the photo shows)
        # draft: true             (keeps the item out of the published site)
        ---
        Write the article here. The first paragraph is what listing pages show.

        """

    /// Which archetype file a new item of `section` uses, in order of preference.
    public static func candidates(for section: String) -> [String] {
        ["archetypes/\(section).md", "archetypes/default.md"]
    }

    public struct Values: Sendable {
        public var title: String
        public var date: String
        public var slug: String
        public var lang: String
        public var section: String
        public var translationKey: String?
    }

    /// The item's text, or the archetype's template error (file, line, column, hint).
    public static func render(_ template: String, path: String, values: Values) -> Result<String, Diagnostic> {
        if let misuse = escapedQuotedValue(in: template, path: path) { return .failure(misuse) }
        switch TemplateParser.parse(template) {
        case .failure(let error):
            return .failure(.error("template syntax error: \(error.message)", path: path, line: error.line, column: error.column,
                                   hint: error.hint))
        case .success(let parsed):
            var library = TemplateLibrary()
            library.register(parsed, named: "archetype")
            let data: TemplateData = [
                "title": .string(YAMLText.quoted(values.title)),
                "date": .string(values.date),
                "slug": .string(values.slug),
                "lang": .string(values.lang),
                "section": .string(values.section),
                "translation_key": values.translationKey.map { .string(YAMLText.quoted($0)) } ?? .null,
            ]
            return .success(String(decoding: library.renderBytes(data, template: "archetype") ?? [], as: UTF8.self))
        }
    }

    /// `{{title}}` would HTML-escape the quotes of the quoted YAML string (`&quot;`): the
    /// quoted values must be written with three braces.
    static func escapedQuotedValue(in template: String, path: String) -> Diagnostic? {
        for (index, line) in template.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for name in ["title", "translation_key"] {
                for spelling in ["{{\(name)}}", "{{ \(name) }}"] {
                    guard let range = line.range(of: spelling),
                          line[..<range.lowerBound].last != "{" else { continue }
                    return .error("{{\(name)}} would write &quot; instead of quote marks", path: path, line: index + 1,
                                  column: line.distance(from: line.startIndex, to: range.lowerBound) + 1,
                                  hint: "write {{{\(name)}}}: the value is already a quoted YAML string, such as \"Our Visit\"")
                }
            }
        }
        return nil
    }
}
