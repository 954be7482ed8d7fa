import Synchronization

/// One thing a page's context read besides what every page's context shares: another page of
/// the site (its item and its place in the graph), a page's related items, or whether a
/// page's date is still to come. `PageContextBuilder` notes each as it reads it (`readPage(_:)`,
/// the tables, `relatedPages(of:)`, `isFuture(_:now:)`), so that the next build can tell from
/// these alone whether a page's context would come out the same (`ContextReadKey`).
enum ContextRead: Hashable, Sendable {
    case page(Int)
    case related(Int)
    case future(Int)
}

/// The reads of one context, collected while it is built: set as a task-local value around
/// the call, so that every helper the builder calls notes into it without being handed it.
final class ContextReads: Sendable {
    @TaskLocal static var current: ContextReads?

    private let reads = Mutex<[ContextRead]>([])

    static func note(_ read: ContextRead) {
        current?.reads.withLock { $0.append(read) }
    }

    /// `body`'s result, and what it read: each read once, in the order of its first reading.
    static func recording<Value>(_ body: () -> Value) -> (value: Value, reads: [ContextRead]) {
        let collector = ContextReads()
        let value = $current.withValue(collector) { body() }
        // A context reads a dozen things or so, many of them twice: a scan beats hashing.
        var unique: [ContextRead] = []
        for read in collector.reads.withLock({ $0 }) where !unique.contains(read) { unique.append(read) }
        return (value, unique)
    }
}
