/// The order a section lists its items in, and the neighbour links that follow from it.
///
/// Newest first: date descending, then slug ascending, then source path, so that the order is
/// total and the same on every machine. `previous` is the item listed just before (newer),
/// `next` the one just after (older): the university site's convention, where "Previous:"
/// names a newer article. Templates also get the unambiguous `newer` and `older`.
public enum PreviousNextLinker {
    public static func isListedBefore(_ a: Item, _ b: Item) -> Bool { ListingKey(a) < ListingKey(b) }

    /// Indices of `items` in listing order.
    public static func order(_ items: [Item]) -> [Int] {
        let keys = items.map(ListingKey.init)
        return keys.indices.sorted { keys[$0] < keys[$1] }
    }

    /// What the listing order compares, read out of an item once: a sort compares each item
    /// about log n times, and reading the date through the item's fields each time cost more
    /// than the comparisons. `<` means "listed before".
    public struct ListingKey: Comparable, Sendable {
        let seconds: Int64
        let slug: String
        let path: String

        public init(_ item: Item) {
            seconds = item.date.secondsSinceEpoch
            slug = item.slug
            path = item.path
        }

        public static func < (a: ListingKey, b: ListingKey) -> Bool {
            if a.seconds != b.seconds { return a.seconds > b.seconds }
            if a.slug != b.slug { return a.slug < b.slug }
            return a.path < b.path
        }
    }

    /// For a listing (newest first), each element's newer and older neighbour.
    public static func neighbours<ID>(in listing: [ID]) -> [(id: ID, newer: ID?, older: ID?)] {
        listing.indices.map { position in
            (listing[position],
             position > 0 ? listing[position - 1] : nil,
             position + 1 < listing.count ? listing[position + 1] : nil)
        }
    }
}

/// Splits a listing into pages of `size`: `[]` still gives one (empty) first page, so every
/// section and tag has a landing page.
public enum Paginator {
    /// How many pages `count` elements fill; an empty listing still has its one page.
    public static func pageCount(_ count: Int, size: Int) -> Int {
        let size = max(1, size)
        return max(1, (count + size - 1) / size)
    }

    /// Page `number` (1-based) of `elements`, without slicing the others: a rebuild asks for
    /// one page of each of a thousand listings.
    public static func page<Element>(_ number: Int, of elements: [Element], size: Int) -> ArraySlice<Element> {
        let size = max(1, size)
        let start = min(elements.count, (number - 1) * size)
        return elements[start..<min(start + size, elements.count)]
    }

    /// `news/` for page 1, `news/page/2/` after it.
    public static func sitePath(base: String, page: Int) -> String {
        page <= 1 ? base : "\(base)page/\(page)/"
    }
}
