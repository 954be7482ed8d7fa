/// Contexts for the pages that list items: sections, year archives, home, tags, and the
/// small pages around them (404, redirects).
extension PageContextBuilder {
    /// The window of page numbers (`PageNumberWindow`) with `rel="prev"`/`rel="next"`
    /// neighbours, for the pagination partial. Every entry of `pages` says whether it is a gap
    /// and whether it is current, so a template never picks up an outer `is_current`.
    func pagination(base: String, current: Int, total: Int) -> [String: Any] {
        var context: [String: Any] = [
            "current": current, "total": total, "has_pages": total > 1,
            "pages": PageNumberWindow.slots(current: current, total: total).map { slot -> [String: Any] in
                guard case .page(let number) = slot else { return ["is_gap": true, "is_current": false] }
                return ["number": number, "url": urls.href(Paginator.sitePath(base: base, page: number)),
                        "is_current": number == current, "is_gap": false]
            },
        ]
        context["previous"] = current > 1 ? ["url": urls.href(Paginator.sitePath(base: base, page: current - 1))] : false
        context["next"] = current < total ? ["url": urls.href(Paginator.sitePath(base: base, page: current + 1))] : false
        return context
    }

    /// Site paths of the same section in the other languages that have it.
    func sectionTranslations(_ section: Section) -> [String: String] {
        Dictionary(site.sections.filter { $0.name == section.name && $0.language != section.language }
            .map { ($0.language, $0.sitePath) }, uniquingKeysWith: { a, _ in a })
    }

    func years(of sectionIndex: Int) -> [[String: Any]] {
        let sitePath = site.sections[sectionIndex].sitePath
        return site.sections[sectionIndex].years.map { ["year": $0.year, "count": $0.pages.count, "url": urls.href("\(sitePath)\($0.year)/")] }
    }

    public func sectionListing(_ sectionIndex: Int, page number: Int, intro: String?) -> [String: Any] {
        let section = site.sections[sectionIndex]
        let total = Paginator.pageCount(section.pages.count, size: site.config.paginate)
        let sitePath = Paginator.sitePath(base: section.sitePath, page: number)
        let title = number > 1 ? "\(section.title) (\(number))" : section.title
        var context = common(language: section.language, sitePath: sitePath, title: title,
                             translations: number == 1 ? sectionTranslations(section) : [:], section: sectionIndex)
        context["section"] = sectionContext(section, intro: number == 1 ? intro : nil)
        context["entries"] = Paginator.page(number, of: section.pages, size: site.config.paginate).map(entry)
        context["has_entries"] = !section.pages.isEmpty
        context["pagination"] = pagination(base: section.sitePath, current: number, total: total)
        context["years"] = years(of: sectionIndex)
        context["has_years"] = true
        if let description = section.description, !description.isEmpty { context["meta_description"] = description }
        context["is_section"] = true
        return context
    }

    func sectionContext(_ section: Section, intro: String?) -> [String: Any] {
        var context: [String: Any] = ["title": section.title, "name": section.name, "url": urls.href(section.sitePath),
                                      "count": section.pages.count]
        if let description = section.description, !description.isEmpty { context["description"] = description }
        if let intro, !intro.isEmpty { context["intro"] = intro }
        return context
    }

    /// One page of a year's archive, paginated like the section's listing: a year of a busy
    /// news office holds hundreds of items, too many for one page.
    public func yearArchive(_ sectionIndex: Int, year: Int, page number: Int) -> [String: Any] {
        let section = site.sections[sectionIndex]
        let pages = section.years.first { $0.year == year }?.pages ?? []
        let total = Paginator.pageCount(pages.count, size: site.config.paginate)
        let base = "\(section.sitePath)\(year)/"
        let title = number > 1 ? "\(section.title) \(year) (\(number))" : "\(section.title) \(year)"
        var context = common(language: section.language, sitePath: Paginator.sitePath(base: base, page: number), title: title,
                             translations: [:], section: sectionIndex)
        context["section"] = sectionContext(section, intro: nil)
        context["year"] = year
        context["entries"] = Paginator.page(number, of: pages, size: site.config.paginate).map(entry)
        context["has_entries"] = !pages.isEmpty
        context["pagination"] = pagination(base: base, current: number, total: total)
        context["years"] = years(of: sectionIndex).map { year -> [String: Any] in
            var year = year
            year["is_current"] = (year["year"] as? Int) == context["year"] as? Int
            return year
        }
        context["has_years"] = true
        context["is_year"] = true
        return context
    }

