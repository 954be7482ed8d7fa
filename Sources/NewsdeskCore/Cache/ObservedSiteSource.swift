import Synchronization

/// A `DiskSiteSource` that notes every path the build looks at: each file read or stamped,
/// each path asked about, each folder listed, with what it was at the first look (taken
/// before the look, so an edit during the build shows as a change next time).
///
/// This is the build's real list of inputs, whatever stage asked: `BuildManifest` stores it
/// and the next `newsdesk build` compares it with a `stat` per path instead of building.
final class ObservedSiteSource: SiteSource {
    let disk: DiskSiteSource
    private let seen = Mutex<(observations: [String: InputObservation], sawSymbolicLink: Bool)>(([:], false))

    init(_ disk: DiskSiteSource) { self.disk = disk }

    /// Every path looked at and what it was, or nil when the build cannot vouch for its inputs:
    /// a path changed within the settling time, or a symbolic link (whose target can change
    /// without its folder's stamp changing) was followed.
    var inputs: [String: InputObservation]? {
        seen.withLock { seen in
            guard !seen.sawSymbolicLink, !seen.observations.values.contains(.unsettled) else { return nil }
            return seen.observations
        }
    }

    func files(under directory: String) -> (paths: [String], diagnostics: [Diagnostic]) {
        let walker = disk.walkObservingFolders(directory)
        seen.withLock { seen in
            seen.sawSymbolicLink = seen.sawSymbolicLink || walker.sawSymbolicLink
            // A folder that does not exist was never opened, so the walk did not observe it.
            if walker.observedFolders.first?.path != directory, seen.observations[directory] == nil {
                seen.observations[directory] = disk.observe(directory)
            }
            for (path, observation) in walker.observedFolders where seen.observations[path] == nil {
                seen.observations[path] = observation
            }
        }
        return (walker.files.sorted(), walker.diagnostics)
    }

    func read(_ path: String) throws -> [UInt8] {
        note(path)
        return try disk.read(path)
    }

    func exists(_ path: String) -> Bool {
        note(path)
        return disk.exists(path)
    }

    /// Asked for every Markdown file of every build: one `stat` both answers and records.
    func stamp(of path: String) -> UInt64? {
        let (observation, stamp) = disk.observeWithStamp(path)
        record(path, observation)
        return stamp
    }

    private func note(_ path: String) {
        guard seen.withLock({ $0.observations[path] == nil }) else { return }
        record(path, disk.observe(path))
    }

    /// Keeps the first observation of `path`: what the build saw before it used the file.
    private func record(_ path: String, _ observation: InputObservation) {
        seen.withLock { seen in
            if seen.observations[path] == nil { seen.observations[path] = observation }
        }
    }
}
