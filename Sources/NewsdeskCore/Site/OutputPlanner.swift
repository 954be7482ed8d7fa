/// Lists every file a build writes and reports two inputs that would write the same one.
struct OutputPlanner {
    let site: Site
    let inputs: SiteInputs
    let publishedBundles: Set<String>

    private var planned: [PlannedOutput] = []
    private var owners: [String: String] = [:]
    private var diagnostics: [Diagnostic] = []
    /// Where each resized photo is shown: the path its original would have, and the source.
    private var placements: [(originalPath: String, source: String)] = []

    init(site: Site, inputs: SiteInputs, publishedBundles: Set<String>) {
        self.site = site
        self.inputs = inputs
        self.publishedBundles = publishedBundles
    }

    func plan() -> (outputs: [PlannedOutput], diagnostics: [Diagnostic], placements: [(originalPath: String, source: String)]) {
        var planner = self
        let expected = site.pages.count * 2 + inputs.contentFiles.count + inputs.themeFiles.count
        planner.planned.reserveCapacity(expected)
        planner.owners.reserveCapacity(expected)
        planner.planPages()
        planner.planListings()
        planner.planMachineFiles()
        planner.planContentFiles()
        planner.planAliases()
        planner.planThemeFiles()
        planner.checkBrandingFiles()
        return (planner.planned, planner.diagnostics, planner.placements)
    }

    /// - Parameter line: looked up only for a collision (it reads the item's front matter).
    /// - Parameter source: the file (and line) that asked for this output, when `origin` is not one.
    private mutating func add(_ path: String, _ kind: PlannedOutput.Kind, origin: String, line: @autoclosure () -> Int? = nil,
                              source: @autoclosure () -> (path: String, line: Int?)? = nil) {
        if let problem = OutputPath.problem(path) {
            let (file, fileLine) = source() ?? (Self.diagnosticPath(origin), line())
            let shown = path.utf8.count > 80 ? String(decoding: path.utf8.prefix(60), as: UTF8.self) + "…" : path
            diagnostics.append(.error("this would write '\(shown)', which cannot be: \(problem)", path: file, line: fileLine,
                                      hint: "use a shorter or plainer slug, tag, alias or file name"))
            return
        }
        if let owner = owners[path] {
            diagnostics.append(.error("'\(path)' would be written twice: by \(owner) and by \(origin)", path: Self.diagnosticPath(origin),
                                      line: line(), hint: "give one of them another slug, alias or file name"))
            return
        }
        owners[path] = origin
        planned.append(PlannedOutput(path: path, kind: kind, origin: origin))
    }

    /// Origins are source paths or descriptions such as "the news listing"; diagnostics need a file.
    private static func diagnosticPath(_ origin: String) -> String {
        origin.hasPrefix("content/") || origin.hasPrefix("themes/") ? origin : "content"
    }

    private mutating func planPages() {
        for (index, page) in site.pages.enumerated() {
            add(page.outputPath, .page(index), origin: page.item.path, line: page.item.frontMatter.line(of: "slug"))
        }
    }

    private mutating func planListings() {
        let site = self.site
        let pageSize = site.config.paginate
        for edition in site.languages {
            add(edition.pathPrefix + "index.html", .home(language: edition.code), origin: "the \(edition.code) home page")
            for sectionIndex in edition.sections {
                let section = site.sections[sectionIndex]
                let pageCount = Paginator.pageCount(section.pages.count, size: pageSize)
                for number in 1...pageCount {
                    add(Paginator.sitePath(base: section.sitePath, page: number) + "index.html",
                        .sectionListing(section: sectionIndex, page: number), origin: "the \(section.name) listing")
                }
                for year in section.years {
                    for number in 1...Paginator.pageCount(year.pages.count, size: pageSize) {
                        add(Paginator.sitePath(base: "\(section.sitePath)\(year.year)/", page: number) + "index.html",
                            .yearArchive(section: sectionIndex, year: year.year, page: number),
                            origin: "the \(section.name) \(year.year) archive")
                    }
                }
            }
            add(edition.pathPrefix + "tags/index.html", .tagIndex(language: edition.code), origin: "the \(edition.code) tag list")
            for tagIndex in edition.tags {
                let tag = site.tags[tagIndex]
                for number in 1...Paginator.pageCount(tag.pages.count, size: pageSize) {
                    add(Paginator.sitePath(base: tag.sitePath, page: number) + "index.html", .tagListing(tag: tagIndex, page: number),
                        origin: "the tag '\(tag.name)'", source: tag.pages.first.map { first in
                            (site.pages[first].item.path, site.pages[first].item.frontMatter.line(of: "tags"))
                        })
                }
            }
        }
    }

