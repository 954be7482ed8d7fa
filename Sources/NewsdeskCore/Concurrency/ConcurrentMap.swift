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
        guard elements.count > chunkSize else { return transform(elements[...]) }
        let chunks = stride(from: 0, to: elements.count, by: chunkSize).map { $0..<min($0 + chunkSize, elements.count) }
        // Two chunks per thread: one running, one ready when it ends.
        let width = 2 * WorkerPool.shared.threadCount
        var results = [[Result]](repeating: [], count: chunks.count)
        await withTaskGroup(of: (Int, [Result]).self) { group in
            var next = 0
            func addNext() {
                let chunkIndex = next
                let slice = elements[chunks[chunkIndex]]
                group.addTask { (chunkIndex, transform(slice)) }
                next += 1
            }
            // A bounded window keeps finished results from piling up behind a slow chunk.
            while next < min(width, chunks.count) { addNext() }
            for await (index, chunkResults) in group {
                results[index] = chunkResults
                if next < chunks.count { addNext() }
            }
        }
        return results.flatMap { $0 }
    }
}
