/// Postings of one run of documents grouped by shard: each term's bytes once (`TermTable`),
/// its posting list, and each shard's terms, so that a shard file is made from its own terms
/// only. Runs of consecutive documents are indexed apart, on every core, and joined shard by
/// shard when the file is made (`shardBytes(_:shard:)`).
struct ShardedPostings: Sendable {
    let shardCount: Int
    private var terms = TermTable(capacity: 1 << 12)
    private var lists: [PostingList] = []
    /// Term numbers of each shard, in the order they were first met.
    private var shardTerms: [[Int]]

    init(shardCount: Int) {
        self.shardCount = shardCount
        shardTerms = Array(repeating: [], count: shardCount)
    }

    /// The number of `term` here, and whether it was added now (then `append` must give its
    /// first posting).
    mutating func number(of term: UnsafeBufferPointer<UInt8>) -> (number: Int, inserted: Bool) {
        let (number, inserted) = terms.insert(term)
        if inserted { lists.append(PostingList()) }
        return (number, inserted)
    }

    /// A posting of the term numbered `number` (`number(of:)`), which lies in `shard`.
    /// `document` must be greater than the last one appended for the term.
    mutating func append(_ number: Int, shard: Int, document: Int, weight: Int) {
        if lists[number].count == 0 { shardTerms[shard].append(number) }
        lists[number].append(document: document, weight: weight)
    }

    /// A posting of `term`, which lies in `shard`.
    mutating func append(_ term: UnsafeBufferPointer<UInt8>, shard: Int, document: Int, weight: Int) {
        append(number(of: term).number, shard: shard, document: document, weight: weight)
    }

    /// The shard's lines in byte order of their terms: the term, a tab, its postings. `runs` in
    /// the order of their documents, each document in one run only; a term's list is its lists
    /// of every run, joined in that order.
    static func shardBytes(_ runs: [ShardedPostings], shard: Int) -> [UInt8] {
        var found: [(run: Int, number: Int)] = []
        for (run, postings) in runs.enumerated() {
            for number in postings.shardTerms[shard] { found.append((run, number)) }
        }
        found.sort { first, second in
            let order = runs[first.run].terms.withTerm(first.number) { a in
                runs[second.run].terms.withTerm(second.number) { b in Self.compare(a, b) }
            }
            return order == 0 ? first.run < second.run : order < 0
        }
        let capacity = found.reduce(0) { sum, place in
            sum + runs[place.run].terms.withTerm(place.number) { $0.count } + 2 + runs[place.run].lists[place.number].textCapacity
        }
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var position = 0
            var index = 0
            while index < found.count {
                let (run, number) = found[index]
                runs[run].terms.withTerm(number) { term in
                    for byte in term {
                        buffer[position] = byte
                        position += 1
                    }
                }
                buffer[position] = UInt8(ascii: "\t")
                position += 1
                // The term's lists of every run, each continuing the previous one's documents.
                var previous = 0
                repeat {
                    let list = runs[found[index].run].lists[found[index].number]
                    position = list.writeText(into: buffer, at: position, after: previous)
                    previous = list.lastDocument
                    index += 1
                } while index < found.count && runs[found[index].run].terms.withTerm(found[index].number, { a in
                    runs[run].terms.withTerm(number) { b in Self.compare(a, b) == 0 }
                })
                buffer[position] = UInt8(ascii: "\n")
                position += 1
            }
            initialized = position
        }
    }

    /// Byte order: negative, zero or positive as `a` sorts before, with or after `b`.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count - b.count
    }
}
