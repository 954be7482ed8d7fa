import Foundation

/// `newsdesk new <section> "Title"`: which file to create and what to put in it, decided from
/// values (the site's sections, languages, files and archetypes, and today's date) so that
/// every rule is testable without a disk.
public struct NewItemRequest: Sendable {
    public var section: String
    public var title: String
    public var language: String?
    public var bundle = false
    /// As the editor typed it; nil means today.
    public var date: String?
    public var slug: String?
    /// The site-relative path of the item this one translates.
    public var translationOf: String?

    public init(section: String, title: String, language: String? = nil, bundle: Bool = false, date: String? = nil,
                slug: String? = nil, translationOf: String? = nil) {
        self.section = section
        self.title = title
        self.language = language
        self.bundle = bundle
        self.date = date
        self.slug = slug
        self.translationOf = translationOf
    }
}

/// What the planner needs to know about the site.
public struct NewItemSite: Sendable {
    public var config: SiteConfig
    /// Every file under `content/`, site-relative.
    public var contentPaths: [String]
    /// `archetypes/<name>.md` → its text, for the archetypes the site has.
    public var archetypes: [String: String]
    /// Today in the site's time zone, `2023-11-23`.
    public var today: String
    /// The text of `translationOf`, when one is asked for.
    public var originalText: String?

    public init(config: SiteConfig, contentPaths: [String], archetypes: [String: String], today: String, originalText: String? = nil) {
        self.config = config
        self.contentPaths = contentPaths
        self.archetypes = archetypes
        self.today = today
        self.originalText = originalText
    }

    /// The folders directly under `content/` that hold files.
    public var sections: [String] {
        Set(contentPaths.compactMap { path -> String? in
            let parts = path.split(separator: "/")
            return parts.count >= 3 && parts[0] == "content" ? String(parts[1]) : nil
        }).sorted()
    }
}

public struct NewItemPlan: Sendable, Equatable {
    public var file: ScaffoldFile
    /// Things the editor should know (a slug made up for a Chinese title…).
    public var notes: [String]
}

public enum NewItemPlanner {
    public static func plan(_ request: NewItemRequest, site: NewItemSite) -> Result<NewItemPlan, ScaffoldProblem> {
        let sections = site.sections
        guard sections.contains(request.section) else {
            let list = sections.isEmpty ? "none yet" : sections.joined(separator: ", ")
            let guess = NearestNames.nearest(to: request.section, among: sections).map { "did you mean '\($0)'? " } ?? ""
            return .failure(ScaffoldProblem("there is no section '\(request.section)' (sections: \(list))",
                                            hint: guess + "a section is a folder under content/; create content/\(request.section)/_index.md to start a new one"))
        }
        let title = request.title.trimmingSpacesAndNewlines()
        guard !title.isEmpty else { return .failure(ScaffoldProblem("the title is empty", hint: "newsdesk new \(request.section) \"Our Title\"")) }
        if let language = request.language, !site.config.languageCodes.contains(language) {
            return .failure(ScaffoldProblem("the language '\(language)' is not one of the site's (\(site.config.languageCodes.joined(separator: ", ")))",
                                            hint: "add it under languages: in content/site.yml, or use --lang \(site.config.defaultLanguage)"))
        }
        if let original = request.translationOf { return translation(of: original, request: request, title: title, site: site) }

        let date: String
        switch checkedDate(request.date, today: site.today, timeZone: site.config.timeZone) {
        case .success(let value): date = value
        case .failure(let problem): return .failure(problem)
        }
        var notes: [String] = []
        let slug: String
        if let chosen = request.slug {
            if let problem = Slug.problem(with: chosen) { return .failure(ScaffoldProblem("the slug '\(chosen)' \(problem)", hint: "a slug is one URL segment such as vsip-2023-conference")) }
            slug = chosen
        } else if title.unicodeScalars.allSatisfy(\.isASCII) {
            slug = Slug.make(from: title).isEmpty ? "item" : Slug.make(from: title)
        } else {
            slug = asciiSlug(for: title)
            notes.append("the file name uses the made-up slug '\(slug)' (the title is not in Latin letters); the page's address ends in it. Choose a readable one with --slug, e.g. --slug international-conference")
        }
        let language = request.language.flatMap { $0 == site.config.defaultLanguage ? nil : $0 }
        let suffix = language.map { ".\($0)" } ?? ""
        let name = "\(date.prefix(10))-\(slug)"
        let path = request.bundle ? "content/\(request.section)/\(name)/index\(suffix).md" : "content/\(request.section)/\(name)\(suffix).md"
        let values = Archetype.Values(title: title, date: date, slug: slug, lang: request.language ?? site.config.defaultLanguage,
                                      section: request.section, translationKey: nil)
        return make(path: path, values: values, notes: notes, site: site)
    }

