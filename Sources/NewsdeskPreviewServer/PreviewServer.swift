import FlyingSocks
import Foundation
import NewsdeskCore
import Synchronization

/// `newsdesk serve` as a library call: listen, build into memory, watch, rebuild, tell the
/// browsers. The command line only prints the reports and stops it on Ctrl-C.
public final class PreviewServer: Sendable {
    public struct Configuration: Sendable {
        public var siteRoot: URL
        public var address: ListenAddress
        public var includeDrafts: Bool
        /// nil picks inotify with polling as the fallback.
        public var watchMechanism: ChangeWatcher.Mechanism?
        /// How long a request's head may take to arrive, and the sizes it may have.
        var limits = PreviewHTTPServer.Limits()
        /// Told when each rebuild starts and stops encoding photos (`BuildOptions.photoEncoding`).
        public var photoEncoding: (@Sendable (_ encoding: Bool) -> Void)?

        public init(siteRoot: URL, address: ListenAddress, includeDrafts: Bool = true, watchMechanism: ChangeWatcher.Mechanism? = nil) {
            self.siteRoot = siteRoot.standardizedFileURL
            self.address = address
            self.includeDrafts = includeDrafts
            self.watchMechanism = watchMechanism
        }
    }

    public enum StartFailure: Error, Sendable, Equatable {
        case noContentFolder(String)
        case addressInUse(String)
        case cannotListen(String)
    }

    public let configuration: Configuration
    public let site = PreviewSite()
    public let channel = LiveReloadChannel()
    /// One report per build, first build included; ends when the server stops.
    public let reports: AsyncStream<PreviewBuilder.Report>
    private let reportSink: AsyncStream<PreviewBuilder.Report>.Continuation
    private let running = Mutex<Running?>(nil)

    private struct Running: Sendable {
        var serving: Task<Void, any Error>
        var watcher: ChangeWatcher
        var building: Task<Void, Never>
    }

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        (reports, reportSink) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    /// Binds the address, then starts the first build and the watcher; returns the address
    /// actually bound (port 0 picks a free one). Requests that arrive during the first build
    /// wait for it.
    public func start() async throws(StartFailure) -> ListenAddress {
        guard FileManager.default.fileExists(atPath: configuration.siteRoot.appendingPathComponent("content").path) else {
            throw .noContentFolder("\(configuration.siteRoot.path) has no content/ folder; run newsdesk in the site folder or pass --site")
        }
        let (serving, bound) = try listen()
        let watcher: ChangeWatcher
        do {
            watcher = try ChangeWatcher(siteRoot: configuration.siteRoot, mechanism: configuration.watchMechanism)
        } catch {
            serving.cancel()
            _ = await serving.result
            throw .cannotListen("cannot watch \(configuration.siteRoot.path): \(error)")
        }
        // Watch before the first build, so a save made while it runs is not missed.
        watcher.start()
        var options = PreviewBuilder.options(baseURL: bound.url, includeDrafts: configuration.includeDrafts)
        options.photoEncoding = configuration.photoEncoding
        let builder = PreviewBuilder(source: DiskSiteSource(root: configuration.siteRoot), options: options, site: site, channel: channel)
        let reportSink = self.reportSink
        let building = Task {
            reportSink.yield(await builder.rebuild(changedPaths: []))
            while let changed = await watcher.nextChanges(), !Task.isCancelled {
                reportSink.yield(await builder.rebuild(changedPaths: changed))
            }
        }
        running.withLock { $0 = Running(serving: serving, watcher: watcher, building: building) }
        return bound
    }

    /// How changes are noticed, once started.
    public var watchMechanism: ChangeWatcher.Mechanism? { running.withLock { $0?.watcher.mechanism } }

    /// Stops watching, ends the event streams, closes the socket; waits for the server task.
    public func stop() async {
        guard let running = running.withLock({ state in defer { state = nil }; return state }) else { return }
        running.watcher.stop()
        running.building.cancel()
        channel.close()
        // Cancelling the accept loop closes the listening socket and every connection.
        running.serving.cancel()
        _ = await running.serving.result
        await running.building.value
        reportSink.finish()
    }

    private func listen() throws(StartFailure) -> (Task<Void, any Error>, ListenAddress) {
        let address = configuration.address
        let socket: Socket
        do {
            socket = try PreviewHTTPServer.listen(on: try address.makeSocketAddress())
        } catch SocketError.failed(_, let code, let message) {
            if code == EADDRINUSE {
                throw .addressInUse("port \(address.port) on \(address.host) is already in use; stop the other server or pass --port")
            }
            throw .cannotListen(code == EADDRNOTAVAIL ? "\(address.host) is not an address of this machine" : "cannot listen on \(address.url): \(message)")
        } catch {
            throw .cannotListen("\(address.host) is not an address this machine can listen on")
        }
        guard let port = Self.port(of: try? socket.sockname()) else {
            try? socket.close()
            throw .cannotListen("cannot listen on \(address.url)")
        }
        let http = PreviewHTTPServer(limits: configuration.limits) { [self] head in await self.respond(to: head) }
        let serving = Task { try await http.run(listening: socket) }
        return (serving, address.withPort(port))
    }

    private static func port(of address: Socket.Address?) -> UInt16? {
        switch address {
        case .ip4(_, let port)?, .ip6(_, let port)?: port
        default: nil
        }
    }

    private func respond(to head: RequestHead) async -> PreviewHTTPAnswer {
        let preview = PreviewResponder.Request(method: head.method, rawPath: head.path, rawQuery: head.query,
                                               ifNoneMatch: head.headers["if-none-match"],
                                               range: head.headers["range"], ifRange: head.headers["if-range"])
        let responder = PreviewResponder()
        switch head.path {
        case LiveReloadScript.eventsPath:
            return .eventStream(channel.subscribe(greeting: site.greeting()))
        case LiveReloadScript.scriptPath:
            return .response(responder.script(for: preview))
        default:
            break
        }
        await site.firstBuildFinished()
        guard let generation = site.current else { return .response(responder.noSiteYet(for: preview)) }
        return .response(responder.respond(to: preview, from: generation))
    }
}
