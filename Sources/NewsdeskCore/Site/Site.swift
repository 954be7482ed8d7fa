/// A published item placed in the site: its URL, its section and its neighbours.
public struct Page: Sendable {
    public var item: Item
    /// Path under the site root, no leading slash: `news/vsip-2023/`, `zh/news/vsip-2023/`.
    public var sitePath: String
    /// File written for it: `news/vsip-2023/index.html`.
    public var outputPath: String
    public var section: Int
    /// Newer neighbour in the section's order (listed just before it): the source site's "Previous".
    public var newer: Int?
    /// Older neighbour (listed just after it): the source site's "Next".
    public var older: Int?
    /// The same item in other languages, in the site's language order.
    public var translations: [Int] = []
    public var tags: [Int] = []
}

/// One language's view of a folder under `content/`.
public struct Section: Sendable {
    public var name: String
    public var language: String
    public var title: String
    public var description: String?
    /// The `_index.md` that describes it, if any (its body is the listing's intro).
    public var index: Item?
    /// `news/` or `zh/news/`.
    public var sitePath: String
    /// Newest first: date descending, then slug, then path.
    public var pages: [Int]
    /// The years its items were published in, newest first, each with its pages in listing
    /// order: the year archives and the year links every listing shows.
    public var years: [SectionYear] = []
}

/// One year of a section: the items of its year archive.
public struct SectionYear: Sendable, Equatable {
    public var year: Int
    /// In the section's order, newest first.
    public var pages: [Int]
}

public struct Tag: Sendable {
    public var name: String
    public var slug: String
    public var language: String
    /// `tags/网络安全/`; percent-encoded only when it becomes a link.
    public var sitePath: String
    /// Newest first.
    public var pages: [Int]
}

/// Everything published in one language.
public struct LanguageEdition: Sendable {
    public var code: String
    public var title: String
    public var description: String
    public var dateFormat: String?
    /// `""` for the default language, `zh/` for the others.
    public var pathPrefix: String
    public var sections: [Int]
    public var tags: [Int]
    /// All of the language's pages, newest first, for the home page and feeds.
    public var pages: [Int]
    public var homeIndex: Item?
}

/// The resolved site graph: every page, section, tag and file the build will write.
public struct Site: Sendable {
    public var config: SiteConfig
    public var urls: URLBuilder
    public var pages: [Page]
    public var sections: [Section]
    public var tags: [Tag]
    public var languages: [LanguageEdition]
    public var outputs: [PlannedOutput]
    public var pageBySourcePath: [String: Int]
    /// The resized photos, where pages show them (`Images/`).
    public var pictures = SitePictures()

    public func language(_ code: String) -> LanguageEdition? { languages.first { $0.code == code } }
}
