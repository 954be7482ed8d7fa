/// What the caller of a build knows about which source files changed since the build that
/// made its cache.
///
/// `newsdesk build` knows nothing, so every Markdown file is read and compared by content
/// hash. The preview's watcher reports every path it saw change, so a file it did not report
/// is, byte for byte, the one the cache describes: its parse result is reused without reading
/// the file, so that a rebuild's reading grows with the edit, not with the archive.
public enum SourceChanges: Sendable, Equatable {
    /// Every file may have changed.
    case unknown
    /// Only these site-relative paths may differ. A folder stands for everything below it
    /// (the watcher reports `content` when its event queue overflowed).
    case only(Set<String>)

    /// Whether `path` may differ from what the cache recorded for it.
    func mayHaveChanged(_ path: String) -> Bool {
        guard case .only(let paths) = self else { return true }
        if paths.isEmpty { return false }
        if paths.contains(path) { return true }
        var folder = path[...]
        while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
            folder = folder[..<slash]
            if paths.contains(String(folder)) { return true }
        }
        return false
    }

    /// Both sets of changes: what a build must assume after a failed build left the cache as
    /// it was.
    func union(_ other: SourceChanges) -> SourceChanges {
        guard case .only(let mine) = self, case .only(let theirs) = other else { return .unknown }
        return .only(mine.union(theirs))
    }
}
