/// The signature of an output: a digest of exactly what its producer reads, computed from the
/// very values the producer is given, so that no input can be left out of it.
///
/// - A page rendered from a theme template: the template program's fingerprint, the
///   template's name and the `TemplateData` the page is rendered from, built by the same
///   `PageContextBuilder` call that feeds the renderer (`ListingRenderer.page`,
///   `ArticleRenderer`). A new field in a context is in the signature the moment it is set.
/// - An article page: the same, except that its rendered Markdown (`content`, `toc`) is stood
///   for by what makes it, `MarkdownInputs`, so that a kept page is not rendered to be checked.
/// - The next build takes a page's recorded signature as it is when nothing its context read
///   has changed (`ContextReadKey`, from the reads noted while the context was built), so that
///   a kept page's context is built only when it may differ.
/// - Documents written without a template (feeds, the sitemap, robots.txt) and copied files
///   have no signature: they are produced on every build that is not up to date, and the sink
///   keeps a file whose bytes did not change (`StagedOutputWriter` compares them).
///
/// A new kind of output plugs in by saying which of these it is: a template and its context
/// (`OutputSignature.page`), or bytes produced each time. A signature never lists fields.
enum OutputSignature {
    /// A page rendered by `template` from `context`.
    static func page(_ template: String, context: TemplateData, program: UInt64) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(program)
        hasher.combine(template)
        hasher.combine(context)
        return hasher.value
    }

    /// An article page, whose context lacks the rendered Markdown that `markdown` makes.
    static func article(_ template: String, context: TemplateData, markdown: MarkdownInputs, program: UInt64) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(page(template, context: context, program: program))
        hasher.combine(markdown.contentHash)
        hasher.combine(markdown.resolutions)
        return hasher.value
    }
}

/// What an item's rendered Markdown (its HTML and table of contents) is a function of, besides
/// `site.yml` and the program, which key the whole cache: the file's bytes and how each of
/// its links resolves in this build's graph.
struct MarkdownInputs: Sendable, Equatable {
    var contentHash: UInt64
    var resolutions: UInt64

    init(_ facts: MarkdownFacts) {
        contentHash = facts.contentHash
        resolutions = facts.resolutions
    }
}

extension StableHasher {
    /// Every value of `data`, nested ones included (`TemplateData.digest`).
    mutating func combine(_ data: TemplateData) {
        combine(data.digest)
    }
}
