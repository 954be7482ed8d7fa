import Foundation

/// What the graph is resolved from: parsed Markdown and the list of other files.
public struct SiteInputs: Sendable {
    public var config: SiteConfig
    /// Parsed news items (kind `.item`), published or not.
    public var items: [Item]
    /// Parsed `_index.md` files.
    public var indexes: [Item]
    /// Site-relative paths of the other files under `content/`.
    public var contentFiles: [String]
    /// Theme `static/` files: source path and the output path they are copied to.
    public var themeFiles: [(source: String, output: String)]
    /// What the image stage made of the pictures among `contentFiles`.
    public var images: ImageCatalog

    public init(config: SiteConfig, items: [Item], indexes: [Item], contentFiles: [String], themeFiles: [(source: String, output: String)],
                images: ImageCatalog = ImageCatalog()) {
        self.images = images
        self.config = config
        self.items = items
        self.indexes = indexes
        self.contentFiles = contentFiles
        self.themeFiles = themeFiles
    }
}

/// Resolves sections, order, neighbours, URLs, translations and tags: the site graph.
/// A pure function of its inputs, so it is tested without a disk.
public struct SiteGraphResolver: Sendable {
    public var filter: PublicationFilter

    public init(filter: PublicationFilter) { self.filter = filter }

    public func resolve(_ inputs: SiteInputs) -> (Site, [Diagnostic]) {
        let config = inputs.config
        var diagnostics: [Diagnostic] = []
        let published = inputs.items.filter(filter.isPublished).sorted { $0.path < $1.path }

        var pages: [Page] = []
        var sections: [Section] = []
        var editions: [LanguageEdition] = []
        for language in config.languages {
            let prefix = language.code == config.defaultLanguage ? "" : "\(language.code)/"
            let languageItems = published.filter { $0.language == language.code }
            var edition = LanguageEdition(
                code: language.code, title: language.title ?? config.title,
                description: language.description ?? config.description, dateFormat: language.dateFormat,
                pathPrefix: prefix, sections: [], tags: [], pages: [],
                homeIndex: indexFile(.homeIndex, section: nil, language: language.code, in: inputs.indexes, config: config))
            let sectionNames = Set(languageItems.compactMap(\.section)).sorted { a, b in
                let (weightA, weightB) = (sectionWeight(a, inputs.indexes), sectionWeight(b, inputs.indexes))
                return weightA != weightB ? weightA < weightB : a < b
            }
            // Every page of the language with its sort key, for the language's own listing.
            var languageListing: [(key: PreviousNextLinker.ListingKey, page: Int)] = []
            for name in sectionNames {
                let sectionItems = languageItems.filter { $0.section == name }
                let keys = sectionItems.map(PreviousNextLinker.ListingKey.init)
                let index = indexFile(.sectionIndex, section: name, language: language.code, in: inputs.indexes, config: config)
                let sectionNumber = sections.count
                var listing: [Int] = []
                var pagesByYear: [Int: [Int]] = [:]
                for position in keys.indices.sorted(by: { keys[$0] < keys[$1] }) {
                    let item = sectionItems[position]
                    languageListing.append((keys[position], pages.count))
                    let date = item.date.components(in: config.timeZone)
                    pagesByYear[date.year, default: []].append(pages.count)
                    let sitePath = prefix + PermalinkPattern.expand(
                        config.permalink(forSection: name), section: name, slug: item.slug, date: date)
                    let outputPath = sitePath.hasSuffix("/") || sitePath.isEmpty ? sitePath + "index.html" : sitePath
                    listing.append(pages.count)
                    pages.append(Page(item: item, sitePath: sitePath, outputPath: outputPath, section: sectionNumber))
                }
                for (id, newer, older) in PreviousNextLinker.neighbours(in: listing) {
                    pages[id].newer = newer
                    pages[id].older = older
                }
                sections.append(Section(
                    name: name, language: language.code,
                    title: index?.frontMatter.title ?? Self.displayName(ofSection: name),
                    description: index?.frontMatter.description ?? index?.frontMatter.summary,
                    index: index, sitePath: "\(prefix)\(name)/", pages: listing,
                    years: pagesByYear.keys.sorted(by: >).map { SectionYear(year: $0, pages: pagesByYear[$0]!) }))
                edition.sections.append(sectionNumber)
            }
            edition.pages = languageListing.sorted { $0.key < $1.key }.map(\.page)
            editions.append(edition)
        }

        diagnostics += linkTranslations(&pages, languages: config.languageCodes)
        let tags = TagIndexer(config: config).index(&pages, editions: &editions)
        var site = Site(config: config, urls: URLBuilder(config: config), pages: pages, sections: sections, tags: tags,
                        languages: editions, outputs: [],
                        pageBySourcePath: Dictionary(pages.indices.map { (pages[$0].item.path, $0) }, uniquingKeysWith: { a, _ in a }))
        let plan = OutputPlanner(site: site, inputs: inputs, publishedBundles: Set(published.compactMap(\.file.bundleDirectory))).plan()
        site.outputs = plan.outputs
        site.pictures = SitePictures(plan.placements, catalog: inputs.images, urls: site.urls)
        diagnostics += plan.diagnostics
        return (site, diagnostics)
    }

    /// The `_index.md` for a section (or the home page) in a language, falling back to the
    /// default language's so that a translation does not lose the section's title.
    private func indexFile(_ kind: ContentFile.Kind, section: String?, language: String, in indexes: [Item], config: SiteConfig) -> Item? {
        let candidates = indexes.filter { $0.file.kind == kind && $0.section == section }
        return candidates.first { $0.language == language } ?? candidates.first { $0.language == config.defaultLanguage }
    }

