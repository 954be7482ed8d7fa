import Foundation
import Synchronization

/// What the browser is told after a build.
public enum LiveReloadEvent: Sendable, Equatable {
    /// A new generation is being served: reload the page.
    case reload(generation: Int)
    /// Only stylesheets changed: swap them without losing the scroll position.
    case stylesheets(generation: Int)
    /// The latest build failed; the last good site is still served.
    case failed(ErrorOverlay)

    /// The Server-Sent Events frame: `event: reload` + one `data:` line of JSON.
    public var frame: String {
        let name: String
        let data: String
        switch self {
        case .reload(let generation):
            (name, data) = ("reload", #"{"generation":\#(generation)}"#)
        case .stylesheets(let generation):
            (name, data) = ("stylesheets", #"{"generation":\#(generation)}"#)
        case .failed(let overlay):
            (name, data) = ("failed", overlay.json)
        }
        return "event: \(name)\ndata: \(data)\n\n"
    }
}

/// Fans build events out to every open `/__newsdesk/events` stream.
///
/// A browser that connects is first told the current state (the generation it should be
/// showing, or the failure), so a page that loaded just before a rebuild, or while the site
/// is broken, is never left stale.
public final class LiveReloadChannel: Sendable {
    private struct State {
        var subscribers: [UInt64: AsyncStream<String>.Continuation] = [:]
        var nextID: UInt64 = 0
        var isClosed = false
    }

    private let state = Mutex(State())

    public init() {}

    /// A stream of SSE frames, starting with `greeting` frames; it ends when the channel closes
    /// or the reader goes away.
    public func subscribe(greeting: [LiveReloadEvent]) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(32))
        // Ask the browser to reconnect quickly when the server restarts.
        continuation.yield("retry: 1000\n\n")
        greeting.forEach { continuation.yield($0.frame) }
        let id: UInt64? = state.withLock { state in
            guard !state.isClosed else { return nil }
            defer { state.nextID += 1 }
            state.subscribers[state.nextID] = continuation
            return state.nextID
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    public func publish(_ event: LiveReloadEvent) {
        let frame = event.frame
        for subscriber in state.withLock({ Array($0.subscribers.values) }) { subscriber.yield(frame) }
    }

    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Ends every stream, so that the server can stop without waiting for browsers.
    public func close() {
        let subscribers = state.withLock { state in
            state.isClosed = true
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        subscribers.forEach { $0.finish() }
    }
}
