/// A loaded theme: its parsed templates, its words per language and its static files.
/// Templates are parsed once per build and shared by every rendering task.
public struct Theme: Sendable {
    public var name: String
    public var library: TemplateLibrary
    public var templateNames: Set<String>
    /// Theme `static/` files: where they come from and where they go in the output.
    public var staticFiles: [(source: String, output: String)]
    /// Language code → key → text, from `i18n/<lang>.yml`, parents merged under children.
    public var strings: [String: [String: TemplateValue]]
    /// Changes whenever a template or a word changes; part of every page's cache key.
    public var fingerprint: UInt64
    /// The ids the templates write and the footnotes': heading ids keep clear of them.
    public var reservedIDs = ReservedIDs.footnotes

    /// The templates every theme must provide (directly or through its parent).
    public static let requiredTemplates = ["article", "section", "home", "tags", "404", "alias"]

    public func has(_ template: String) -> Bool { templateNames.contains(template) }

    /// `year` and `tag` listings fall back to the section template when a theme has no own one.
    public func templateName(for preferred: String, fallback: String) -> String {
        has(preferred) ? preferred : fallback
    }

    /// Words for `language`, each missing key taken from the default language.
    public func words(for language: String, defaultLanguage: String) -> [String: TemplateData] {
        let fallback = strings[defaultLanguage] ?? [:]
        let own = strings[language] ?? [:]
        return fallback.merging(own) { _, new in new }.mapValues(\.templateData)
    }

    /// One word as text, e.g. the title of the tags page; nil when no language has it.
    public func word(_ key: String, for language: String, defaultLanguage: String) -> String? {
        guard case .string(let text)? = strings[language]?[key] ?? strings[defaultLanguage]?[key] else { return nil }
        return text
    }

    /// Words a site language lacks in this theme; each falls back to the default language's.
    public func missingWords(languages: [String], defaultLanguage: String) -> [Diagnostic] {
        let reference = strings[defaultLanguage] ?? [:]
        var diagnostics: [Diagnostic] = []
        for language in languages where language != defaultLanguage {
            let path = "themes/\(name)/i18n/\(language).yml"
            guard let own = strings[language] else {
                diagnostics.append(.warning("the theme has no words for '\(language)'; \(defaultLanguage) words are used", path: path,
                                            hint: "copy themes/\(name)/i18n/\(defaultLanguage).yml to \(language).yml and translate it"))
                continue
            }
            for key in reference.keys.sorted() where own[key] == nil {
                diagnostics.append(.warning("the word '\(key)' is missing; the \(defaultLanguage) text is used", path: path,
                                            hint: "add a line \(key): … to \(path)"))
            }
        }
        return diagnostics
    }
}
