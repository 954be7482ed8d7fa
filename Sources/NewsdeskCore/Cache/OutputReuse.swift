/// Decides, output by output, whether the previous build's file can stand for this build's:
/// its signature (`OutputSignature`) must match the cached one and the sink must still hold that file.
struct OutputReuse: Sendable {
    let previous: BuildCache
    let sink: any OutputSink
    let links: SiteLinkResolver
    let site: Site

    /// The previous build's Markdown facts for a page, if its file is byte-for-byte the same
    /// and every link in it resolves as it did then (certainly so when nothing a link can
    /// point to changed; otherwise each link is resolved again).
    func facts(for pageIndex: Int) -> MarkdownFacts? {
        let item = site.pages[pageIndex].item
        guard let facts = previous.markdown[item.path], facts.contentHash == item.contentHash else { return nil }
        guard previous.linkTargets == links.fingerprint
                || MarkdownFacts.resolutions(of: facts.links, from: item.path, resolver: links) == facts.resolutions
        else { return nil }
        return facts
    }

    /// Whether the previous build recorded a file at `path`.
    func hasRecord(_ path: String) -> Bool { previous.outputs[path] != nil }

    /// What the previous build recorded of the file at `path`.
    func previousRecord(_ path: String) -> OutputRecord? { previous.outputs[path] }

    /// Whether the previous build recorded this signature for `path`, without keeping its file.
    func matches(_ path: String, signature: UInt64) -> Bool {
        previous.outputs[path]?.signature == signature
    }

    func keep(_ path: String, signature: UInt64) -> Bool {
        guard let old = previous.outputs[path], old.signature == signature else { return false }
        return sink.keep(path, stamp: old.stamp)
    }

    /// What the next build needs to know about the file this build produced at `path`.
    func record(_ path: String, signature: UInt64, contextReads: ContextReadRecord? = nil) -> OutputRecord? {
        sink.stamp(of: path).map { OutputRecord(signature: signature, stamp: $0, contextReads: contextReads) }
    }
}

extension OutputStage.Produced {
    /// Fills in the totals once every output is accounted for.
    func counted() -> Self {
        var copy = self
        copy.cacheUse.outputs = files
        return copy
    }
}
