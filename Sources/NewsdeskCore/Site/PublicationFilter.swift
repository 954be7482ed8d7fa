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
}
