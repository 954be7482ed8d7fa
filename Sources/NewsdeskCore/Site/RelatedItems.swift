/// "Related news": the items of the same language that share the most tags with an item.
///
/// Ties go to the newer item (the one listed first in its language), so the choice is the
/// same on every build. Tags are per language (`Tag.language`), so related items never cross
/// languages. A build asks for every item's list twice (the page's signature and its
/// context), so `withTable()` finds them all once, on every core; without the table each
/// question is answered on its own (a preview that renders one page, tests).
public struct RelatedItems: Sendable {
    public static let defaultLimit = 3

    let finder: Finder
    let table: [[Int]]?

    public init(site: Site) {
        finder = Finder(site: site)
        table = nil
    }

    /// Every page's list, found once; through the pages that share each pair of tags
    /// (`TagPairs`) when the site's tags allow one.
    public func withTable() async -> RelatedItems {
        var finder = self.finder
        finder.pairs = TagPairs(site: finder.site)
        let indexed = finder
        let lists = await ConcurrentMap.map(Array(finder.site.pages.indices), chunkSize: 256) { indexed.find($0) }
        return RelatedItems(finder: self.finder, table: lists)
    }

    private init(finder: Finder, table: [[Int]]?) {
        self.finder = finder
        self.table = table
    }

    /// Page indices, best first, at most `defaultLimit`; empty for an item without tags.
    public func of(_ pageIndex: Int) -> [Int] {
        table?[pageIndex] ?? finder.find(pageIndex)
    }

    /// The chosen list is the first `limit` of the item's other tagged pages ordered by shared
    /// tags (most first), then by listing rank (newest first): whichever way it is found.
    struct Finder: Sendable {
        let site: Site
        /// Each page's position in its language's listing (`LanguageEdition.pages`, newest
        /// first): every tag lists its pages in that order, which the merge below relies on.
        let listingRank: [Int]
        /// The pages of each pair of tags, when a table is being made.
        var pairs: TagPairs?

        init(site: Site) {
            self.site = site
            var rank = [Int](repeating: 0, count: site.pages.count)
            for edition in site.languages {
                for (position, page) in edition.pages.enumerated() { rank[page] = position }
            }
            listingRank = rank
        }

        func find(_ pageIndex: Int, limit: Int = RelatedItems.defaultLimit) -> [Int] {
            let tags = site.pages[pageIndex].tags
            guard !tags.isEmpty, limit > 0 else { return [] }
            // One tag: its newest other pages, in the order it lists them.
            if tags.count == 1 { return Array(site.tags[tags[0]].pages.lazy.filter { $0 != pageIndex }.prefix(limit)) }
            if let pairs { return findThroughPairs(pageIndex, pairs: pairs, limit: limit) }
            return findByMerging(pageIndex, limit: limit)
        }

        /// Walks the item's tag lists together, newest first, counting each page once per list
        /// it is on: a page is only displaced by one sharing more tags, since any page met later
        /// with the same count is older. It stops early once the list is full of pages sharing
        /// every tag.
        func findByMerging(_ pageIndex: Int, limit: Int) -> [Int] {
            let lists = site.pages[pageIndex].tags.map { site.tags[$0].pages }
            var best = Best(limit: limit)
            var walk = MergedWalk(lists: lists, rank: listingRank)
            while let (next, shared) = walk.next() {
                guard next != pageIndex else { continue }
                best.offer(next, shared: shared, rank: listingRank[next])
                if best.isFull, best.weakestShared == lists.count { break }
            }
            return best.pages
        }

        /// Every page sharing two or more tags is on the list of some pair of the item's tags,
        /// so those lists hold all candidates but the ones sharing a single tag; these, when
        /// still needed, are the newest pages of the merged tag lists that share no second tag.
        ///
        /// A page sharing every tag is on every pair's list, the first one included, which is
        /// walked newest first: once the choice is full of such pages, nothing met later beats them.
        func findThroughPairs(_ pageIndex: Int, pairs: TagPairs, limit: Int) -> [Int] {
            let tags = site.pages[pageIndex].tags
            var best = Best(limit: limit)
            pairs: for first in tags.indices {
                for second in tags.indices.dropFirst(first + 1) {
                    for candidate in pairs.pages(tags[first], tags[second]) where candidate != pageIndex && !best.holds(candidate) {
                        best.offer(candidate, shared: pairs.sharedCount(candidate, tags), rank: listingRank[candidate])
                        if best.isFull, best.weakestShared == tags.count { break pairs }
                    }
                }
            }
            guard !best.isFull else { return best.pages }
            var walk = MergedWalk(lists: tags.map { site.tags[$0].pages }, rank: listingRank)
            while !best.isFull, let (next, shared) = walk.next() {
                if next != pageIndex, shared == 1 { best.offer(next, shared: 1, rank: listingRank[next]) }
            }
            return best.pages
        }
    }

    /// The best pages offered so far: at most `limit`, by shared tags, then by rank.
    struct Best {
        let limit: Int
        private var entries: [(page: Int, shared: Int, rank: Int)] = []

        init(limit: Int) {
            self.limit = limit
            entries.reserveCapacity(limit)
        }

        var isFull: Bool { entries.count == limit }
        var weakestShared: Int { entries.isEmpty ? 0 : entries.reduce(Int.max) { min($0, $1.shared) } }

        func holds(_ page: Int) -> Bool { entries.contains { $0.page == page } }

        /// Takes the page in place of the weakest (fewest shared tags, and of those the oldest)
        /// when it beats it; a page that ties the weakest never displaces it.
        mutating func offer(_ page: Int, shared: Int, rank: Int) {
            guard isFull else { return entries.append((page, shared, rank)) }
            var weakest = 0
            for index in entries.indices.dropFirst() where Self.isWeaker(entries[index], than: entries[weakest]) { weakest = index }
            if Self.isWeaker(entries[weakest], than: (page, shared, rank)) { entries[weakest] = (page, shared, rank) }
        }

        private static func isWeaker(_ a: (page: Int, shared: Int, rank: Int), than b: (page: Int, shared: Int, rank: Int)) -> Bool {
            a.shared != b.shared ? a.shared < b.shared : a.rank > b.rank
        }

        var pages: [Int] {
            entries.sorted { $0.shared != $1.shared ? $0.shared > $1.shared : $0.rank < $1.rank }.map(\.page)
        }
    }

    /// Tag lists walked together in listing order: each page once, with how many lists hold it.
    struct MergedWalk {
        let lists: [[Int]]
        let rank: [Int]
        private var heads: [Int]

        init(lists: [[Int]], rank: [Int]) {
            (self.lists, self.rank) = (lists, rank)
            heads = [Int](repeating: 0, count: lists.count)
        }

        mutating func next() -> (page: Int, shared: Int)? {
            var next = -1
            var nextRank = Int.max
            for index in lists.indices where heads[index] < lists[index].count {
                let candidate = lists[index][heads[index]]
                if rank[candidate] < nextRank { (next, nextRank) = (candidate, rank[candidate]) }
            }
            guard next >= 0 else { return nil }
            var shared = 0
            for index in lists.indices where heads[index] < lists[index].count && lists[index][heads[index]] == next {
                shared += 1
                heads[index] += 1
            }
            return (next, shared)
        }
    }
}
