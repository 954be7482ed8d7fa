/// Contexts for the pages that list items: sections, year archives, home, tags, and the
/// small pages around them (404, redirects).
extension PageContextBuilder {
    /// The window of page numbers (`PageNumberWindow`) with `rel="prev"`/`rel="next"`
    /// neighbours, for the pagination partial. Every entry of `pages` says whether it is a gap
    /// and whether it is current, so a template never picks up an outer `is_current`.
    func pagination(base: String, current: Int, total: Int) -> TemplateData {
        var context: [String: TemplateData] = [
            "current": .int(current), "total": .int(total), "has_pages": .bool(total > 1),
            "pages": .list(PageNumberWindow.slots(current: current, total: total).map { slot -> TemplateData in
                guard case .page(let number) = slot else { return ["is_gap": true, "is_current": false] }
                return ["number": .int(number), "url": .string(urls.href(Paginator.sitePath(base: base, page: number))),
                        "is_current": .bool(number == current), "is_gap": false]
            }),
        ]
        context["previous"] = current > 1 ? ["url": .string(urls.href(Paginator.sitePath(base: base, page: current - 1)))] : false
        context["next"] = current < total ? ["url": .string(urls.href(Paginator.sitePath(base: base, page: current + 1)))] : false
        return .object(context)
    }

    /// Site paths of the same section in the other languages that have it.
    func sectionTranslations(_ section: Section) -> [String: String] {
        Dictionary(site.sections.filter { $0.name == section.name && $0.language != section.language }
            .map { ($0.language, $0.sitePath) }, uniquingKeysWith: { a, _ in a })
    }

    /// - Parameter current: the year whose archive is shown, marked `is_current`.
    func years(of sectionIndex: Int, current: Int? = nil) -> TemplateData {
        let sitePath = site.sections[sectionIndex].sitePath
        return .list(site.sections[sectionIndex].years.map { year -> TemplateData in
            var fields: [String: TemplateData] = ["year": .int(year.year), "count": .int(year.pages.count),
                                                  "url": .string(urls.href("\(sitePath)\(year.year)/"))]
            if let current { fields["is_current"] = .bool(year.year == current) }
            return .object(fields)
        })
    }

    public func sectionListing(_ sectionIndex: Int, page number: Int, intro: String?) -> TemplateData {
        let section = site.sections[sectionIndex]
        let total = Paginator.pageCount(section.pages.count, size: site.config.paginate)
        let sitePath = Paginator.sitePath(base: section.sitePath, page: number)
        let title = number > 1 ? "\(section.title) (\(number))" : section.title
        var context = common(language: section.language, sitePath: sitePath, title: title,
                             translations: number == 1 ? sectionTranslations(section) : [:], section: sectionIndex)
        context["section"] = .object(sectionContext(section, intro: number == 1 ? intro : nil))
        context["entries"] = .list(Paginator.page(number, of: section.pages, size: site.config.paginate).map(entry))
        context["has_entries"] = .bool(!section.pages.isEmpty)
        context["pagination"] = pagination(base: section.sitePath, current: number, total: total)
        context["years"] = years(of: sectionIndex)
        context["has_years"] = true
        if let description = section.description, !description.isEmpty { context["meta_description"] = .string(description) }
        addListingMetadata(to: &context, language: section.language, sitePath: sitePath, title: title,
                           crumbs: [homeCrumb(section.language), Crumb(title: section.title, sitePath: section.sitePath)],
                           translations: number == 1 ? sectionTranslations(section) : [:])
        context["is_section"] = true
        return .object(context)
    }

    func sectionContext(_ section: Section, intro: String?) -> [String: TemplateData] {
        var context: [String: TemplateData] = ["title": .string(section.title), "name": .string(section.name),
                                               "url": .string(urls.href(section.sitePath)), "count": .int(section.pages.count)]
        if let description = section.description, !description.isEmpty { context["description"] = .string(description) }
        if let intro, !intro.isEmpty { context["intro"] = .string(intro) }
        return context
    }

