/// "Related news": the items of the same language that share the most tags with an item.
///
/// Ties go to the newer item (the one listed first in its language), so the choice is the
/// same on every build. Tags are per language (`Tag.language`), so related items never cross
/// languages.
public struct RelatedItems: Sendable {
    public static let defaultLimit = 3

    let site: Site
    /// Each page's position in its language's listing (`LanguageEdition.pages`, newest first):
    /// every tag lists its pages in that order, which the merge below relies on.
    let listingRank: [Int]

    public init(site: Site) {
        self.site = site
        var rank = [Int](repeating: 0, count: site.pages.count)
        for edition in site.languages {
            for (position, page) in edition.pages.enumerated() { rank[page] = position }
        }
        listingRank = rank
    }

    /// Page indices, best first, at most `limit`; empty for an item without tags.
    ///
    /// Walks the item's tag lists together, newest first, counting each page once per list it
    /// is on: a page is only displaced by one sharing more tags, since any page met later with
    /// the same count is older. It stops early once `limit` pages share every tag.
    public func of(_ pageIndex: Int, limit: Int = defaultLimit) -> [Int] {
        let lists = site.pages[pageIndex].tags.map { site.tags[$0].pages }
        guard !lists.isEmpty, limit > 0 else { return [] }
        var heads = [Int](repeating: 0, count: lists.count)
        var best: [(page: Int, shared: Int)] = []
        while true {
            var next: Int?
            for (list, head) in zip(lists, heads) where head < list.count {
                if next.map({ listingRank[list[head]] < listingRank[$0] }) ?? true { next = list[head] }
            }
            guard let page = next else { break }
            var shared = 0
            for index in lists.indices where heads[index] < lists[index].count && lists[index][heads[index]] == page {
                shared += 1
                heads[index] += 1
            }
            guard page != pageIndex else { continue }
            if best.count < limit {
                best.append((page, shared))
            } else if let weakest = best.indices.min(by: { isWeaker(best[$0], than: best[$1]) }), shared > best[weakest].shared {
                best.remove(at: weakest)
                best.append((page, shared))
            }
            if best.count == limit, best.allSatisfy({ $0.shared == lists.count }) { break }
        }
        return best.sorted { isWeaker($1, than: $0) }.map(\.page)
    }

    /// Fewer shared tags, or as many and older.
    private func isWeaker(_ a: (page: Int, shared: Int), than b: (page: Int, shared: Int)) -> Bool {
        a.shared != b.shared ? a.shared < b.shared : listingRank[a.page] > listingRank[b.page]
    }
}
