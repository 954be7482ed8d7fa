import Synchronization

/// One complete build of the site, held in memory. Never changed once made: a rebuild makes a
/// new generation, so a request that started on this one finishes on it.
public struct SiteGeneration: Sendable {
    /// Counts successful builds from 1; pages carry it so the browser can tell it is stale.
    public let number: Int
    /// Site-relative output path → bytes.
    public let files: [String: [UInt8]]

    public init(number: Int, files: [String: [UInt8]]) {
        self.number = number
        self.files = files
    }
}

/// What the preview serves: the last good generation, and the diagnostics of the latest build
/// when that one failed.
///
/// A rebuild never writes into the generation being served; it hands over a complete new one,
/// which replaces the old one under a lock in a single assignment. Requests therefore see the
/// old site or the new one, never a mixture (the "half-written page" Hugo and Zola users
/// report).
public final class PreviewSite: Sendable {
    public enum Status: Sendable, Equatable {
        /// The first build has not finished yet.
        case building
        case ready
        /// The latest build failed: `current` is the last good generation, if there was one.
        case failed([Diagnostic])
    }

    private struct State {
        var generation: SiteGeneration?
        var status: Status = .building
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// The generation requests are answered from.
    public var current: SiteGeneration? { state.withLock { $0.generation } }

    public var status: Status { state.withLock { $0.status } }

    /// Swaps in a complete new build and clears any failure.
    @discardableResult
    public func install(_ files: [String: [UInt8]]) -> SiteGeneration {
        let (generation, waiting) = state.withLock { state in
            let generation = SiteGeneration(number: (state.generation?.number ?? 0) + 1, files: files)
            state.generation = generation
            state.status = .ready
            defer { state.waiting = [] }
            return (generation, state.waiting)
        }
        waiting.forEach { $0.resume() }
        return generation
    }

    /// Keeps serving the last good generation and remembers why the latest build failed.
    public func recordFailure(_ diagnostics: [Diagnostic]) {
        let waiting = state.withLock { state in
            state.status = .failed(diagnostics)
            defer { state.waiting = [] }
            return state.waiting
        }
        waiting.forEach { $0.resume() }
    }

    /// Returns once the first build has finished, well or badly, so that a browser opened
    /// while the site is still being built gets the page instead of a 404.
    public func firstBuildFinished() async {
        await withCheckedContinuation { continuation in
            let finished = state.withLock { state in
                guard state.status == .building else { return true }
                state.waiting.append(continuation)
                return false
            }
            if finished { continuation.resume() }
        }
    }

    /// What a browser that connects now should be told first: the generation it should show,
    /// and the failure when the latest build failed.
    public func greeting() -> [LiveReloadEvent] {
        let (generation, status) = state.withLock { ($0.generation?.number, $0.status) }
        var events: [LiveReloadEvent] = []
        if let generation { events.append(.reload(generation: generation)) }
        if case .failed(let diagnostics) = status { events.append(.failed(ErrorOverlay(diagnostics: diagnostics))) }
        return events
    }
}