    public func home(language code: String, intro: String?) -> [String: Any] {
        guard let edition = site.language(code) else { return [:] }
        let others = Dictionary(site.languages.filter { $0.code != code }.map { ($0.code, $0.pathPrefix) }, uniquingKeysWith: { a, _ in a })
        var context = common(language: code, sitePath: edition.pathPrefix, title: nil, translations: others)
        let perSection = site.config.homeItemsPerSection
        context["sections"] = edition.sections.map { index -> [String: Any] in
            var section = sectionContext(site.sections[index], intro: nil)
            section["entries"] = site.sections[index].pages.prefix(perSection).map(entry)
            section["has_more"] = site.sections[index].pages.count > perSection
            section["has_entries"] = !site.sections[index].pages.isEmpty
            return section
        }
        context["latest"] = edition.pages.prefix(perSection).map(entry)
        if let intro, !intro.isEmpty { context["intro"] = intro }
        context["is_home"] = true
        return context
    }

    public func tagIndex(language code: String) -> [String: Any] {
        guard let edition = site.language(code) else { return [:] }
        let others = Dictionary(site.languages.filter { $0.code != code }.map { ($0.code, $0.pathPrefix + "tags/") }, uniquingKeysWith: { a, _ in a })
        let title = (theme.words(for: code, defaultLanguage: site.config.defaultLanguage)["tags"] as? String) ?? "Tags"
        var context = common(language: code, sitePath: edition.pathPrefix + "tags/", title: title, translations: others)
        context["tags"] = tagLinks(edition.tags)
        context["has_tags"] = !edition.tags.isEmpty
        context["is_tags"] = true
        return context
    }

    public func tagListing(_ tagIndex: Int, page number: Int) -> [String: Any] {
        let tag = site.tags[tagIndex]
        let total = Paginator.pageCount(tag.pages.count, size: site.config.paginate)
        let sitePath = Paginator.sitePath(base: tag.sitePath, page: number)
        var context = common(language: tag.language, sitePath: sitePath, title: number > 1 ? "\(tag.name) (\(number))" : tag.name,
                             translations: [:])
        context["tag"] = ["name": tag.name, "url": urls.href(tag.sitePath), "count": tag.pages.count]
        context["section"] = ["title": tag.name, "url": urls.href(tag.sitePath), "count": tag.pages.count]
        context["entries"] = Paginator.page(number, of: tag.pages, size: site.config.paginate).map(entry)
        context["has_entries"] = !tag.pages.isEmpty
        context["pagination"] = pagination(base: tag.sitePath, current: number, total: total)
        context["is_tag"] = true
        return context
    }

    public func notFound() -> [String: Any] {
        let code = site.config.defaultLanguage
        let title = (theme.words(for: code, defaultLanguage: code)["not_found_title"] as? String) ?? "Page not found"
        var context = common(language: code, sitePath: "404.html", title: title, translations: [:])
        context["is_404"] = true
        return context
    }

    /// A redirect from an old address: meta refresh for browsers, canonical for search engines.
    public func alias(to pageIndex: Int) -> [String: Any] {
        let page = site.pages[pageIndex]
        return ["lang": page.item.language, "title": page.item.title, "url": urls.href(page.sitePath),
                "permalink": urls.absolute(page.sitePath)]
    }
}