    /// One page of a year's archive, paginated like the section's listing: a year of a busy
    /// news office holds hundreds of items, too many for one page.
    public func yearArchive(_ sectionIndex: Int, year: Int, page number: Int) -> TemplateData {
        let section = site.sections[sectionIndex]
        let pages = section.years.first { $0.year == year }?.pages ?? []
        let total = Paginator.pageCount(pages.count, size: site.config.paginate)
        let base = "\(section.sitePath)\(year)/"
        let title = number > 1 ? "\(section.title) \(year) (\(number))" : "\(section.title) \(year)"
        var context = common(language: section.language, sitePath: Paginator.sitePath(base: base, page: number), title: title,
                             translations: [:], section: sectionIndex)
        context["section"] = .object(sectionContext(section, intro: nil))
        context["year"] = .int(year)
        context["entries"] = .list(Paginator.page(number, of: pages, size: site.config.paginate).map(entry))
        context["has_entries"] = .bool(!pages.isEmpty)
        context["pagination"] = pagination(base: base, current: number, total: total)
        context["years"] = years(of: sectionIndex, current: year)
        context["has_years"] = true
        addListingMetadata(to: &context, language: section.language, sitePath: Paginator.sitePath(base: base, page: number), title: title,
                           crumbs: [homeCrumb(section.language), Crumb(title: section.title, sitePath: section.sitePath),
                                    Crumb(title: String(year), sitePath: base)])
        context["is_year"] = true
        return .object(context)
    }

    public func home(language code: String, intro: String?) -> TemplateData {
        guard let edition = site.language(code) else { return [:] }
        let others = Dictionary(site.languages.filter { $0.code != code }.map { ($0.code, $0.pathPrefix) }, uniquingKeysWith: { a, _ in a })
        var context = common(language: code, sitePath: edition.pathPrefix, title: nil, translations: others)
        let perSection = site.config.homeItemsPerSection
        context["sections"] = .list(edition.sections.map { index -> TemplateData in
            var section = sectionContext(site.sections[index], intro: nil)
            section["entries"] = .list(site.sections[index].pages.prefix(perSection).map(entry))
            section["has_more"] = .bool(site.sections[index].pages.count > perSection)
            section["has_entries"] = .bool(!site.sections[index].pages.isEmpty)
            return .object(section)
        })
        context["latest"] = .list(edition.pages.prefix(perSection).map(entry))
        if let lead = Self.leadItem(of: edition, extras: extras) { context["lead"] = entry(lead) }
        if let intro, !intro.isEmpty { context["intro"] = .string(intro) }
        addListingMetadata(to: &context, language: code, sitePath: edition.pathPrefix, title: edition.title, crumbs: [homeCrumb(code)],
                           translations: others, isHome: true)
        context["is_home"] = true
        return .object(context)
    }

    /// The home page's lead: the language's newest item with a picture.
    static func leadItem(of edition: LanguageEdition, extras: [PageExtras]) -> Int? {
        edition.pages.first { extras[$0].thumbnail != nil }
    }

    public func tagIndex(language code: String) -> TemplateData {
        guard let edition = site.language(code) else { return [:] }
        let others = Dictionary(site.languages.filter { $0.code != code }.map { ($0.code, $0.pathPrefix + "tags/") }, uniquingKeysWith: { a, _ in a })
        let title = theme.word("tags", for: code, defaultLanguage: site.config.defaultLanguage) ?? "Tags"
        var context = common(language: code, sitePath: edition.pathPrefix + "tags/", title: title, translations: others)
        context["tags"] = .list(tagLinks(edition.tags))
        context["has_tags"] = .bool(!edition.tags.isEmpty)
        addListingMetadata(to: &context, language: code, sitePath: edition.pathPrefix + "tags/", title: title,
                           crumbs: [homeCrumb(code), Crumb(title: title, sitePath: edition.pathPrefix + "tags/")], translations: others)
        context["is_tags"] = true
        return .object(context)
    }