    /// `name.zh.md` beside the original (or `index.zh.md` in its bundle), with the original's
    /// date, and its `translation_key` when it has one (translations are matched by file name
    /// otherwise).
    private static func translation(of original: String, request: NewItemRequest, title: String, site: NewItemSite) -> Result<NewItemPlan, ScaffoldProblem> {
        guard let language = request.language else {
            return .failure(ScaffoldProblem("a translation needs its language", hint: "add --lang \(site.config.languageCodes.dropFirst().first ?? "zh")"))
        }
        guard let text = site.originalText else {
            return .failure(ScaffoldProblem("the item to translate, \(original), does not exist", hint: "give its path from the site folder, like content/news/2023-11-23-agreement.md"))
        }
        let classified = ContentClassifier(languageCodes: site.config.languageCodes).classify([original])
        guard let file = classified.markdown.first, file.kind == .item, file.section == request.section else {
            return .failure(ScaffoldProblem("\(original) is not an item of the section '\(request.section)'",
                                            hint: "name the original's own section: newsdesk new <its section> \"Title\" --translation-of \(original)"))
        }
        let (folder, _) = ContentClassifier.splitLast(original)
        // The default language's version carries no suffix (`name.md` beside `name.zh.md`).
        let suffix = language == site.config.defaultLanguage ? "" : ".\(language)"
        let path = file.bundleDirectory.map { "\($0)/index\(suffix).md" } ?? "\(folder)/\(file.name)\(suffix).md"
        let fields = originalFields(text)
        let values = Archetype.Values(title: title, date: fields.date ?? site.today, slug: Slug.fromFileName(file.name), lang: language,
                                      section: request.section, translationKey: fields.translationKey)
        return make(path: path, values: values, notes: [], site: site)
    }

    private static func make(path: String, values: Archetype.Values, notes: [String], site: NewItemSite) -> Result<NewItemPlan, ScaffoldProblem> {
        if site.contentPaths.contains(path) {
            return .failure(ScaffoldProblem("\(path) already exists; it was left as it is", hint: "choose another title or --slug"))
        }
        let archetypePath = Archetype.candidates(for: values.section).first { site.archetypes[$0] != nil }
        let template = archetypePath.flatMap { site.archetypes[$0] } ?? Archetype.builtIn
        switch Archetype.render(template, path: archetypePath ?? "built-in archetype", values: values) {
        case .success(let text): return .success(NewItemPlan(file: ScaffoldFile(path: path, text: text), notes: notes))
        case .failure(let problem):
            return .failure(ScaffoldProblem("\(problem.path):\(problem.line ?? 1):\(problem.column ?? 1): \(problem.message)", hint: problem.hint))
        }
    }

    /// The date the editor gave, checked and written as they wrote it, or today.
    static func checkedDate(_ text: String?, today: String, timeZone: TimeZone) -> Result<String, ScaffoldProblem> {
        guard let text = text?.trimmingSpaces() else { return .success(today) }
        do {
            _ = try NewsDate.parse(text, timeZone: timeZone)
            return .success(text)
        } catch {
            return .failure(ScaffoldProblem("'\(text)' is not a date newsdesk reads",
                                            hint: DateForms.hint(for: text) ?? FrontMatterParser.dateHint))
        }
    }

    /// A slug of Latin letters for a title in another script: its Latin words, if any, and a
    /// number derived from the title, so the same title always gives the same file name.
    static func asciiSlug(for title: String) -> String {
        let latin = Slug.make(from: String(title.unicodeScalars.filter(\.isASCII).map(Character.init)))
        var hasher = StableHasher()
        hasher.combine(title)
        let number = String(hasher.value % 0x1_0000_0000, radix: 16)
        let code = String(repeating: "0", count: 8 - number.count) + number
        return (latin.isEmpty ? "item" : latin) + "-" + code
    }

    /// The original's `date:` and `translation_key:` lines as written (no YAML needed for two fields).
    private static func originalFields(_ text: String) -> (date: String?, translationKey: String?) {
        guard case .success(let split) = FrontMatterSplit.split(text, path: ""), split.hasFrontMatter else { return (nil, nil) }
        var date: String?
        var key: String?
        for line in split.yaml.split(separator: "\n") {
            func value(_ field: String) -> String? {
                guard line.hasPrefix(field + ":") else { return nil }
                var text = line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces)
                if text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" { text = String(text.dropFirst().dropLast()) }
                return text.isEmpty ? nil : text
            }
            date = date ?? value("date")
            key = key ?? value("translation_key")
        }
        return (date, key)
    }
}
