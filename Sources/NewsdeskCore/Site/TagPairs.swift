/// For each pair of tags, the pages that carry both, newest first: what `RelatedItems` reads
/// instead of walking whole tag lists, where most pages share only one tag with an item.
///
/// A page with `k` tags is on `k(k-1)/2` lists, so a site whose pages carry very many tags
/// gets none (nil), and related items are then found by merging tag lists.
struct TagPairs: Sendable {
    private let tagCount: Int
    private let lists: [Int: [Int]]
    /// Every page's tags, one page after another (page `p`'s from `tagStart[p]` to
    /// `tagStart[p + 1]`): read for each candidate, and far smaller than the pages themselves.
    private let tagStart: [Int]
    private let pageTags: [Int]

    /// Pair entries allowed per page on average before the index is not worth its size.
    static let entriesPerPage = 16

    init?(site: Site) {
        let entries = site.pages.reduce(0) { $0 + $1.tags.count * ($1.tags.count - 1) / 2 }
        guard entries <= Self.entriesPerPage * max(site.pages.count, 1) else { return nil }
        tagCount = site.tags.count
        var lists: [Int: [Int]] = [:]
        for edition in site.languages {
            for page in edition.pages {
                let tags = site.pages[page].tags
                for first in tags.indices {
                    for second in tags.indices.dropFirst(first + 1) {
                        lists[Self.key(tags[first], tags[second], tagCount: tagCount), default: []].append(page)
                    }
                }
            }
        }
        self.lists = lists
        var tagStart = [0]
        tagStart.reserveCapacity(site.pages.count + 1)
        var pageTags: [Int] = []
        for page in site.pages {
            pageTags += page.tags
            tagStart.append(pageTags.count)
        }
        (self.tagStart, self.pageTags) = (tagStart, pageTags)
    }

    /// How many of `tags` the page carries (a page's tags are distinct).
    func sharedCount(_ page: Int, _ tags: [Int]) -> Int {
        pageTags[tagStart[page]..<tagStart[page + 1]].reduce(0) { count, tag in tags.contains(tag) ? count + 1 : count }
    }

    /// The pages that carry both tags, in either order.
    func pages(_ a: Int, _ b: Int) -> [Int] {
        lists[Self.key(a, b, tagCount: tagCount)] ?? []
    }

    private static func key(_ a: Int, _ b: Int, tagCount: Int) -> Int {
        min(a, b) * tagCount + max(a, b)
    }
}
