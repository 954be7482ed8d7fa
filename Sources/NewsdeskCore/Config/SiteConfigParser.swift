import Foundation
import Yams

/// Reads `content/site.yml` into a `SiteConfig`, reporting every bad setting at its line.
public enum SiteConfigParser {
    public static let path = "content/site.yml"

    public static func parse(_ text: String?) -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return (config, [])
        }
        let root: Node?
        switch YAMLDocument.compose(text, path: path, lineOffset: 0) {
        case .success(let node): root = node
        case .failure(let problem): return (config, [problem])
        }
        var reader = YAMLFieldReader(path: path, lineOffset: 0)
        guard let root, let mapping = root.mapping else {
            if root != nil { reader.error("site.yml must be a list of 'setting: value' lines", at: root) }
            return (config, reader.diagnostics)
        }
        var explicitLanguages: [SiteConfig.Language]?
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { continue }
            config.lines[key] = reader.line(of: keyNode)
            switch key {
            case "title": reader.string(value, key: key).map { config.title = $0 }
            case "description": reader.string(value, key: key).map { config.description = $0 }
            case "base_url": readBaseURL(value, into: &config, reader: &reader)
            case "language", "default_language":
                reader.string(value, key: key).map { config.defaultLanguage = $0 }
            case "languages": explicitLanguages = readLanguages(value, reader: &reader)
            case "time_zone", "timezone":
                if let name = reader.string(value, key: key) {
                    if let zone = TimeZone(identifier: name) {
                        config.timeZone = zone
                    } else {
                        reader.error("unknown time zone '\(name)'", at: value, hint: "use a name such as Asia/Shanghai or UTC")
                    }
                }
            case "theme": reader.string(value, key: key).map { config.theme = $0 }
            case "permalinks": config.permalinks = readPermalinks(value, reader: &reader)
            case "paginate": reader.int(value, key: key, range: 1...10_000).map { config.paginate = $0 }
            case "home_items_per_section":
                reader.int(value, key: key, range: 0...1_000).map { config.homeItemsPerSection = $0 }
            case "markdown": readMarkdown(value, into: &config.markdown, reader: &reader)
            case "feeds": readFeeds(value, into: &config.feeds, reader: &reader)
            case "links": readLinks(value, into: &config, reader: &reader)
            case "images": readImages(value, into: &config.images, reader: &reader)
            case "search": readSearch(value, into: &config.search, reader: &reader)
            case "tag_slugs": config.tagSlugs = readTagSlugs(value, reader: &reader)
            case "logo": config.branding.logo = reader.string(value, key: key)
            case "favicon": config.branding.favicon = reader.string(value, key: key)
            case "share_image": config.branding.shareImage = reader.string(value, key: key)
            case "contact": config.branding.contact = reader.string(value, key: key)
            case "copyright": config.branding.copyright = reader.string(value, key: key)
            case "organization": readOrganization(value, into: &config.branding, reader: &reader)
            case "params":
                if case .map(let pairs) = reader.templateValue(value) { config.params = pairs }
            default:
                if let nearest = NearestNames.nearest(to: key, among: knownKeys) {
                    reader.warning("unknown setting '\(key)' in site.yml: did you mean '\(nearest)'?", at: keyNode,
                                   hint: "rename '\(key):' to '\(nearest):'")
                } else {
                    reader.warning("unknown setting '\(key)' in site.yml", at: keyNode,
                                   hint: "known settings: \(knownKeys.joined(separator: ", "))")
                }
            }
        }
        config.languages = resolveLanguages(explicitLanguages, defaultLanguage: config.defaultLanguage)
        return (config, reader.diagnostics)
    }

    static let knownKeys = [
        "title", "description", "base_url", "language", "default_language", "languages", "time_zone",
        "theme", "permalinks", "paginate", "home_items_per_section", "markdown", "feeds", "images", "tag_slugs", "params", "links",
        "logo", "favicon", "share_image", "organization", "contact", "copyright", "search",
    ]

    private static func readOrganization(_ node: Node, into branding: inout SiteConfig.Branding, reader: inout YAMLFieldReader) {
        guard let mapping = node.mapping else {
            reader.error("'organization' must be a group of settings", at: node,
                         hint: "organization:\n    name: Harbin University of Science and Technology\n    url: https://www.hrbust.edu.cn/")
            return
        }
        for (keyNode, value) in mapping {
            switch keyNode.scalar?.string ?? "" {
            case "name": branding.organizationName = reader.string(value, key: "organization.name")
            case "url":
                guard let url = reader.string(value, key: "organization.url") else { continue }
                if normalizedBaseURL(url) == nil {
                    reader.error("organization.url must be an absolute http or https address, not '\(url)'", at: value,
                                 hint: "for example https://www.hrbust.edu.cn/")
                } else {
                    branding.organizationURL = url.trimmingCharacters(in: .whitespaces)
                }
            default:
                reader.warning("unknown organization setting '\(keyNode.scalar?.string ?? "?")'", at: keyNode, hint: "known: name, url")
            }
        }
    }

    private static func readBaseURL(_ node: Node, into config: inout SiteConfig, reader: inout YAMLFieldReader) {
        guard let text = reader.string(node, key: "base_url") else { return }
        guard let normalized = normalizedBaseURL(text) else {
            reader.error("base_url must be an absolute http or https address, not '\(text)'", at: node,
                         hint: "for example https://www.example.edu.cn/news/")
            return
        }
        config.baseURL = normalized
    }

    /// `https://host/path` with a trailing slash, or nil when it is not an absolute web address.
    public static func normalizedBaseURL(_ text: String) -> String? {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil
        else { return nil }
        var result = components.string ?? text
        if !result.hasSuffix("/") { result += "/" }
        return result
    }

    private static func readLanguages(_ node: Node, reader: inout YAMLFieldReader) -> [SiteConfig.Language]? {
        guard let mapping = node.mapping else {
            reader.error("'languages' must map language codes to settings", at: node,
                         hint: "languages:\n    en: { title: \"HUST News\" }")
            return nil
        }
        var result: [SiteConfig.Language] = []
        for (codeNode, settings) in mapping {
            guard let code = codeNode.scalar?.string, isLanguageCode(code) else {
                reader.error("'\(codeNode.scalar?.string ?? "?")' is not a language code", at: codeNode,
                             hint: "use codes such as en, zh or zh-Hant")
                continue
            }
            var language = SiteConfig.Language(code: code)
            if let fields = settings.mapping {
                for (key, value) in fields {
                    switch key.scalar?.string {
                    case "title": language.title = reader.string(value, key: "title")
                    case "description": language.description = reader.string(value, key: "description")
                    case "date_format": language.dateFormat = reader.string(value, key: "date_format")
                    case "locale": language.locale = reader.string(value, key: "locale")
                    default:
                        reader.warning("unknown language setting '\(key.scalar?.string ?? "?")'", at: key,
                                       hint: "known: title, description, date_format, locale")
                    }
                }
            } else if !(settings.scalar.map { YAMLFieldReader.isNull($0.string) } ?? false) {
                reader.error("settings of language '\(code)' must be a group of fields", at: settings)
            }
            result.append(language)
        }
        return result
    }

    static func isLanguageCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
              first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// The default language always exists and always comes first; the others keep their order.
    private static func resolveLanguages(_ explicit: [SiteConfig.Language]?, defaultLanguage: String) -> [SiteConfig.Language] {
        var languages = explicit ?? []
        if let index = languages.firstIndex(where: { $0.code == defaultLanguage }) {
            let language = languages.remove(at: index)
            languages.insert(language, at: 0)
        } else {
            languages.insert(SiteConfig.Language(code: defaultLanguage), at: 0)
        }
        return languages
    }

    private static func readPermalinks(_ node: Node, reader: inout YAMLFieldReader) -> [String: String] {
        let map = readStringMap(node, key: "permalinks", reader: &reader)
        var result: [String: String] = [:]
        for (section, pattern) in map {
            if let problem = PermalinkPattern.problem(in: pattern) {
                reader.error("permalink for '\(section)' \(problem)", at: node[section],
                             hint: "for example /:section/:year/:slug/ — tokens: \(PermalinkPattern.tokens.joined(separator: " "))")
            } else {
                result[section] = pattern
            }
        }
        return result
    }

    private static func readTagSlugs(_ node: Node, reader: inout YAMLFieldReader) -> [String: String] {
        readStringMap(node, key: "tag_slugs", reader: &reader).filter { tag, slug in
            guard let problem = Slug.problem(with: slug) else { return true }
            reader.error("the slug for tag '\(tag)' \(problem)", at: node[tag], hint: "a tag slug is one URL segment such as cybersecurity")
            return false
        }
    }

    private static func readStringMap(_ node: Node, key: String, reader: inout YAMLFieldReader) -> [String: String] {
        guard let mapping = node.mapping else {
            reader.error("'\(key)' must be a group of 'name: value' lines", at: node)
            return [:]
        }
        var result: [String: String] = [:]
        for (name, value) in mapping {
            guard let name = name.scalar?.string, let text = reader.string(value, key: "\(key).\(name)") else { continue }
            result[name] = text
        }
        return result
    }

    private static func readMarkdown(_ node: Node, into markdown: inout SiteConfig.Markdown, reader: inout YAMLFieldReader) {
        guard let mapping = node.mapping else {
            reader.error("'markdown' must be a group of settings", at: node)
            return
        }
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            switch key {
            case "unsafe": reader.bool(value, key: "markdown.unsafe").map { markdown.unsafe = $0 }
            case "smart": reader.bool(value, key: "markdown.smart").map { markdown.smartPunctuation = $0 }
            case "footnotes": reader.bool(value, key: "markdown.footnotes").map { markdown.footnotes = $0 }
            default: reader.warning("unknown markdown setting '\(key)'", at: keyNode, hint: "known: unsafe, smart, footnotes")
            }
        }
    }

    private static func readLinks(_ node: Node, into config: inout SiteConfig, reader: inout YAMLFieldReader) {
        guard let mapping = node.mapping else {
            reader.error("'links' must be a group of settings", at: node, hint: "links: { unpublished: warn }")
            return
        }
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            guard key == "unpublished" else {
                reader.warning("unknown links setting '\(key)'", at: keyNode, hint: "known: unpublished")
                continue
            }
            switch reader.string(value, key: "links.unpublished") {
            case "warn"?: config.linksToUnpublishedWarn = true
            case "error"?: config.linksToUnpublishedWarn = false
            case let other?: reader.error("links.unpublished must be error or warn, not '\(other)'", at: value)
            case nil: break
            }
        }
    }

    private static func readFeeds(_ node: Node, into feeds: inout SiteConfig.Feeds, reader: inout YAMLFieldReader) {
        guard let mapping = node.mapping else {
            reader.error("'feeds' must be a group of settings", at: node)
            return
        }
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            switch key {
            case "format":
                if let text = reader.string(value, key: "feeds.format") {
                    if let format = SiteConfig.FeedFormat(rawValue: text.lowercased()) {
                        feeds.format = format
                    } else {
                        reader.error("feeds.format must be atom, rss or both, not '\(text)'", at: value)
                    }
                }
            case "entries": reader.int(value, key: "feeds.entries", range: 1...10_000).map { feeds.entries = $0 }
            case "full_content": reader.bool(value, key: "feeds.full_content").map { feeds.fullContent = $0 }
            default: reader.warning("unknown feeds setting '\(key)'", at: keyNode, hint: "known: format, entries, full_content")
            }
        }
    }

    private static func readSearch(_ node: Node, into search: inout SiteConfig.Search, reader: inout YAMLFieldReader) {
        guard let mapping = node.mapping else {
            reader.error("'search' must be a group of settings", at: node, hint: "write search: { enabled: false } to build no search index")
            return
        }
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            switch key {
            case "enabled": reader.bool(value, key: "search.enabled").map { search.enabled = $0 }
            default: reader.warning("unknown search setting '\(key)'", at: keyNode, hint: "known: enabled")
            }
        }
    }
}
