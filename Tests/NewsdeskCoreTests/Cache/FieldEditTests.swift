import Foundation
import Testing
@testable import NewsdeskCore

/// One edit at a time to every field of `Item`, `SiteConfig` and `Theme`: a build given the
/// previous build's cache and files must then equal a clean build byte for byte.
///
/// The fields come from the types (`Mirror` over parsed values) and the theme's edits from its
/// files, so a field added later is checked without anyone listing it: a new front-matter
/// field is set through its YAML key (`imageAlt` is `image_alt`), a new template or word is
/// edited like the others, and a field that no edit changes fails `everyFieldIsEdited`.
@Suite("Every field edited")
struct FieldEditTests {
    typealias Files = [String: String]

    struct Edit: Sendable {
        var name: String
        var apply: @Sendable (Files) -> Files
    }

    static let itemPath = "content/news/2023-11-03-third.md"

    /// The edited item's front matter, in order; an edit replaces or adds one key.
    static let itemFields: [(String, String)] = [
        ("title", "\"Third\""), ("date", "2023-11-03"), ("tags", "[b]"), ("summary", "\"A short summary\""),
        ("author", "\"News Center\""), ("image", "/images/p.png"), ("image_alt", "\"A photo\""),
        ("image_caption", "\"The caption\""), ("a1", "\"first param\""), ("b1", "\"second param\""),
    ]

    static let configFields: [(String, String)] = [
        ("title", "Fields"), ("base_url", "https://example.edu.cn/news/"), ("paginate", "2"),
        ("feeds", "\n  format: both"), ("languages", "\n  en: { title: Fields }\n  zh: { title: \"字段\" }"),
    ]

    static func yaml(_ fields: [(String, String)], setting key: String? = nil, to value: String? = nil) -> String {
        var fields = fields
        if let key, let value {
            if let index = fields.firstIndex(where: { $0.0 == key }) { fields[index].1 = value } else { fields.append((key, value)) }
        }
        return fields.map { "\($0.0):\($0.1.hasPrefix("\n") ? "" : " ")\($0.1)" }.joined(separator: "\n") + "\n"
    }

    static func item(setting key: String? = nil, to value: String? = nil, body: String = "Third text with a [link](2023-11-01-first.md).") -> String {
        "---\n" + yaml(itemFields, setting: key, to: value) + "---\n" + body + "\n"
    }

    static let site: Files = [
        "content/site.yml": yaml(configFields),
        "content/news/_index.md": "---\ntitle: News\n---\nThe [latest](2023-11-04-fourth.md) first.\n",
        "content/news/2023-11-01-first.md": TestSite.item(title: "First", date: "2023-11-01", extra: "tags: [a, b]\n", body: "See [the third](2023-11-03-third.md)."),
        "content/news/2023-11-02-second.md": TestSite.item(title: "Second", date: "2023-11-02", extra: "tags: [a]\n"),
        itemPath: item(),
        "content/news/2023-11-04-fourth.md": TestSite.item(title: "Fourth", date: "2023-11-04", extra: "aliases: [/old/fourth/]\n"),
        "content/news/2023-11-04-fourth.zh.md": TestSite.item(title: "第四", date: "2023-11-04"),
        "content/images/p.png": "not really a png",
        "content/images/q.png": "not really a png either",
    ]

    // MARK: Items

    /// Values tried for a front-matter field, by the type of the field: the first that parses
    /// without errors and changes the item is the edit.
    static func candidates(for value: Any) -> [String] {
        let type = String(describing: Swift.type(of: value))
        if type.contains("Bool") { return ["true", "false"] }
        if type.contains("NewsDate") { return ["2023-11-05T10:30:00+08:00"] }
        if type.contains("Array") { return ["[/old/third/, c]", "[c, zh]"] }
        if type.contains("Dictionary") { return ["\"a param\""] }
        return ["/images/q.png", "\"Edited words\"", "zh", "third-edited"]
    }

    /// Front-matter keys that are not their field's name in snake case.
    static let keyNames = ["lastModified": "lastmod"]

    static func snakeCase(_ name: String) -> String {
        if let key = keyNames[name] { return key }
        return name.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
    }

    static func parse(_ files: Files, path: String) -> Item? {
        let config = SiteConfigParser.parse(files["content/site.yml"]).0
        guard let file = ContentClassifier(languageCodes: config.languageCodes).classify([path]).markdown.first,
              let text = files[path] else { return nil }
        let parsed = ItemParser(config: config).parse(file, bytes: Array(text.utf8))
        return parsed.diagnostics.hasErrors ? nil : parsed.item
    }

