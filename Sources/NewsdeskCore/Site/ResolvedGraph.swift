/// A resolved site graph with the inputs it was resolved from, kept between the preview's
/// rebuilds.
///
/// Most saves in the preview change what a page shows and nothing the graph is made of:
/// an item's text, title, summary or image, but not its date, slug, tags, language, aliases or
/// draft flag, nor which files exist. Resolving the graph again would be a large part of a
/// rebuild that must reach the browser at once (docs/performance.md), so when every input equals the
/// previous one but for those fields, the previous graph is reused with the new items put in
/// place of the old. `Item` equality decides, after copying over only the fields the graph
/// never reads, so any field added later counts as a graph input until someone says otherwise;
/// anything else resolves the graph again, from scratch.
struct ResolvedGraph: Sendable {
    let inputs: SiteInputs
    let filter: PublicationFilter
    let site: Site
    let diagnostics: [Diagnostic]

    /// The graph of `inputs` under `filter`, when its items differ from this one's only in what
    /// pages show (`Item.differsOnlyInPresentation`).
    func reused(for inputs: SiteInputs, filter: PublicationFilter) -> (Site, [Diagnostic])? {
        guard filter == self.filter, inputs.config == self.inputs.config, inputs.indexes == self.inputs.indexes,
              inputs.contentFiles == self.inputs.contentFiles, inputs.images == self.inputs.images,
              inputs.themeFiles.elementsEqual(self.inputs.themeFiles, by: { $0.source == $1.source && $0.output == $1.output }),
              inputs.items.count == self.inputs.items.count
        else { return nil }
        var changed: [Item] = []
        for (old, new) in zip(self.inputs.items, inputs.items) where old != new {
            guard old.differsOnlyInPresentation(from: new) else { return nil }
            changed.append(new)
        }
        var site = self.site
        for item in changed {
            // An unpublished item (a draft in a build without drafts) has no page.
            if let page = site.pageBySourcePath[item.path] { site.pages[page].item = item }
        }
        return (site, diagnostics)
    }
}

extension Item {
    /// True when `other` was parsed from the same file and differs from this item only in what
    /// its pages and listings show: the body (the content hash), and the front matter's title,
    /// summary, description, author, image fields and template params. The graph orders, links,
    /// names and reports items by everything else, which must be equal, line numbers included
    /// (its diagnostics point at lines).
    func differsOnlyInPresentation(from other: Item) -> Bool {
        let mine = fields.frontMatter.fields
        var matter = other.fields.frontMatter.fields
        matter.title = mine.title
        matter.summary = mine.summary
        matter.description = mine.description
        matter.author = mine.author
        matter.image = mine.image
        matter.imageAlt = mine.imageAlt
        matter.imageCaption = mine.imageCaption
        matter.params = mine.params
        matter.paramOrder = mine.paramOrder
        var theirs = other.fields
        theirs.frontMatter = FrontMatter(matter)
        theirs.contentHash = fields.contentHash
        return theirs == fields
    }
}
