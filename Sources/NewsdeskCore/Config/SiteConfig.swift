import Foundation

/// Everything `content/site.yml` can say, with the defaults a site without one gets.
public struct SiteConfig: Sendable, Equatable {
    public struct Language: Sendable, Equatable {
        public var code: String
        public var title: String?
        public var description: String?
        /// Tokens: `{day}`, `{day2}`, `{month}` (name), `{month2}`, `{year}`.
        public var dateFormat: String?
        /// The Open Graph locale (`zh_CN`); derived from the code when not set.
        public var locale: String?

        public init(code: String, title: String? = nil, description: String? = nil, dateFormat: String? = nil, locale: String? = nil) {
            self.code = code
            self.title = title
            self.description = description
            self.dateFormat = dateFormat
            self.locale = locale
        }
    }

    public struct Markdown: Sendable, Equatable {
        /// Raw HTML in Markdown is dropped unless a site opts in.
        public var unsafe = false
        public var smartPunctuation = true
        public var footnotes = true
        public init() {}
    }

    public enum FeedFormat: String, Sendable, Equatable, CaseIterable {
        case atom, rss, both
    }

    public struct Feeds: Sendable, Equatable {
        public var format: FeedFormat = .atom
        public var entries = 20
        public var fullContent = false
        public init() {}
    }

    /// What the default theme shows and shares about the organisation behind the site.
    public struct Branding: Sendable, Equatable {
        /// Paths under `content/` (or URLs) of the header logo, the icon and the picture shared
        /// for pages that have none of their own.
        public var logo: String?
        public var favicon: String?
        public var shareImage: String?
        public var organizationName: String?
        public var organizationURL: String?
        /// Footer lines: how to reach the news office, and the copyright holder.
        public var contact: String?
        public var copyright: String?
        public init() {}
    }

    /// The static full-text search index (`Search/`) and the theme's search pages.
    public struct Search: Sendable, Equatable {
        public var enabled = true
        public init() {}
    }

    public var title = "News"
    public var description = ""
    /// Always ends with `/`; its path is the prefix of every internal link.
    public var baseURL = "http://localhost/"
    public var defaultLanguage = "en"
    /// In the order the site lists them; the default language is always present.
    public var languages: [Language] = [Language(code: "en")]
    public var timeZone = TimeZone(identifier: "UTC")!
    public var theme = "default"
    /// Section name → pattern such as `/:section/:year/:slug/`.
    public var permalinks: [String: String] = [:]
    public var paginate = 20
    public var homeItemsPerSection = 5
    public var markdown = Markdown()
    public var feeds = Feeds()
    /// `links: { unpublished: warn }`: a link to a draft or scheduled item is a warning and
    /// renders as text until the item is published, instead of an error.
    public var linksToUnpublishedWarn = false
    public var images = ImageSettings()
    public var search = Search()
    /// Tag name → slug, for tags whose automatic slug an editor wants to choose.
    public var tagSlugs: [String: String] = [:]
    public var branding = Branding()
    public var params: [(String, TemplateValue)] = []
    /// Line of each top-level setting in `site.yml`, for problems found later that a setting
    /// causes (a theme that does not exist). Not part of equality.
    public var lines: [String: Int] = [:]

    public init() {}

    public static let defaultPermalink = "/:section/:slug/"

    public func permalink(forSection section: String) -> String {
        permalinks[section] ?? permalinks["default"] ?? Self.defaultPermalink
    }

    public func language(_ code: String) -> Language? { languages.first { $0.code == code } }

    public var languageCodes: [String] { languages.map(\.code) }

    /// The path part of `base_url`, always starting and ending with `/` (`/news-site/`).
    public var basePath: String {
        guard let components = URLComponents(string: baseURL) else { return "/" }
        var path = components.percentEncodedPath
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    public static func == (lhs: SiteConfig, rhs: SiteConfig) -> Bool {
        lhs.title == rhs.title && lhs.description == rhs.description && lhs.baseURL == rhs.baseURL
            && lhs.defaultLanguage == rhs.defaultLanguage && lhs.languages == rhs.languages
            && lhs.timeZone == rhs.timeZone && lhs.theme == rhs.theme && lhs.permalinks == rhs.permalinks
            && lhs.paginate == rhs.paginate && lhs.homeItemsPerSection == rhs.homeItemsPerSection
            && lhs.markdown == rhs.markdown && lhs.feeds == rhs.feeds && lhs.images == rhs.images && lhs.tagSlugs == rhs.tagSlugs
            && lhs.branding == rhs.branding
            && lhs.search == rhs.search
            && lhs.params.map(\.0) == rhs.params.map(\.0) && lhs.params.map(\.1) == rhs.params.map(\.1)
    }
}
