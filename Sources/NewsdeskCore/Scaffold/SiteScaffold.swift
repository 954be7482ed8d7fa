import Foundation

/// `newsdesk init`: the files of a new, working site. Values in, files out; the command
/// writes them with `ScaffoldWriter`.
public struct SiteScaffold: Sendable {
    public var title: String
    /// The first is the default language.
    public var languages: [String]
    public var baseURL: String
    public var timeZone: String
    /// Today in `timeZone`, `2023-11-23`: the example item's date.
    public var today: String

    public init(title: String, languages: [String], baseURL: String, timeZone: String, today: String) {
        self.title = title
        self.languages = languages.isEmpty ? ["en"] : languages
        self.baseURL = baseURL
        self.timeZone = timeZone
        self.today = today
    }

    /// Why these settings cannot make a site, or nil.
    public func problem() -> ScaffoldProblem? {
        if let bad = languages.first(where: { !SiteConfigParser.isLanguageCode($0) }) {
            return ScaffoldProblem("'\(bad)' is not a language code", hint: "use codes such as en, zh or zh-Hant: --languages en,zh")
        }
        if Set(languages).count != languages.count {
            return ScaffoldProblem("a language is named twice in --languages", hint: "--languages en,zh")
        }
        if SiteConfigParser.normalizedBaseURL(baseURL) == nil {
            return ScaffoldProblem("--base-url must be an absolute http(s) address, not '\(baseURL)'",
                                   hint: "for example https://www.example.edu.cn/news/")
        }
        return nil
    }

    /// The sections every new site starts with: folder and title per language.
    static let sections: [(folder: String, english: String, chinese: String)] = [
        ("news", "News", "新闻"),
        ("cooperation", "Cooperation", "合作交流"),
    ]

    public func files() -> [ScaffoldFile] {
        var files = [ScaffoldFile(path: SiteConfigParser.path, text: siteYAML()),
                     ScaffoldFile(path: ".gitignore", text: "# What newsdesk writes: the built site and its cache.\noutput/\n.newsdesk-cache/\n"),
                     ScaffoldFile(path: "archetypes/default.md", text: Archetype.builtIn)]
        for (index, language) in languages.enumerated() {
            let suffix = index == 0 ? "" : ".\(language)"
            files.append(ScaffoldFile(path: "content/_index\(suffix).md", text: """
                ---
                title: \(YAMLText.quoted(title))
                ---
                This text introduces the home page. Edit it in content/_index\(suffix).md.

                """))
            for section in Self.sections {
                let sectionTitle = language.hasPrefix("zh") ? section.chinese : section.english
                files.append(ScaffoldFile(path: "content/\(section.folder)/_index\(suffix).md", text: """
                    ---
                    title: \(YAMLText.quoted(sectionTitle))
                    # weight: 1   (sections with smaller weights come first in the menu)
                    ---

                    """))
            }
        }
        files.append(ScaffoldFile(path: "content/news/\(today)-welcome.md", text: """
            ---
            title: \(YAMLText.quoted("Welcome to \(title)"))
            date: \(today)
            tags: [welcome]
            ---
            This is the site's first article. Add another one with:

                newsdesk new news "Our Next Article"

            and its Chinese translation with `--lang zh --translation-of` the new file's path.

            """))
        return files
    }

    /// What to type next, shown after the files are written.
    public static func nextSteps(folder: String) -> [String] {
        let steps = ["newsdesk new news \"Our First Article\"", "newsdesk serve"]
        guard folder != "." else { return steps + ["newsdesk build"] }
        let plain = folder.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "/._-~".unicodeScalars.contains($0) }
        return ["cd " + (plain ? folder : "'" + folder.replacingOccurrences(of: "'", with: "'\\''") + "'")] + steps
    }

    private func siteYAML() -> String {
        var text = """
            # The site's settings. Never copied to the output; everything is optional.
            title: \(YAMLText.quoted(title))
            # Where the site will be published: every link in the output starts with it.
            base_url: \(YAMLText.quoted(baseURL))
            # Dates written without a time mean midnight in this time zone.
            time_zone: \(timeZone)
            # The default language lives at the site root, the others under /<code>/.
            default_language: \(languages[0])
            languages:

            """
        for language in languages {
            text += "  \(language): { title: \(YAMLText.quoted(title)) }\n"
        }
        text += """
            # Built into newsdesk; `newsdesk theme copy` writes it to themes/default/ for a designer.
            theme: default
            # Items per listing page.
            paginate: 20
            # Addresses of articles, per section; tokens: :section :year :month :day :slug
            permalinks:
              news: /:section/:year/:slug/
            # A link to a draft or scheduled item: error (the default) or warn (shown as text until published).
            links: { unpublished: error }

            """
        return text
    }
}
