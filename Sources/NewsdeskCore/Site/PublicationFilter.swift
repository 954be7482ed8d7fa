/// Decides which items are published in this build.
public struct PublicationFilter: Sendable, Equatable {
    public var includeDrafts: Bool
    public var includeFuture: Bool
    /// The build's clock, passed in so that tests and reproducible builds can fix it.
    public var now: NewsDate

    public init(includeDrafts: Bool, includeFuture: Bool, now: NewsDate) {
        self.includeDrafts = includeDrafts
        self.includeFuture = includeFuture
        self.now = now
    }

    public func isPublished(_ item: Item) -> Bool {
        (includeDrafts || !item.isDraft) && (includeFuture || item.date <= now)
    }

    /// The earliest date of these items after `now`, published or not: from then on the same
    /// items are published differently, and pages stop saying "future" (what a build's
    /// output depends on besides its files).
    public func nextChange(among items: [Item]) -> NewsDate? {
        items.lazy.map(\.date).filter { $0 > now }.min()
    }
}