    private mutating func planMachineFiles() {
        let format = site.config.feeds.format
        for edition in site.languages {
            let scopes: [(String, Int?)] = [(edition.pathPrefix, nil)] + edition.sections.map { (site.sections[$0].sitePath, $0) }
            for (base, section) in scopes {
                if format != .rss { add(base + "atom.xml", .atomFeed(language: edition.code, section: section), origin: "the feed of \(base.isEmpty ? "the site" : base)") }
                if format != .atom { add(base + "rss.xml", .rssFeed(language: edition.code, section: section), origin: "the feed of \(base.isEmpty ? "the site" : base)") }
            }
        }
        add("sitemap.xml", .sitemap, origin: "the sitemap")
        add("robots.txt", .robots, origin: "robots.txt")
        for edition in site.languages {
            add(edition.pathPrefix + "404.html", .notFound(language: edition.code), origin: "the \(edition.code) 404 page")
        }
        add("site.webmanifest", .webManifest, origin: "the web app manifest")
        if site.config.search.enabled {
            for edition in site.languages {
                add(edition.pathPrefix + "search/index.html", .searchPage(language: edition.code), origin: "the \(edition.code) search page")
            }
        }
    }

    private mutating func planContentFiles() {
        let bundles = site.pages.indices.reduce(into: [String: [Int]]()) { result, index in
            if let directory = site.pages[index].item.file.bundleDirectory { result[directory, default: []].append(index) }
        }
        let bundleDirectories = Set(inputs.items.compactMap(\.file.bundleDirectory))
        for file in inputs.contentFiles.sorted() {
            if let bundle = Self.bundle(containing: file, among: bundleDirectories) {
                guard publishedBundles.contains(bundle) else { continue }
                let remainder = String(file.dropFirst(bundle.count + 1))
                for pageIndex in bundles[bundle] ?? [] {
                    let pageDirectory = Self.directory(of: site.pages[pageIndex].outputPath)
                    planContentFile(file, at: pageDirectory + remainder)
                }
            } else {
                planContentFile(file, at: String(file.dropFirst("content/".count)))
            }
        }
    }

    /// A file copied as it is, or a photo published as its variants (`ImageStage`) beside the
    /// place of its original, which is published only when the settings say so.
    private mutating func planContentFile(_ file: String, at path: String) {
        if case .resized(let image)? = inputs.images.images[file] {
            let directory = Self.directory(of: path)
            for variant in image.files {
                add(directory + image.publishedName(of: variant), .imageVariant(source: file, key: image.key, stored: variant.storedName),
                    origin: file)
            }
            placements.append((path, file))
        }
        if inputs.images.publishesOriginal(file) { add(path, .contentFile(source: file), origin: file) }
    }

    static func bundle(containing file: String, among bundleDirectories: Set<String>) -> String? {
        var directory = file
        while let slash = directory.lastIndex(of: "/") {
            directory = String(directory[..<slash])
            if bundleDirectories.contains(directory) { return directory }
        }
        return nil
    }

    static func directory(of outputPath: String) -> String {
        guard let slash = outputPath.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(outputPath[...slash])
    }

    private mutating func planAliases() {
        for (index, page) in site.pages.enumerated() {
            for alias in page.item.frontMatter.aliases {
                guard let path = Self.aliasOutputPath(alias, basePath: site.config.basePath, prefix: "") else {
                    diagnostics.append(.error("the alias '\(alias)' is not a path on this site", path: page.item.path,
                                              line: page.item.frontMatter.line(of: "aliases"),
                                              hint: "write old addresses as paths such as /info/1234/5678.htm"))
                    continue
                }
                add(path, .alias(page: index), origin: page.item.path, line: page.item.frontMatter.line(of: "aliases"))
            }
        }
    }

    /// `/info/1234/5678.htm` → `info/1234/5678.htm`; `/old/news/` → `old/news/index.html`.
    static func aliasOutputPath(_ alias: String, basePath: String, prefix: String) -> String? {
        var path = alias.trimmingCharacters(in: .whitespaces)
        if path.contains("://") || path.hasPrefix("//") || path.contains("?") || path.contains("#") || path.contains("\\") { return nil }
        if path.hasPrefix(basePath), basePath != "/" { path = "/" + path.dropFirst(basePath.count) }
        path = path.removingPercentEncoding ?? path
        let segments = path.split(separator: "/")
        guard !segments.isEmpty, !segments.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        let joined = prefix + segments.joined(separator: "/")
        let last = segments.last!
        if last.contains("."), !path.hasSuffix("/") { return joined }
        return joined + "/index.html"
    }

    /// `logo`, `favicon` and `share_image` in site.yml name files under `content/`, published
    /// like any other; a name that matches none would print a broken link on every page.
    private mutating func checkBrandingFiles() {
        let branding = site.config.branding
        if let favicon = SiteIcons.rasterSource(branding), inputs.contentFiles.contains(favicon) {
            for size in SiteIcons.sizes { add(SiteIcons.sitePath(size: size), .siteIcon(source: favicon, size: size), origin: SiteConfigParser.path) }
        }
        let settings = [("logo", branding.logo), ("favicon", branding.favicon), ("share_image", branding.shareImage)]
        let published = Set(inputs.contentFiles)
        for case (let key, let value?) in settings {
            let file = "content/" + PageContextBuilder.contentSitePath(value)
            guard !published.contains(file) else { continue }
            diagnostics.append(.error("\(key) '\(value)' is not a file under content/", path: SiteConfigParser.path,
                                      line: site.config.lines[key],
                                      hint: "put the picture in content/ (for example content/images/logo.png) and write \(key): images/logo.png"))
        }
    }

    private mutating func planThemeFiles() {
        for file in inputs.themeFiles where owners[file.output] == nil {
            add(file.output, .themeFile(source: file.source), origin: file.source)
        }
    }
}
