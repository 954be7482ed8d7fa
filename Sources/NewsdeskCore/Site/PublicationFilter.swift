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

    /// How many items a build did not publish, and why.
    public struct LeftOut: Sendable, Equatable {
        public var drafts = 0
        /// Not drafts, dated after the build's clock.
        public var scheduled = 0

        public init(drafts: Int = 0, scheduled: Int = 0) {
            self.drafts = drafts
            self.scheduled = scheduled
        }

        /// "2 drafts and 1 scheduled item not published; --drafts/--future show them", or nil.
        public var sentence: String? {
            var parts: [String] = []
            if drafts > 0 { parts.append(drafts == 1 ? "1 draft" : "\(drafts) drafts") }
            if scheduled > 0 { parts.append(scheduled == 1 ? "1 scheduled item" : "\(scheduled) scheduled items") }
            guard !parts.isEmpty else { return nil }
            let flags = [drafts > 0 ? "--drafts" : nil, scheduled > 0 ? "--future" : nil].compactMap { $0 }.joined(separator: "/")
            return parts.joined(separator: " and ") + " not published; \(flags) " + (drafts + scheduled == 1 ? "shows it" : "show them")
        }
    }

    /// The items this filter leaves out (a draft dated in the future counts as a draft).
    public func leftOut(among items: [Item]) -> LeftOut {
        var result = LeftOut()
        for item in items where !isPublished(item) {
            if !includeDrafts && item.isDraft { result.drafts += 1 } else { result.scheduled += 1 }
        }
        return result
    }
}
