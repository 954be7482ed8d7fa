import Foundation
import Synchronization

/// Watches `content/` (with `site.yml`) and `themes/` for saved, renamed and deleted files and
/// hands out site-relative paths (`content/news/a.md`) in debounced batches.
///
/// inotify on Linux, one watch per folder, added as folders appear; scanning every half second
/// when inotify is unavailable (or its watch limit is reached). Either way the work runs on a
/// thread of its own, because it blocks in `poll` and the cooperative pool has only as many
/// threads as cores.
public final class ChangeWatcher: Sendable {
    public enum Mechanism: Sendable, Equatable {
        case inotify
        case polling(interval: Duration)
    }

    /// The folders below the site root that are watched.
    public static let watchedFolders = ["content", "themes"]

    public let siteRoot: String
    private let requested: Mechanism?
    private let debouncer: ChangeDebouncer
    private let state = Mutex(State())
    private let stopSignal: StopSignal

    private struct State {
        var pending: Set<String> = []
        var waiter: CheckedContinuation<Set<String>?, Never>?
        var isStopped = false
        var mechanism: Mechanism?
    }

    /// - Parameter mechanism: nil picks inotify and falls back to polling.
    public init(siteRoot: URL, mechanism: Mechanism? = nil, quietPeriod: Duration = .milliseconds(60)) throws {
        self.siteRoot = siteRoot.standardizedFileURL.resolvingSymlinksInPath().path
        self.requested = mechanism
        self.debouncer = ChangeDebouncer(quietPeriod: quietPeriod)
        self.stopSignal = try StopSignal()
    }

    /// Starts watching; returns the mechanism in use.
    @discardableResult
    public func start() -> Mechanism {
        let inotify = requested == nil || requested == .inotify ? InotifyWatch(siteRoot: siteRoot) : nil
        let mechanism = inotify != nil ? Mechanism.inotify : (requested ?? .polling(interval: .milliseconds(500)))
        state.withLock { $0.mechanism = mechanism }
        let stopDescriptor = stopSignal.readDescriptor
        let debouncer = self.debouncer
        let thread: Thread
        if let inotify {
            thread = Thread { inotify.run(stop: stopDescriptor, debouncer: debouncer) { self.deliver($0) } }
        } else {
            let poller = PollingWatch(siteRoot: siteRoot, interval: mechanism.pollingInterval)
            thread = Thread { poller.run(stop: stopDescriptor) { self.deliver($0) } }
        }
        thread.name = "newsdesk change watcher"
        thread.start()
        return mechanism
    }

    public var mechanism: Mechanism? { state.withLock { $0.mechanism } }

    /// Everything that changed since the previous call, waiting until something has; nil once
    /// the watcher is stopped. Changes made during a rebuild are gathered into the next batch.
    public func nextChanges() async -> Set<String>? {
        await withCheckedContinuation { continuation in
            let ready: Set<String>?? = state.withLock { state in
                if !state.pending.isEmpty {
                    defer { state.pending = [] }
                    return .some(state.pending)
                }
                if state.isStopped { return .some(nil) }
                state.waiter = continuation
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    public func stop() {
        let waiter = state.withLock { state in
            state.isStopped = true
            defer { state.waiter = nil }
            return state.waiter
        }
        stopSignal.fire()
        waiter?.resume(returning: nil)
    }

    private func deliver(_ paths: Set<String>) {
        let (waiter, batch) = state.withLock { state -> (CheckedContinuation<Set<String>?, Never>?, Set<String>) in
            state.pending.formUnion(paths)
            guard let waiter = state.waiter else { return (nil, []) }
            state.waiter = nil
            defer { state.pending = [] }
            return (waiter, state.pending)
        }
        waiter?.resume(returning: batch)
    }

    /// Editor droppings that are never content: the build's own rule (hidden files, `~`
    /// backups, `.swp`, `#autosave#`) plus Vim's `4913` write probe and `.swx` swap files.
    static func isIgnored(_ relativePath: String) -> Bool {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        if name == "4913" || name.hasSuffix(".swx") { return true }
        return relativePath.split(separator: "/").contains { DirectoryWalker.isIgnoredName(String($0)) }
    }
}

extension ChangeWatcher.Mechanism {
    var pollingInterval: Duration {
        if case .polling(let interval) = self { return interval }
        return .milliseconds(500)
    }
}

public struct WatchError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// A pipe whose read end becomes readable when the watcher should stop: `poll` waits on it
/// beside inotify, so stopping never waits for the next file event.
final class StopSignal: Sendable {
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    init() throws {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else {
            throw WatchError(reason: "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    }

    func fire() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Waits until the signal fires or `timeout` passes (nil: forever), also watching `other`.
    /// Returns whether `other` is readable; nil when the signal fired.
    static func wait(_ stop: Int32, other: Int32?, timeout: Duration?) -> Bool? {
        var descriptors = [pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
        if let other { descriptors.append(pollfd(fd: other, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = timeout.map { Int32(clamping: max(0, $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000 + 1)) } ?? -1
        let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        if ready > 0 && descriptors[0].revents != 0 { return nil }
        return ready > 0 && descriptors.count > 1 && descriptors[1].revents != 0
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }
}