    /// Sections are listed by `weight:` in their `_index.md` (lower first), then by name.
    private func sectionWeight(_ section: String, _ indexes: [Item]) -> Int {
        let index = indexes.first { $0.file.kind == .sectionIndex && $0.section == section && $0.file.languageSuffix == nil }
        guard case .string(let text)? = index?.frontMatter.params["weight"], let weight = Int(text) else { return 0 }
        return weight
    }

    /// `news` → `News`, `cooperation-news` → `Cooperation News`.
    static func displayName(ofSection name: String) -> String {
        name.split(whereSeparator: { $0 == "-" || $0 == "_" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// Items sharing a translation key are each other's translations; two items of one
    /// language under one key would make the language switcher ambiguous.
    private func linkTranslations(_ pages: inout [Page], languages: [String]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Most items have no translation: only keys met twice get a group.
        var first: [String: Int] = [:]
        first.reserveCapacity(pages.count)
        var groups: [String: [Int]] = [:]
        for index in pages.indices {
            let key = pages[index].item.translationKey
            if let earlier = first.updateValue(index, forKey: key) {
                if groups[key] == nil { groups[key] = [earlier] }
                groups[key]!.append(index)
                first[key] = earlier
            }
        }
        for key in groups.keys.sorted() {
            let group = groups[key]!
            let ordered = group.sorted {
                (languages.firstIndex(of: pages[$0].item.language) ?? 0, pages[$0].item.path)
                    < (languages.firstIndex(of: pages[$1].item.language) ?? 0, pages[$1].item.path)
            }
            var seen: [String: String] = [:]
            for member in ordered {
                let item = pages[member].item
                if let first = seen[item.language] {
                    diagnostics.append(.error("this item and \(first) are both the '\(item.language)' version of one article", path: item.path,
                                              line: item.frontMatter.line(of: "translation_key") ?? item.frontMatter.line(of: "lang"),
                                              hint: "give one of them another translation_key, or another lang"))
                } else {
                    seen[item.language] = item.path
                }
            }
            for member in ordered { pages[member].translations = ordered.filter { $0 != member } }
        }
        return diagnostics
    }
}

/// Groups pages by tag within each language. Tags whose slugs agree are one tag ("AI" and
/// "ai"); its display name is the first spelling in sorted order, so it never depends on
/// file order.
struct TagIndexer {
    var config: SiteConfig

    func slug(for name: String) -> String {
        if let configured = config.tagSlugs[name] { return configured }
        let slug = Slug.make(from: name)
        return slug.isEmpty ? "tag-\(ContentHash.of(name) % 1_000_000)" : slug
    }

    /// How a language orders its tags for readers: Chinese by pinyin, as a reader looks them up
    /// (code-point order scatters them); other languages by slug.
    static func collation(forLanguage code: String) -> Locale? {
        code.lowercased().hasPrefix("zh") ? Locale(identifier: "zh@collation=pinyin") : nil
    }

    func index(_ pages: inout [Page], editions: inout [LanguageEdition]) -> [Tag] {
        // Each distinct name is slugified once: archives repeat a few dozen tags thousands of times.
        var slugs: [String: String] = [:]
        func memoizedSlug(_ name: String) -> String {
            if let known = slugs[name] { return known }
            let made = slug(for: name)
            slugs[name] = made
            return made
        }
        var tags: [Tag] = []
        for editionIndex in editions.indices {
            let edition = editions[editionIndex]
            // Slugs numbered as they are met, so each page's tags cost one lookup each; each
            // page's numbers, in the order its editor wrote the tags, become tag numbers below.
            var numbers: [String: Int] = [:]
            var numberBySlug: [String: Int] = [:]
            var found: [(slug: String, names: Set<String>, pages: [Int])] = []
            var pageNumbers: [(page: Int, numbers: [Int])] = []
            for pageIndex in edition.pages {
                var seen: [Int] = []
                for name in pages[pageIndex].item.frontMatter.tags {
                    let number: Int
                    if let known = numbers[name] {
                        number = known
                    } else {
                        let slug = memoizedSlug(name)
                        number = numberBySlug[slug] ?? found.count
                        if number == found.count {
                            numberBySlug[slug] = number
                            found.append((slug, [], []))
                        }
                        found[number].names.insert(name)
                        numbers[name] = number
                    }
                    guard !seen.contains(number) else { continue }
                    seen.append(number)
                    found[number].pages.append(pageIndex)
                }
                if !seen.isEmpty { pageNumbers.append((pageIndex, seen)) }
            }
            var tagNumber = [Int](repeating: 0, count: found.count)
            let collation = Self.collation(forLanguage: edition.code)
            let shownNames = found.map { $0.names.sorted().first! }
            for number in found.indices.sorted(by: { a, b in
                guard let collation else { return found[a].slug < found[b].slug }
                let order = shownNames[a].compare(shownNames[b], options: [], range: nil, locale: collation)
                return order == .orderedSame ? found[a].slug < found[b].slug : order == .orderedAscending
            }) {
                let entry = found[number]
                tagNumber[number] = tags.count
                editions[editionIndex].tags.append(tags.count)
                tags.append(Tag(name: shownNames[number], slug: entry.slug, language: edition.code,
                                sitePath: "\(edition.pathPrefix)tags/\(entry.slug)/", pages: entry.pages))
            }
            for (page, numbers) in pageNumbers { pages[page].tags = numbers.map { tagNumber[$0] } }
        }
        return tags
    }
}
