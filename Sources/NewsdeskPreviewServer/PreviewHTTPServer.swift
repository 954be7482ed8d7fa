import FlyingSocks
import Foundation
import NewsdeskCore

/// What the preview answers a request with: a whole response, or a stream of Server-Sent
/// Events that lasts until the stream ends or the browser goes away.
enum PreviewHTTPAnswer: Sendable {
    case response(PreviewResponse)
    case eventStream(AsyncStream<String>)
}

/// The preview's HTTP/1.1 server over FlyingSocks' non-blocking sockets.
///
/// Requests are read with `RequestHeadReader` (bounded, linear), every request head must
/// arrive within `requestTimeout` of the server starting to wait for it (an idle keep-alive
/// connection and a client trickling bytes are both closed then), and every response must be
/// sent within `responseTimeout`. An event stream also watches its socket, so a browser that
/// leaves frees its subscription at once rather than at the next build.
struct PreviewHTTPServer: Sendable {
    struct Limits: Sendable {
        var head = RequestHeadReader.Limits()
        var requestTimeout: Duration = .seconds(10)
        var responseTimeout: Duration = .seconds(30)
    }

    let limits: Limits
    let respond: @Sendable (RequestHead) async -> PreviewHTTPAnswer

    /// Binds and listens; throws `SocketError.failed` with the `errno` of a busy port.
    static func listen(on address: some SocketAddress) throws -> Socket {
        let socket = try Socket(domain: Int32(type(of: address).family))
        try socket.setValue(true, for: .localAddressReuse)
        try socket.bind(to: address)
        try socket.listen()
        return socket
    }

    /// Accepts connections until cancelled, each in its own child task.
    func run(listening socket: Socket) async throws {
        let pool: some AsyncSocketPool = .make()
        try await pool.prepare()
        let listener = try AsyncSocket(socket: socket, pool: pool)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await pool.run() }
            defer { try? socket.close() }
            for try await connection in listener.sockets {
                group.addTask {
                    await serve(connection)
                    try? connection.close()
                }
            }
        }
    }

    /// Answers requests on one connection until it closes, times out or asks to close.
    private func serve(_ connection: AsyncSocket) async {
        var reader = RequestHeadReader(limits: limits.head)
        while !Task.isCancelled {
            guard let (outcome, advanced) = await Self.withDeadline(limits.requestTimeout, { [reader] in
                var reader = reader
                return (try await Self.readHead(from: connection, into: &reader), reader)
            }) else { return }
            reader = advanced
            switch outcome {
            case .needMore:
                return
            case .refused(let status, let reason):
                let response = PreviewResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8"),
                                                                        ("Content-Length", String(reason.utf8.count + 1)),
                                                                        ("Connection", "close")],
                                               body: Array((reason + "\n").utf8))
                _ = await Self.withDeadline(limits.responseTimeout) { try await Self.send(response, on: connection, keepOpen: false) }
                await lingeringClose(connection)
                return
            case .head(let head):
                switch await respond(head) {
                case .response(let response):
                    let keepOpen = head.keepsConnectionOpen
                    let sent = await Self.withDeadline(limits.responseTimeout) {
                        try await Self.send(response, on: connection, keepOpen: keepOpen)
                        return true
                    }
                    guard sent == true, keepOpen else { return }
                case .eventStream(let frames):
                    await stream(frames, on: connection)
                    return
                }
            }
        }
    }

    /// Reads until `reader` has a whole head or refuses one; `.needMore` means the peer closed.
    private static func readHead(from connection: AsyncSocket, into reader: inout RequestHeadReader) async throws -> RequestHeadReader.Outcome {
        var outcome = reader.receive(EmptyCollection())
        while outcome == .needMore {
            guard let bytes = try? await connection.read(atMost: 4096) else { return .needMore }
            outcome = reader.receive(bytes)
        }
        return outcome
    }

    private static func send(_ response: PreviewResponse, on connection: AsyncSocket, keepOpen: Bool) async throws {
        var head = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        if !keepOpen, response.header("Connection") == nil { head += "Connection: close\r\n" }
        var bytes = Data(head.utf8)
        bytes.append(contentsOf: "\r\n".utf8)
        bytes.append(contentsOf: response.body)
        try await connection.write(bytes)
    }

    /// Sends each frame as a chunk while, beside it, reading the socket: the browser sends
    /// nothing more, so the read ends only when it goes away, which ends the stream (and with
    /// it the channel's subscription).
    private func stream(_ frames: AsyncStream<String>, on connection: AsyncSocket) async {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\n"
            + "X-Content-Type-Options: nosniff\r\nTransfer-Encoding: chunked\r\n\r\n"
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                guard (try? await connection.write(Data(head.utf8))) != nil else { return }
                for await frame in frames {
                    let chunk = String(frame.utf8.count, radix: 16) + "\r\n" + frame + "\r\n"
                    guard (try? await connection.write(Data(chunk.utf8))) != nil else { return }
                }
                _ = try? await connection.write(Data("0\r\n\r\n".utf8))
            }
            group.addTask {
                while (try? await connection.read(atMost: 4096)) != nil {}
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// After a refusal, stops sending and reads what the client is still sending for a moment
    /// before closing, so that the client reads the answer instead of a reset (RFC 9112 §9.6).
    private func lingeringClose(_ connection: AsyncSocket) async {
        _ = shutdown(connection.socket.file.rawValue, Int32(SHUT_WR))
        _ = await Self.withDeadline(.seconds(1)) {
            var discarded = 0
            while discarded < 1 << 20, let bytes = try? await connection.read(atMost: 4096) { discarded += bytes.count }
        }
    }

    /// `body`'s result, or nil when it throws or `duration` passes first (it is then cancelled).
    static func withDeadline<T: Sendable>(_ duration: Duration, _ body: @escaping @Sendable () async throws -> T) async -> T? {
        await withTaskGroup(of: T?.self) { group in
            group.addTask { try? await body() }
            group.addTask {
                try? await Task.sleep(for: duration)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    static func reasonPhrase(_ status: Int) -> String {
        [200: "OK", 206: "Partial Content", 301: "Moved Permanently", 304: "Not Modified", 400: "Bad Request",
         404: "Not Found", 405: "Method Not Allowed", 414: "URI Too Long", 416: "Range Not Satisfiable",
         431: "Request Header Fields Too Large",
         503: "Service Unavailable"][status] ?? "Status"
    }
}
