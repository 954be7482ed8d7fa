/// Turns a burst of file events into one rebuild.
///
/// Editors save in several steps (write a temporary file, rename it over the original, touch
/// a backup), and "save all" touches many files at once. Building after the first event shows
/// a half-saved site and builds again a moment later, the most common live-reload complaint
/// (gohugoio/hugo#12730, getzola/zola#2626). So a batch is handed over only once the folder has
/// been quiet for `quietPeriod`, and at the latest `longestDelay` after its first change, so a
/// tool that keeps writing still sees its work.
///
/// A value over instants the caller supplies: the watcher's thread feeds it the clock, tests
/// feed it chosen instants.
struct ChangeDebouncer {
    let quietPeriod: Duration
    let longestDelay: Duration
    private(set) var pending: Set<String> = []
    private var firstChange: ContinuousClock.Instant?
    private var lastChange: ContinuousClock.Instant?

    init(quietPeriod: Duration = .milliseconds(60), longestDelay: Duration = .milliseconds(600)) {
        self.quietPeriod = quietPeriod
        self.longestDelay = longestDelay
    }

    mutating func record(_ paths: some Sequence<String>, at now: ContinuousClock.Instant) {
        var recorded = false
        for path in paths {
            pending.insert(path)
            recorded = true
        }
        guard recorded else { return }
        if firstChange == nil { firstChange = now }
        lastChange = now
    }

    /// When the pending batch becomes due; nil when nothing is pending.
    var deadline: ContinuousClock.Instant? {
        guard let firstChange, let lastChange else { return nil }
        return min(lastChange + quietPeriod, firstChange + longestDelay)
    }

    /// The pending batch once it is due, emptying the debouncer.
    mutating func takeIfDue(at now: ContinuousClock.Instant) -> Set<String>? {
        guard let deadline, now >= deadline else { return nil }
        defer {
            pending = []
            firstChange = nil
            lastChange = nil
        }
        return pending
    }
}
