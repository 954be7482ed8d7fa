/// One file the build will write, decided before anything is rendered, so that collisions,
/// broken links and the sitemap are all answered from one list.
public struct PlannedOutput: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case page(Int)
        /// A page of a section's listing, 1-based.
        case sectionListing(section: Int, page: Int)
        /// A page of a section's archive of one year, 1-based.
        case yearArchive(section: Int, year: Int, page: Int)
        case home(language: String)
        case tagIndex(language: String)
        case tagListing(tag: Int, page: Int)
        /// A redirect from an old URL to a page.
        case alias(page: Int)
        case atomFeed(language: String, section: Int?)
        case rssFeed(language: String, section: Int?)
        case sitemap
        case robots
        /// A language's 404 page (`404.html`, `zh/404.html`).
        case notFound(language: String)
        /// `site.webmanifest`: the site's name and icons for phones' home screens.
        case webManifest
        /// A language's search page, which loads that language's index (`Search/`).
        case searchPage(language: String)
        /// A file copied from `content/` or a bundle.
        case contentFile(source: String)
        /// A variant of a photo under `content/` (`ImageVariant.storedName` in the image store).
        case imageVariant(source: String, key: String, stored: String)
        /// One of the icons made from site.yml's `favicon` (`SiteIcons`).
        case siteIcon(source: String, size: Int)
        /// A file copied from the theme's `static/` folder.
        case themeFile(source: String)
    }

    /// Relative to the output folder: `news/vsip-2023/index.html`.
    public var path: String
    public var kind: Kind
    /// The input that asked for this file, for collision messages.
    public var origin: String

    public init(path: String, kind: Kind, origin: String) {
        self.path = path
        self.kind = kind
        self.origin = origin
    }

    /// Pages a reader or a search engine should find (not redirects, feeds or the 404 page).
    public var isIndexablePage: Bool {
        switch kind {
        case .page, .sectionListing, .yearArchive, .home, .tagIndex, .tagListing: return true
        default: return false
        }
    }

    /// The URL path that serves this file: `news/x/index.html` → `news/x/`.
    public var sitePath: String {
        if path == "index.html" { return "" }
        if path.hasSuffix("/index.html") { return String(path.dropLast("index.html".count)) }
        return path
    }
}
