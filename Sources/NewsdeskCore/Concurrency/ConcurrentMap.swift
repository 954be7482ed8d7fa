import Foundation

/// Maps over a collection on every core with structured concurrency, keeping the input order
/// so that the build's results never depend on thread timing. The tasks run where their
/// parent runs: inside a build, on `WorkerPool`'s threads.
enum ConcurrentMap {
    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], chunkSize: Int = 16, _ transform: @escaping @Sendable (Element) -> Result
    ) async -> [Result] {
        await mapChunks(elements, chunkSize: chunkSize) { $0.map(transform) }
    }

    /// `map` for work that carries something from one element to the next within a chunk
    /// (`transform` gets a chunk and returns one result for each of its elements, in order).
    static func mapChunks<Element: Sendable, Result: Sendable>(
        _ elements: [Element], chunkSize: Int = 16, _ transform: @escaping @Sendable (ArraySlice<Element>) -> [Result]
    ) async -> [Result] {
        await mapChunks(elements, chunkSize: chunkSize, carrying: { () }) { chunk, _ in transform(chunk) }
    }

    /// The same for work that keeps a working state from one chunk to the next (a cache that
    /// only ever makes the work cheaper, never changes a result): each task starts with the
    /// state of a task that ended, or a new one (`makeState`) while fewer than one per running
    /// task exist. Which chunk gets which state depends on timing, so a result must not
    /// depend on the state it was made with.
    static func mapChunks<Element: Sendable, Result: Sendable, State: Sendable>(
        _ elements: [Element], chunkSize: Int = 16, carrying makeState: @escaping @Sendable () -> State,
        _ transform: @escaping @Sendable (ArraySlice<Element>, inout State) -> [Result]
    ) async -> [Result] {
        guard elements.count > chunkSize else {
            var state = makeState()
            return transform(elements[...], &state)
        }
        let chunks = stride(from: 0, to: elements.count, by: chunkSize).map { $0..<min($0 + chunkSize, elements.count) }
        // Two chunks per thread: one running, one ready when it ends.
        let width = 2 * WorkerPool.shared.threadCount
        var results = [[Result]](repeating: [], count: chunks.count)
        await withTaskGroup(of: (Int, [Result], State).self) { group in
            var next = 0
            func addNext(_ carried: State?) {
                let chunkIndex = next
                let slice = elements[chunks[chunkIndex]]
                group.addTask {
                    var state = carried ?? makeState()
                    let chunkResults = transform(slice, &state)
                    return (chunkIndex, chunkResults, state)
                }
                next += 1
            }
            // A bounded window keeps finished results from piling up behind a slow chunk.
            while next < min(width, chunks.count) { addNext(nil) }
            for await (index, chunkResults, state) in group {
                results[index] = chunkResults
                if next < chunks.count { addNext(state) }
            }
        }
        return results.flatMap { $0 }
    }
}