    /// Every field of an item, nested ones as `frontMatter.title`, with its value as text.
    static func fields(of item: Item) -> [String: String] {
        var found: [String: String] = [:]
        for child in Mirror(reflecting: item.fields).children {
            guard let label = child.label else { continue }
            if label == "frontMatter" {
                for field in Mirror(reflecting: item.frontMatter.fields).children {
                    found["frontMatter." + (field.label ?? "?")] = String(reflecting: field.value)
                }
            } else {
                found[label] = String(reflecting: child.value)
            }
        }
        return found
    }

    static func changedFields(_ before: [String: String], _ after: [String: String]) -> Set<String> {
        Set(before.keys.filter { before[$0] != after[$0] })
    }

    /// An edit per front-matter field of the type, plus the edits no key makes: the body, the
    /// file's name, the order of the editor's own fields.
    static let itemEdits: [Edit] = {
        let original = parse(site, path: itemPath)!
        var edits: [Edit] = []
        for field in Mirror(reflecting: original.frontMatter.fields).children {
            guard let label = field.label else { continue }
            let key = snakeCase(label)
            for value in candidates(for: field.value) {
                let edited = item(setting: key, to: value)
                var files = site
                files[itemPath] = edited
                guard let parsed = parse(files, path: itemPath), parsed != original else { continue }
                edits.append(Edit(name: "item \(key): \(value)") { var f = $0; f[itemPath] = edited; return f })
                break
            }
        }
        edits.append(Edit(name: "item body") { var f = $0; f[itemPath] = item(body: "New words, no link."); return f })
        edits.append(Edit(name: "item file renamed") { var f = $0; f["content/news/2023-11-03-third-renamed.md"] = f.removeValue(forKey: itemPath); return f })
        edits.append(Edit(name: "item params reordered") { files in
            var fields = itemFields
            fields.swapAt(fields.count - 1, fields.count - 2)
            var f = files
            f[itemPath] = "---\n" + yaml(fields) + "---\nThird text with a [link](2023-11-01-first.md).\n"
            return f
        })
        return edits
    }()

    // MARK: Configuration

    static let configEdits: [Edit] = [
        ("title", "Edited title"), ("description", "An edited description"), ("base_url", "https://example.org/other/"),
        ("language", "zh"), ("languages", "\n  en: { title: Fields, date_format: \"{year}/{month2}/{day2}\" }\n  zh: { title: \"字段\" }"),
        ("time_zone", "Asia/Shanghai"), ("theme", "other"), ("permalinks", "\n  news: /:section/:year/:slug/"),
        ("paginate", "3"), ("home_items_per_section", "1"), ("markdown", "\n  unsafe: true"), ("markdown", "\n  smart: false"),
        ("markdown", "\n  footnotes: false"), ("feeds", "\n  format: atom"), ("feeds", "\n  format: both\n  entries: 1"),
        ("feeds", "\n  format: both\n  full_content: true"), ("tag_slugs", "\n  b: bee"), ("params", "\n  office: Room 1"),
        ("links", "\n  unpublished: warn"), ("search", "\n  enabled: false"),
        ("images", "\n  widths: [320]"), ("images", "\n  formats: [jpeg]"), ("images", "\n  quality: 60"),
        ("images", "\n  thumbnail_width: 120"), ("images", "\n  publish_originals: true"), ("images", "\n  max_megapixels: 50"),
        ("logo", "images/p.png"), ("favicon", "images/p.png"), ("share_image", "images/q.png"),
        ("organization", "\n  name: Fields University\n  url: https://fields.example.edu/"),
        ("contact", "\"news@fields.example.edu\""), ("copyright", "\"2023 Fields University\""),
    ].map { key, value in
        Edit(name: "site.yml \(key):\(value.replacingOccurrences(of: "\n", with: " "))") { files in
            var f = files
            f["content/site.yml"] = yaml(configFields, setting: key, to: value)
            // A theme of another name: the default one, copied.
            if key == "theme" { for (path, text) in themeFiles { f["themes/other/" + path.dropFirst("themes/default/".count)] = text } }
            return f
        }
    }

    /// Every field of a configuration, nested ones as `markdown.unsafe`, with its value as text.
    static func fields(of config: SiteConfig) -> [String: String] {
        var found: [String: String] = [:]
        for child in Mirror(reflecting: config).children {
            guard let label = child.label else { continue }
            let nested = Mirror(reflecting: child.value)
            if nested.displayStyle == .struct, !nested.children.isEmpty, !(child.value is TimeZone) {
                for field in nested.children { found[label + "." + (field.label ?? "?")] = String(reflecting: field.value) }
            } else {
                found[label] = String(reflecting: child.value)
            }
        }
        return found
    }

