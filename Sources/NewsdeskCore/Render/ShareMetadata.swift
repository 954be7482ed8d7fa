/// What a page tells the places it is shared to and the search engines that read it: Open
/// Graph and Twitter fields (`share`), breadcrumbs (visible and as JSON-LD) and schema.org
/// descriptions (`structured_data`), all from data the build already has.
extension PageContextBuilder {
    /// One step of a page's trail from its language's home page.
    struct Crumb: Sendable {
        var title: String
        var sitePath: String
    }

    /// A picture for link previews, with its size when the build knows it.
    struct SharedImage: Sendable {
        var url: String
        var alt: String
        var width: Int? = nil
        var height: Int? = nil
    }

    /// What kind of page is shared: an article with its dates and tags, or any other page.
    enum SharedKind: Sendable {
        case article(times: ArticleTimes, tags: [String], author: String?)
        case website
    }

    /// An article's publication and last change in RFC 3339, as link previews and JSON-LD
    /// state them: written once for both.
    struct ArticleTimes: Sendable {
        var published: String
        var modified: String
    }

    func articleTimes(_ item: Item) -> ArticleTimes {
        let zone = site.config.timeZone
        let published = item.date.rfc3339(in: zone)
        return ArticleTimes(published: published, modified: item.frontMatter.lastModified.map { $0.rfc3339(in: zone) } ?? published)
    }

    func homeCrumb(_ code: String) -> Crumb {
        let edition = site.language(code) ?? site.languages[0]
        let word = theme.word("home", for: code, defaultLanguage: site.config.defaultLanguage) ?? edition.title
        return Crumb(title: word, sitePath: edition.pathPrefix)
    }

    /// Home › Section › Year › Title for an article.
    func articleCrumbs(_ pageIndex: Int) -> [Crumb] {
        let page = readPage(pageIndex)
        let section = site.sections[page.section]
        let year = page.item.date.components(in: site.config.timeZone).year
        return [homeCrumb(page.item.language), Crumb(title: section.title, sitePath: section.sitePath),
                Crumb(title: String(year), sitePath: "\(section.sitePath)\(year)/"), Crumb(title: page.item.title, sitePath: page.sitePath)]
    }

    /// The visible trail: every step a link, the last one marked as the current page.
    func breadcrumbContext(_ crumbs: [Crumb]) -> TemplateData {
        .list(crumbs.indices.map { index -> TemplateData in
            ["title": .string(crumbs[index].title), "url": .string(urls.href(crumbs[index].sitePath)),
             "is_current": .bool(index == crumbs.count - 1)]
        })
    }

    /// The publisher every description names: `organization` in site.yml, else the site.
    func publisher(language code: String) -> StructuredData.Organization {
        let edition = site.language(code) ?? site.languages[0]
        let branding = site.config.branding
        return StructuredData.Organization(name: branding.organizationName ?? edition.title,
                                           url: branding.organizationURL ?? urls.absolute(edition.pathPrefix),
                                           logo: StructuredData.ImageObject(url: absoluteURL(logoHref)))
    }

    /// The header logo: site.yml `logo` (a file under content/), else the theme's own.
    var logoHref: String { Self.logoHref(site) }

    /// site.yml's `logo` (its thumbnail when it is a photo, which is published as its
    /// variants), else the theme's.
    static func logoHref(_ site: Site) -> String {
        guard let logo = site.config.branding.logo else { return site.urls.href("brand/logo.svg") }
        let path = contentSitePath(logo)
        guard let picture = site.pictures.byOriginalPath[path] else { return site.urls.href(path) }
        return picture.sources.last?.thumbnail ?? picture.src
    }

    /// The picture shared for pages without a photo of their own.
    var defaultShareImage: SharedImage {
        let alt = site.config.branding.organizationName ?? site.config.title
        guard let setting = site.config.branding.shareImage else {
            return SharedImage(url: absoluteURL(urls.href(Self.themeShareImage)), alt: alt, width: themeShareImageSize?.width,
                               height: themeShareImageSize?.height)
        }
        let path = Self.contentSitePath(setting)
        guard let picture = site.pictures.byOriginalPath[path] else { return SharedImage(url: absoluteURL(urls.href(path)), alt: alt) }
        return SharedImage(url: absoluteURL(picture.src), alt: alt, width: picture.width, height: picture.height)
    }

    /// The theme's picture for pages that share none of their own.
    static let themeShareImage = "brand/share.png"

    /// `/images/logo.png` or `images/logo.png` in site.yml name the file `content/images/logo.png`.
    static func contentSitePath(_ setting: String) -> String {
        String(setting.trimmingSpaces().drop { $0 == "/" })
    }

    /// An address as a link preview needs it: with scheme and host.
    func absoluteURL(_ href: String) -> String {
        if href.hasPrefix("http://") || href.hasPrefix("https://") { return href }
        if href.hasPrefix(urls.basePath) { return urls.baseURL + href.dropFirst(urls.basePath.count) }
        return urls.absolute(String(href.drop { $0 == "/" }))
    }

