import Synchronization

/// The numbers a build gives its body terms (`DocumentTerms` holds numbers, not bytes): one
/// table for every term counter of the build, asked only for a term a counter has not met
/// before (each `TermCounter` keeps its own spellings and their numbers), so the lock is taken
/// a few hundred times a build, not once per word.
///
/// It starts as the previous build's lexicon (`BuildCache.searchLexicon`) and only grows, so a
/// kept page's cached terms keep their meaning and the blocks' inputs digests of unchanged
/// documents stay the same from build to build. Which of two tasks meeting a new term first
/// numbers it depends on timing; nothing the build writes depends on the numbers (shards are
/// sorted by term bytes, block sums digest the terms' fingerprints), only the cache does.
final class SharedLexicon: Sendable {
    private let table: Mutex<TermTable>

    init(startingFrom terms: TermTable = TermTable(capacity: 1 << 12)) { table = Mutex(terms) }

    func number(of term: UnsafeBufferPointer<UInt8>) -> Int { table.withLock { $0.insert(term).number } }

    /// The terms numbered so far.
    func snapshot() -> TermTable { table.withLock { $0 } }
}