    // MARK: Theme

    static let themeFiles: Files = TestSite.defaultThemeFiles().mapValues { String(decoding: $0, as: UTF8.self) }

    /// An edit per template, per word and per static file of the theme, and one that adds a template.
    static let themeEdits: [Edit] = {
        var edits: [Edit] = []
        for path in themeFiles.keys.sorted() {
            let text = themeFiles[path]!
            if path.hasSuffix(".mustache") || path.hasPrefix("themes/default/static/") {
                let marker = path.hasSuffix(".css") ? "\n/* edited */\n" : "<span>edited</span>"
                edits.append(Edit(name: "theme \(path)") { var f = $0; f[path] = text + marker; return f })
            } else if path.hasPrefix("themes/default/i18n/") {
                for line in text.split(separator: "\n") where !line.hasPrefix("#") && line.contains(":") {
                    let key = String(line.prefix { $0 != ":" })
                    edits.append(Edit(name: "theme \(path) \(key)") { var f = $0; f[path] = text + "\n\(key): \"Edited \(key)\"\n"; return f })
                }
            }
        }
        edits.append(Edit(name: "theme template added") { var f = $0; f["themes/default/templates/year.mustache"] = themeFiles["themes/default/templates/section.mustache"]! + "<p>year</p>"; return f })
        edits.append(Edit(name: "theme static file added") { var f = $0; f["themes/default/static/css/extra.css"] = "p { margin: 0 }\n"; return f })
        return edits
    }()

    static func theme(_ files: Files) -> Theme? {
        let config = SiteConfigParser.parse(files["content/site.yml"]).0
        return ThemeLoader(source: TestSite.source(files)).load(config.theme).0
    }

    static func fields(of theme: Theme) -> [String: String] {
        Dictionary(Mirror(reflecting: theme).children.map { ($0.label ?? "?", String(reflecting: $0.value)) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Tests

    static let edits = itemEdits + configEdits + themeEdits

    @Test(arguments: edits.map(\.name))
    func cachedBuildAfterTheEditEqualsACleanBuild(_ name: String) async {
        let edit = Self.edits.first { $0.name == name }!
        let (cached, clean) = await BuildCacheTests.rebuild(from: Self.site, to: edit.apply(Self.site))
        BuildCacheTests.expectSame(cached, clean, "\(name)")
    }

    /// Each field of each type is changed by at least one of the edits above.
    @Test func everyFieldIsEdited() throws {
        let originalItem = Self.fields(of: try #require(Self.parse(Self.site, path: Self.itemPath)))
        var itemChanged = Set<String>()
        for edit in Self.itemEdits {
            let files = edit.apply(Self.site)
            let path = files[Self.itemPath] == nil ? "content/news/2023-11-03-third-renamed.md" : Self.itemPath
            let edited = try #require(Self.parse(files, path: path), "\(edit.name)")
            itemChanged.formUnion(Self.changedFields(originalItem, Self.fields(of: edited)))
        }
        #expect(Set(originalItem.keys).subtracting(itemChanged).isEmpty, "item fields no edit changes: \(Set(originalItem.keys).subtracting(itemChanged).sorted())")

        let originalConfig = Self.fields(of: SiteConfigParser.parse(Self.site["content/site.yml"]).0)
        var configChanged = Set<String>()
        for edit in Self.configEdits {
            let (config, problems) = SiteConfigParser.parse(edit.apply(Self.site)["content/site.yml"])
            #expect(!problems.hasErrors, "\(edit.name): \(problems.summary)")
            configChanged.formUnion(Self.changedFields(originalConfig, Self.fields(of: config)))
        }
        #expect(Set(originalConfig.keys).subtracting(configChanged).isEmpty, "configuration fields no edit changes: \(Set(originalConfig.keys).subtracting(configChanged).sorted())")

        let originalTheme = Self.fields(of: try #require(Self.theme(Self.site)))
        var themeChanged = Set<String>()
        for edit in Self.themeEdits + Self.configEdits.filter({ $0.name.hasPrefix("site.yml theme") }) {
            let edited = try #require(Self.theme(edit.apply(Self.site)), "\(edit.name)")
            themeChanged.formUnion(Self.changedFields(originalTheme, Self.fields(of: edited)))
        }
        #expect(Set(originalTheme.keys).subtracting(themeChanged).isEmpty, "theme fields no edit changes: \(Set(originalTheme.keys).subtracting(themeChanged).sorted())")
    }
}
