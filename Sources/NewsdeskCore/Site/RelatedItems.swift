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

    /// Every page's list, found once.
    public func withTable() async -> RelatedItems {
        let finder = self.finder
        let lists = await ConcurrentMap.map(Array(finder.site.pages.indices), chunkSize: 256) { finder.find($0) }
        return RelatedItems(finder: finder, table: lists)
    }

    private init(finder: Finder, table: [[Int]]?) {
        self.finder = finder
        self.table = table
    }

    /// Page indices, best first, at most `defaultLimit`; empty for an item without tags.
    public func of(_ pageIndex: Int) -> [Int] {
        table?[pageIndex] ?? finder.find(pageIndex)
    }

    struct Finder: Sendable {
        let site: Site
        /// Each page's position in its language's listing (`LanguageEdition.pages`, newest
        /// first): every tag lists its pages in that order, which the merge below relies on.
        let listingRank: [Int]

        init(site: Site) {
            self.site = site
            var rank = [Int](repeating: 0, count: site.pages.count)
            for edition in site.languages {
                for (position, page) in edition.pages.enumerated() { rank[page] = position }
            }
            listingRank = rank
        }

        /// Walks the item's tag lists together, newest first, counting each page once per list
        /// it is on: a page is only displaced by one sharing more tags, since any page met later
        /// with the same count is older. It stops early once the list is full of pages sharing
        /// every tag.
        func find(_ pageIndex: Int, limit: Int = RelatedItems.defaultLimit) -> [Int] {
            let lists = site.pages[pageIndex].tags.map { site.tags[$0].pages }
            guard !lists.isEmpty, limit > 0 else { return [] }
            // One tag: its newest other pages, in the order it lists them.
            if lists.count == 1 { return Array(lists[0].lazy.filter { $0 != pageIndex }.prefix(limit)) }
            var heads = [Int](repeating: 0, count: lists.count)
            var best: [(page: Int, shared: Int, rank: Int)] = []
            best.reserveCapacity(limit)
            while true {
                var next = -1
                var nextRank = Int.max
                for index in lists.indices where heads[index] < lists[index].count {
                    let candidate = lists[index][heads[index]]
                    let rank = listingRank[candidate]
                    if rank < nextRank { (next, nextRank) = (candidate, rank) }
                }
                guard next >= 0 else { break }
                var shared = 0
                for index in lists.indices where heads[index] < lists[index].count && lists[index][heads[index]] == next {
                    shared += 1
                    heads[index] += 1
                }
                guard next != pageIndex else { continue }
                if best.count < limit {
                    best.append((next, shared, nextRank))
                } else {
                    // The weakest: fewest shared tags, and of those the oldest.
                    var weakest = 0
                    for index in best.indices.dropFirst() where best[index].shared < best[weakest].shared
                        || (best[index].shared == best[weakest].shared && best[index].rank > best[weakest].rank) {
                        weakest = index
                    }
                    if shared > best[weakest].shared { best[weakest] = (next, shared, nextRank) }
                }
                if best.count == limit, best.allSatisfy({ $0.shared == lists.count }) { break }
            }
            return best.sorted { $0.shared != $1.shared ? $0.shared > $1.shared : $0.rank < $1.rank }.map(\.page)
        }
    }
}
