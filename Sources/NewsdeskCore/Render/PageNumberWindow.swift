/// One entry of the page-number list a listing page shows: a page, or a gap that stands for the
/// run of pages left out there.
public enum PageNumberSlot: Sendable, Equatable {
    case page(Int)
    case gap
}

/// Which page numbers a listing page links: the first and last pages, the current page with
/// its neighbours, and a gap wherever numbers are skipped, as Hugo's pagination template and
/// most news sites do. Linking every page gave each of a large section's ~170 listing pages
/// ~170 links: a wall for readers and screen-reader users, and most of the cost of rendering it.
public enum PageNumberWindow {
    /// Pages linked on each side of the current one. Two lets a reader step a few pages either
    /// way while the list stays at most nine entries (first, gap, five, gap, last) whatever the
    /// page count, so it fits one line on a phone and costs the same to render on every page.
    public static let neighbours = 2

    /// The entries for page `current` of `total`, in order. A gap never hides a single page:
    /// that page is shown instead, since `1 2 3 4` says more than `1 … 3 4` in the same space.
    public static func slots(current: Int, total: Int) -> [PageNumberSlot] {
        let total = max(total, 1)
        let current = min(max(current, 1), total)
        let window = max(1, current - neighbours)...min(total, current + neighbours)
        let shown = Set([1, total]).union(window).sorted()
        var slots: [PageNumberSlot] = []
        var previous = 0
        for number in shown {
            switch number - previous {
            case 1: break
            case 2: slots.append(.page(number - 1))
            default: slots.append(.gap)
            }
            slots.append(.page(number))
            previous = number
        }
        return slots
    }
}
