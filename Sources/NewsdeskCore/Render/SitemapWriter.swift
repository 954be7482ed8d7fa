/// `sitemap.xml` (every indexable page once, with `lastmod` and language alternates) and
/// `robots.txt` pointing to it.
public struct SitemapWriter: Sendable {
    public let site: Site

    public init(site: Site) { self.site = site }

    public func sitemap() -> String {
        let urls = site.urls
        let zone = site.config.timeZone
        var xml = XMLWriter()
        xml.start("urlset", ["xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9", "xmlns:xhtml": "http://www.w3.org/1999/xhtml"])
        // Sorted by site path, computed once; positions are sorted rather than outputs, which
        // would copy 12,000 of them on every rebuild that changes a date.
        let indexable = site.outputs.indices.filter { site.outputs[$0].isIndexablePage }
        let sitePaths = indexable.map { site.outputs[$0].sitePath }
        for position in sitePaths.indices.sorted(by: { sitePaths[$0] < sitePaths[$1] }) {
            let output = site.outputs[indexable[position]]
            xml.start("url")
            xml.element("loc", text: urls.absolute(sitePaths[position]))
            if let lastModified = lastModified(output) { xml.element("lastmod", text: lastModified.rfc3339(in: zone)) }
            for (language, sitePath) in alternates(output) {
                xml.empty("xhtml:link", ["rel": "alternate", "hreflang": language, "href": urls.absolute(sitePath)])
            }
            xml.end()
        }
        return xml.finish()
    }

    public func robots() -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(site.urls.absolute("sitemap.xml"))\n"
    }

    /// An article's last change; for a listing, the newest date among the items it shows: its
    /// first, as every listing is newest first.
    func lastModified(_ output: PlannedOutput) -> NewsDate? {
        let size = site.config.paginate
        let newest: Int?
        switch output.kind {
        case .page(let index): return site.pages[index].item.lastModified
        case .sectionListing(let section, let number): newest = Paginator.page(number, of: site.sections[section].pages, size: size).first
        case .yearArchive(let section, let year, let number):
            newest = Paginator.page(number, of: site.sections[section].years.first { $0.year == year }?.pages ?? [], size: size).first
        case .home(let language), .tagIndex(let language): newest = site.language(language)?.pages.first
        case .tagListing(let tag, let number): newest = Paginator.page(number, of: site.tags[tag].pages, size: size).first
        default: newest = nil
        }
        return newest.map { site.pages[$0].item.date }
    }

    /// For pages with translations: every language version including this one, then `x-default`.
    func alternates(_ output: PlannedOutput) -> [(String, String)] {
        var versions: [(String, String)] = []
        switch output.kind {
        case .page(let index):
            let page = site.pages[index]
            guard !page.translations.isEmpty else { return [] }
            versions = ([index] + page.translations).map { (site.pages[$0].item.language, site.pages[$0].sitePath) }
        case .home:
            guard site.languages.count > 1 else { return [] }
            versions = site.languages.map { ($0.code, $0.pathPrefix) }
        case .tagIndex:
            guard site.languages.count > 1 else { return [] }
            versions = site.languages.map { ($0.code, $0.pathPrefix + "tags/") }
        case .sectionListing(let index, 1):
            let name = site.sections[index].name
            versions = site.sections.filter { $0.name == name }.map { ($0.language, $0.sitePath) }
            guard versions.count > 1 else { return [] }
        default:
            return []
        }
        let order = site.config.languageCodes
        versions.sort { (order.firstIndex(of: $0.0) ?? 0) < (order.firstIndex(of: $1.0) ?? 0) }
        let fallback = versions.first { $0.0 == site.config.defaultLanguage } ?? versions[0]
        return versions + [("x-default", fallback.1)]
    }
}
