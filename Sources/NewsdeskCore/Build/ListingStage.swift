/// The outputs that are not item pages: listings, feeds, the sitemap, redirects and copied
/// files, after the item pages (`OutputStage.run`).
extension OutputStage {
    struct ListingOutcome: Sendable {
        var isPage: Bool
        var record: OutputRecord?
        var kept = false
        var problem: Diagnostic?
    }

    /// Listings, feeds, the sitemap, redirects and copied files.
    func renderOthers(_ listings: ListingRenderer, reuse: OutputReuse, progress: ProgressCounter,
                      into produced: inout Produced) async {
        let planned = site.outputs.filter { if case .page = $0.kind { return false } else { return true } }
        // First the pages whose context read nothing that changed: kept without building it.
        let unchanged = await ConcurrentMap.map(planned) { output -> ListingOutcome? in
            guard let kept = keptUnchanged(output, listings: listings, reuse: reuse) else { return nil }
            progress.advance()
            return kept
        }
        let remaining = planned.indices.filter { unchanged[$0] == nil }
        let listings = await withEntries(listings, rebuilding: remaining.count { reuse.previousRecord(planned[$0].path)?.contextReads != nil })
        // Worked on longest first; counted below in the planned order, so the order of work
        // changes nothing a build reports or writes.
        let order = Self.longestFirst(remaining.map { planned[$0] }).map { remaining[$0] }
        let results = await ConcurrentMap.map(order.map { planned[$0] }) { output -> ListingOutcome in
            defer { progress.advance() }
            return produce(output, listings: listings, reuse: reuse)
        }
        var outcomes = unchanged
        for (position, index) in order.enumerated() { outcomes[index] = results[position] }
        for (output, outcome) in zip(planned, outcomes.map { $0! }) {
            if outcome.kept {
                produced.cacheUse.outputsReused += 1
                if outcome.isPage { produced.cacheUse.pagesReused += 1 }
                if let record = outcome.record {
                    produced.cache.outputs[output.path] = record
                    produced.cacheUse.recordsRefreshed += 1
                }
            } else {
                produced.cache.outputs[output.path] = outcome.record
            }
            if outcome.kept || outcome.record != nil { produced.recorded += 1 }
            if let problem = outcome.problem { produced.diagnostics.append(problem) }
            if outcome.isPage { produced.pages += 1 }
            produced.files += 1
        }
    }

    /// The sitemap and the feeds first: each lists the whole site or section and takes longer
    /// than a chunk of listings, so started last they would run alone on one core while the
    /// others wait.
    static func longestFirst(_ outputs: [PlannedOutput]) -> [Int] {
        func isLong(_ index: Int) -> Bool {
            switch outputs[index].kind {
            case .sitemap, .atomFeed, .rssFeed: return true
            default: return false
            }
        }
        return outputs.indices.filter(isLong) + outputs.indices.filter { !isLong($0) }
    }

    /// One listing, feed or copied file: a page from the theme is kept when its signature
    /// matches the file already there, else rendered; documents and copies are always
    /// produced (the sink keeps a file whose bytes did not change).
    private func produce(_ output: PlannedOutput, listings: ListingRenderer, reuse: OutputReuse) -> ListingOutcome {
        let isPage = output.path.hasSuffix(".html")
        do {
            switch output.kind {
            case .contentFile(let path), .themeFile(let path):
                try sink.write(try source.read(path), to: output.path)
                return ListingOutcome(isPage: false)
            case .imageVariant(_, let key, let stored):
                try images.publish(key, name: stored, to: output.path, into: sink)
                return ListingOutcome(isPage: false)
            case .siteIcon(let path, let size):
                try sink.write(try SiteIcons.png(try source.read(path), size: size, maxPixels: site.config.images.maxPixels), to: output.path)
                return ListingOutcome(isPage: false)
            default:
                if let outcome = try produceFromTheme(output, listings: listings, reuse: reuse, isPage: isPage) { return outcome }
                // Documents (feeds, the sitemap, the manifest) are always produced; an output
                // the theme has no template for (a search page) is not written.
                guard let bytes = listings.render(output) else { return ListingOutcome(isPage: false) }
                try sink.write(bytes, to: output.path)
                return ListingOutcome(isPage: isPage)
            }
        } catch {
            let path = output.origin.hasPrefix("content/") || output.origin.hasPrefix("themes/") ? output.origin : output.path
            return ListingOutcome(isPage: false, problem: .error("\(error)", path: path))
        }
    }

    /// A page from the theme whose context read nothing that changed since the previous build,
    /// kept with its recorded signature, its context not built; nil for any other output.
    private func keptUnchanged(_ output: PlannedOutput, listings: ListingRenderer, reuse: OutputReuse) -> ListingOutcome? {
        guard let previous = reuse.previousRecord(output.path), let signature = listings.unchangedSignature(output, record: previous),
              reuse.keep(output.path, signature: signature) else { return nil }
        return ListingOutcome(isPage: output.path.hasSuffix(".html"), kept: true)
    }

    /// `listings` with every entry made up front when enough listings are built to show each
    /// entry several times (a clean build, a change every page shares); with a few, each
    /// listing makes the entries it shows. Either way the contexts are the same.
    private func withEntries(_ listings: ListingRenderer, rebuilding count: Int) async -> ListingRenderer {
        guard previous.outputs.isEmpty || count * max(site.config.paginate, 1) >= site.pages.count else { return listings }
        return ListingRenderer(contexts: await listings.contexts.withEntryTable(), intros: listings.intros, now: listings.now)
    }

    /// A page rendered from the theme: its context is built, and the page kept when the
    /// signature matches (its record then holds what the context read this time) or rendered.
    /// Nil for an output that no template renders. (`keptUnchanged` came first.)
    private func produceFromTheme(_ output: PlannedOutput, listings: ListingRenderer, reuse: OutputReuse,
                                  isPage: Bool) throws -> ListingOutcome? {
        guard let signed = listings.signedPage(output) else { return nil }
        if reuse.keep(output.path, signature: signed.signature) {
            // `keep` found the previous record.
            return ListingOutcome(isPage: isPage, record: reuse.previousRecord(output.path)?.holding(signed.reads), kept: true)
        }
        try sink.write(listings.render(signed.page), to: output.path)
        return ListingOutcome(isPage: isPage, record: reuse.record(output.path, signature: signed.signature, contextReads: signed.reads))
    }
}
