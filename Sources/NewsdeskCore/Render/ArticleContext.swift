/// The article page's context, which every article's signature digests whether the page is
/// rendered or kept.
extension PageContextBuilder {
    /// The article page without what its Markdown renders (see `adding(_:to:)`): every other
    /// value the template reads, which is what a kept page's signature digests
    /// (`OutputSignature.article`).
    func article(_ pageIndex: Int, extra: PageExtras, now: NewsDate) -> TemplateData {
        let page = readPage(pageIndex)
        let item = page.item
        let frontMatter = item.frontMatter
        let translations = translations(of: page)
        var context = common(language: item.language, sitePath: page.sitePath, title: item.title, translations: translations,
                             section: page.section)
        var pageContext = entry(pageIndex, extra: extra, thumbnail: false, capacity: 32)
        pageContext["section"] = sectionLinks[page.section]
        pageContext["previous"] = link(to: page.newer)
        pageContext["next"] = link(to: page.older)
        pageContext["newer"] = pageContext["previous"]
        pageContext["older"] = pageContext["next"]
        pageContext["has_neighbours"] = .bool(page.newer != nil || page.older != nil)
        pageContext["has_translations"] = .bool(!page.translations.isEmpty)
        pageContext["translations"] = .list(page.translations.map { index -> TemplateData in
            let other = readPage(index)
            return ["lang": .string(other.item.language), "title": .string(other.item.title), "url": .string(urls.href(other.sitePath))]
        })
        pageContext["lang"] = .string(item.language)
        pageContext["params"] = TemplateValue.map(frontMatter.paramOrder.map { ($0, frontMatter.params[$0]!) }).templateData
        let future = isFuture(pageIndex, now: now)
        pageContext["future"] = .bool(future)
        if let imageURL = extra.imageURL, case .object(var image) = image(url: imageURL, alt: frontMatter.imageAlt ?? "") {
            if let caption = frontMatter.imageCaption { image["caption"] = .string(caption) }
            pageContext["image"] = .object(image)
        }
        if let updated = frontMatter.lastModified, updated != item.date {
            pageContext["updated"] = (dates[item.language] ?? DateDisplay(pattern: nil, words: [:], timeZone: site.config.timeZone))
                .shown(updated).context
        }
        let relatedPages = relatedPages(of: pageIndex)
        pageContext["related"] = .list(relatedPages.map(link(to:)))
        pageContext["has_related"] = .bool(!relatedPages.isEmpty)
        if let summary = pageContext["summary"] { context["meta_description"] = summary }
        addArticleMetadata(to: &context, pageIndex: pageIndex, extra: extra, translations: translations)
        context["page"] = .object(pageContext)
        context["is_article"] = true
        context["show_banner"] = .bool(mode == .preview && (item.isDraft || future))
        return .object(context)
    }

    /// Open Graph, breadcrumbs and JSON-LD of an article, its photo shared when it has one.
    private func addArticleMetadata(to context: inout [String: TemplateData], pageIndex: Int, extra: PageExtras,
                                    translations: [String: String]) {
        let page = readPage(pageIndex)
        let item = page.item
        let crumbs = articleCrumbs(pageIndex)
        let times = articleTimes(item)
        let description = item.frontMatter.summary ?? extra.summary
        let photo = extra.thumbnail.map { thumbnail -> SharedImage in
            let alt = thumbnail.alt.isEmpty ? item.title : thumbnail.alt
            // A resized photo is shared as its largest variant, whose size link previews are told.
            guard let picture = site.pictures.bySource[thumbnail.url] else { return SharedImage(url: absoluteURL(thumbnail.url), alt: alt) }
            return SharedImage(url: absoluteURL(picture.src), alt: alt, width: picture.width, height: picture.height)
        }
        context["share"] = share(language: item.language, sitePath: page.sitePath, title: item.title, description: description,
                                 image: photo,
                                 kind: .article(times: times, tags: page.tags.map { site.tags[$0].name }, author: item.frontMatter.author),
                                 translations: translations)
        context["breadcrumbs"] = breadcrumbContext(crumbs)
        context["has_breadcrumbs"] = true
        context["structured_data"] = articleStructuredData(pageIndex, description: description.isEmpty ? nil : description,
                                                           image: photo, crumbs: crumbs, times: times)
    }
}
