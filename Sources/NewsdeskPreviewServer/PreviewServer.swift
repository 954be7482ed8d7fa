import FlyingFox
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
        var http: HTTPServer
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
        let (http, serving, bound) = try await listen()
        let watcher: ChangeWatcher
        do {
            watcher = try ChangeWatcher(siteRoot: configuration.siteRoot, mechanism: configuration.watchMechanism)
        } catch {
            await http.stop()
            throw .cannotListen("cannot watch \(configuration.siteRoot.path): \(error)")
        }
        // Watch before the first build, so a save made while it runs is not missed.
        watcher.start()
        let builder = PreviewBuilder(source: DiskSiteSource(root: configuration.siteRoot),
                                     options: PreviewBuilder.options(baseURL: bound.url, includeDrafts: configuration.includeDrafts),
                                     site: site, channel: channel)
        let reportSink = self.reportSink
        let building = Task {
            reportSink.yield(await builder.rebuild(changedPaths: []))
            while let changed = await watcher.nextChanges(), !Task.isCancelled {
                reportSink.yield(await builder.rebuild(changedPaths: changed))
            }
        }
        running.withLock { $0 = Running(http: http, serving: serving, watcher: watcher, building: building) }
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
        // FlyingFox's accept loop ends only when cancelled, which `stop` does after the timeout;
        // the event streams are closed already, so a short one loses nothing.
        await running.http.stop(timeout: 0.2)
        _ = await running.serving.result
        await running.building.value
        reportSink.finish()
    }

    private func listen() async throws(StartFailure) -> (HTTPServer, Task<Void, any Error>, ListenAddress) {
        let address = configuration.address
        let socketAddress: any SocketAddress
        do {
            socketAddress = try address.makeSocketAddress()
        } catch {
            throw .cannotListen("\(address.host) is not an address this machine can listen on")
        }
        // The timeout bounds producing a response, not sending it: requests wait for the first build.
        let handler = ClosureHTTPHandler { [self] request in await self.respond(to: request) }
        let http = HTTPServer(config: .init(address: socketAddress, timeout: 600, logger: .disabled), handler: handler)
        let serving = Task { try await http.run() }
        // Whichever comes first: listening, or the run failing (port busy, address not ours).
        let (events, outcome) = AsyncStream<Result<Void, any Error>>.makeStream()
        let waiting = Task {
            do {
                try await http.waitUntilListening(timeout: 10)
                outcome.yield(.success(()))
            } catch {
                outcome.yield(.failure(error))
            }
        }
        let failed = Task {
            if case .failure(let error) = await serving.result { outcome.yield(.failure(error)) }
        }
        var iterator = events.makeAsyncIterator()
        let first = await iterator.next()
        waiting.cancel()
        failed.cancel()
        if case .success = first, let port = Self.port(of: await http.listeningAddress) {
            return (http, serving, address.withPort(port))
        }
        await http.stop()
        if case .failure(SocketError.failed(_, let code, _))? = first, code == EADDRINUSE {
            throw .addressInUse("port \(address.port) on \(address.host) is already in use; stop the other server or pass --port")
        }
        if case .failure(SocketError.failed(_, let code, let message))? = first {
            throw .cannotListen(code == EADDRNOTAVAIL ? "\(address.host) is not an address of this machine" : "cannot listen on \(address.url): \(message)")
        }
        throw .cannotListen("cannot listen on \(address.url)")
    }

    private static func port(of address: Socket.Address?) -> UInt16? {
        switch address {
        case .ip4(_, let port)?, .ip6(_, let port)?: port
        default: nil
        }
    }

    private func respond(to request: HTTPRequest) async -> HTTPResponse {
        let rawPath = request.target.path()
        let preview = PreviewResponder.Request(method: request.method.rawValue, rawPath: rawPath,
                                               rawQuery: request.target.query(), ifNoneMatch: request.headers[.ifNoneMatch])
        let responder = PreviewResponder()
        switch rawPath {
        case LiveReloadScript.eventsPath:
            let frames = channel.subscribe(greeting: site.greeting())
            return HTTPResponse(statusCode: .ok,
                                headers: [.contentType: "text/event-stream; charset=utf-8", .init("Cache-Control"): "no-cache"],
                                body: HTTPBodySequence(from: EventStreamBytes(frames: frames)))
        case LiveReloadScript.scriptPath:
            return Self.httpResponse(responder.script(for: preview))
        default:
            break
        }
        await site.firstBuildFinished()
        guard let generation = site.current else { return Self.httpResponse(responder.noSiteYet(for: preview)) }
        return Self.httpResponse(responder.respond(to: preview, from: generation))
    }

    private static func httpResponse(_ response: PreviewResponse) -> HTTPResponse {
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.addValue(value, for: HTTPHeader(name)) }
        return HTTPResponse(statusCode: HTTPStatusCode(response.status, phrase: reasonPhrase(response.status)),
                            headers: headers, body: Data(response.body))
    }

    private static func reasonPhrase(_ status: Int) -> String {
        [200: "OK", 301: "Moved Permanently", 304: "Not Modified", 400: "Bad Request", 404: "Not Found",
         405: "Method Not Allowed", 503: "Service Unavailable"][status] ?? "Status"
    }
}

/// The bytes of an SSE stream for FlyingFox, which sends a body of unknown length chunked and
/// writes each frame as soon as it is yielded.
struct EventStreamBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let frames: AsyncStream<String>

    func makeAsyncIterator() -> Iterator { Iterator(frames: frames.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var frames: AsyncStream<String>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? { await nextBuffer(suggested: 1)?.first }

        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            if pending.isEmpty {
                guard let frame = await frames.next() else { return nil }
                pending = ArraySlice(frame.utf8)
            }
            let chunk = pending.prefix(Swift.max(1, count))
            pending = pending.dropFirst(chunk.count)
            return chunk
        }
    }
}