    /// `og:locale` for a language: site.yml's `locale:` for it, else one derived from the code.
    func locale(_ code: String) -> String {
        if let configured = site.config.language(code)?.locale { return configured }
        switch code.lowercased() {
        case "en": return "en_US"
        case "zh", "zh-hans", "zh-cn": return "zh_CN"
        case "zh-hant", "zh-tw": return "zh_TW"
        default: return code.replacingOccurrences(of: "-", with: "_")
        }
    }

    /// The `share` object the head partial prints as Open Graph and Twitter card fields.
    func share(language code: String, sitePath: String, title: String, description: String?, image: SharedImage?,
               kind: SharedKind, translations: [String: String]) -> TemplateData {
        let edition = site.language(code) ?? site.languages[0]
        let picture = image ?? defaultShareImage
        var image: [String: TemplateData] = ["url": .string(picture.url), "alt": .string(picture.alt)]
        if let width = picture.width, let height = picture.height {
            image["width"] = .int(width)
            image["height"] = .int(height)
        }
        var context = Self.fields(capacity: 16, [
            "title": .string(title), "url": .string(urls.absolute(sitePath)), "site_name": .string(edition.title),
            "locale": .string(locale(code)), "image": .object(image),
            "locale_alternates": .list(site.languages.filter { translations[$0.code] != nil && $0.code != code }
                .map { ["locale": .string(locale($0.code))] }),
        ])
        if let description, !description.isEmpty { context["description"] = .string(description) }
        switch kind {
        case .article(let times, let tags, let author):
            context["type"] = "article"
            context["is_article"] = true
            context["published_time"] = .string(times.published)
            context["modified_time"] = .string(times.modified)
            context["tags"] = .list(tags.map { ["name": .string($0)] })
            if let author { context["author"] = .string(author) }
        case .website:
            context["type"] = "website"
        }
        return .object(context)
    }

    /// JSON-LD for an article: the `NewsArticle` and its breadcrumbs.
    func articleStructuredData(_ pageIndex: Int, description: String?, image: SharedImage?, crumbs: [Crumb],
                               times: ArticleTimes) -> TemplateData {
        let page = readPage(pageIndex)
        let item = page.item
        let edition = site.language(item.language) ?? site.languages[0]
        let publisher = publisher(language: item.language)
        let author = item.frontMatter.author.map { [StructuredData.Thing(type: "Person", name: $0)] }
            ?? [StructuredData.Thing(type: "Organization", name: publisher.name, url: publisher.url)]
        let article = StructuredData.NewsArticle(
            headline: item.title, description: description, datePublished: times.published, dateModified: times.modified, author: author,
            image: [(image ?? defaultShareImage).url], publisher: publisher, inLanguage: item.language,
            mainEntityOfPage: urls.absolute(page.sitePath),
            isPartOf: StructuredData.Thing(type: "WebSite", name: edition.title, url: urls.absolute(edition.pathPrefix)))
        return StructuredData.script([.newsArticle(article), .breadcrumbs(breadcrumbList(crumbs))])
    }

    func breadcrumbList(_ crumbs: [Crumb]) -> StructuredData.BreadcrumbList {
        StructuredData.BreadcrumbList(itemListElement: crumbs.indices.map {
            StructuredData.ListItem(position: $0 + 1, name: crumbs[$0].title, item: urls.absolute(crumbs[$0].sitePath))
        })
    }

    /// JSON-LD for a listing: its breadcrumbs, and on a home page the `WebSite` itself.
    func listingStructuredData(language code: String, crumbs: [Crumb], isHome: Bool) -> TemplateData {
        var entities: [StructuredData.Entity] = []
        if isHome {
            let edition = site.language(code) ?? site.languages[0]
            entities.append(.webSite(StructuredData.WebSite(
                name: edition.title, url: urls.absolute(edition.pathPrefix), inLanguage: code,
                description: edition.description.isEmpty ? nil : edition.description, publisher: publisher(language: code))))
        } else {
            entities.append(.breadcrumbs(breadcrumbList(crumbs)))
        }
        return StructuredData.script(entities)
    }

    /// Adds `share`, `breadcrumbs` and `structured_data` to a listing's context.
    func addListingMetadata(to context: inout [String: TemplateData], language code: String, sitePath: String, title: String,
                            crumbs: [Crumb], translations: [String: String] = [:], isHome: Bool = false) {
        let description: String? = if case .string(let text) = context["meta_description"] { text } else { nil }
        context["share"] = share(language: code, sitePath: sitePath, title: title, description: description, image: nil,
                                 kind: .website, translations: translations)
        if !isHome {
            context["breadcrumbs"] = breadcrumbContext(crumbs)
            context["has_breadcrumbs"] = true
        }
        context["structured_data"] = listingStructuredData(language: code, crumbs: crumbs, isHome: isHome)
    }
}