    /// A language's search page: the form, where the client finds the index and what it says.
    public func searchPage(language code: String) -> TemplateData {
        guard let edition = site.language(code) else { return [:] }
        let others = Dictionary(site.languages.filter { $0.code != code }.map { ($0.code, $0.pathPrefix + "search/") }, uniquingKeysWith: { a, _ in a })
        let title = theme.word("search", for: code, defaultLanguage: site.config.defaultLanguage) ?? "Search"
        var context = common(language: code, sitePath: edition.pathPrefix + "search/", title: title, translations: others)
        context["search"] = ["index_url": .string(urls.href(SearchIndexLayout.folder(code))), "script_url": .string(urls.href("js/search.js"))]
        addListingMetadata(to: &context, language: code, sitePath: edition.pathPrefix + "search/", title: title,
                           crumbs: [homeCrumb(code), Crumb(title: title, sitePath: edition.pathPrefix + "search/")], translations: others)
        context["is_search"] = true
        return .object(context)
    }

    public func tagListing(_ tagIndex: Int, page number: Int) -> TemplateData {
        let tag = site.tags[tagIndex]
        let total = Paginator.pageCount(tag.pages.count, size: site.config.paginate)
        let sitePath = Paginator.sitePath(base: tag.sitePath, page: number)
        var context = common(language: tag.language, sitePath: sitePath, title: number > 1 ? "\(tag.name) (\(number))" : tag.name,
                             translations: [:])
        context["tag"] = ["name": .string(tag.name), "url": .string(urls.href(tag.sitePath)), "count": .int(tag.pages.count)]
        context["section"] = ["title": .string(tag.name), "url": .string(urls.href(tag.sitePath)), "count": .int(tag.pages.count)]
        context["entries"] = .list(Paginator.page(number, of: tag.pages, size: site.config.paginate).map(entry))
        context["has_entries"] = .bool(!tag.pages.isEmpty)
        context["pagination"] = pagination(base: tag.sitePath, current: number, total: total)
        let edition = site.language(tag.language) ?? site.languages[0]
        let tagsTitle = theme.word("tags", for: tag.language, defaultLanguage: site.config.defaultLanguage) ?? "Tags"
        addListingMetadata(to: &context, language: tag.language, sitePath: sitePath, title: tag.name,
                           crumbs: [homeCrumb(tag.language), Crumb(title: tagsTitle, sitePath: edition.pathPrefix + "tags/"),
                                    Crumb(title: tag.name, sitePath: tag.sitePath)])
        context["is_tag"] = true
        return .object(context)
    }

    /// A language's 404 page, with its latest items: `404.html`, `zh/404.html`.
    public func notFound(language code: String) -> TemplateData {
        let edition = site.language(code) ?? site.languages[0]
        let title = theme.word("not_found_title", for: code, defaultLanguage: site.config.defaultLanguage) ?? "Page not found"
        var context = common(language: code, sitePath: edition.pathPrefix + "404.html", title: title, translations: [:])
        context["latest"] = .list(edition.pages.prefix(site.config.homeItemsPerSection).map(entry))
        context["has_latest"] = .bool(!edition.pages.isEmpty)
        context["share"] = share(language: code, sitePath: edition.pathPrefix + "404.html", title: title, description: nil, image: nil,
                                 kind: .website, translations: [:])
        context["is_404"] = true
        return .object(context)
    }

    /// A redirect from an old address: meta refresh for browsers, canonical for search engines.
    public func alias(to pageIndex: Int) -> TemplateData {
        let page = readPage(pageIndex)
        return ["lang": .string(page.item.language), "title": .string(page.item.title), "url": .string(urls.href(page.sitePath)),
                "permalink": .string(urls.absolute(page.sitePath))]
    }
}
