import Foundation
import Testing
@testable import NewsdeskCore
@testable import NewsdeskPreviewServer

/// What a hostile or broken client can do to the preview: oversized requests are refused at
/// once, idle and slow connections are closed, and a browser that leaves frees its stream.
@Suite("Preview connection limits", .serialized, .timeLimit(.minutes(1)))
struct PreviewConnectionLimitsTests {
    /// A preview whose request timeout is short enough to wait for in a test.
    static func withPreview(requestTimeout: Duration = .seconds(10), _ body: (PreviewServer, UInt16) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        try PreviewHarness.writeSite(in: directory)
        var configuration = PreviewServer.Configuration(siteRoot: directory.url, address: ListenAddress(host: "127.0.0.1", port: 0)!)
        configuration.limits.requestTimeout = requestTimeout
        let server = PreviewServer(configuration)
        let address = try await server.start()
        await server.site.firstBuildFinished()
        do {
            try await body(server, address.port)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func aHugeRequestLineIsAnswered414AtOnceAndTheConnectionClosed() async throws {
        try await Self.withPreview { _, port in
            let client = try RawClient(port: port)
            await client.send("GET /" + String(repeating: "a", count: 1 << 20))
            let (response, closed) = await client.receiveUntilClosed(within: .seconds(10))
            #expect(response.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"), "\(response.prefix(80))")
            #expect(closed)
        }
    }

    @Test(arguments: ["X-Padding", "If-None-Match"])
    func aHugeHeaderIsAnswered431AtOnceAndTheConnectionClosed(_ name: String) async throws {
        try await Self.withPreview { _, port in
            let client = try RawClient(port: port)
            await client.send("GET / HTTP/1.1\r\nHost: x\r\n\(name): " + String(repeating: "\"abcdef\", ", count: 100_000))
            let (response, closed) = await client.receiveUntilClosed(within: .seconds(10))
            #expect(response.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"), "\(response.prefix(80))")
            #expect(closed)
        }
    }

    @Test func pagesAreServedWhileTwoClientsSendHugeRequests() async throws {
        try await Self.withPreview { _, port in
            let attackers = try (0..<2).map { _ in try RawClient(port: port) }
            for attacker in attackers { await attacker.send("GET /" + String(repeating: "a", count: 1 << 20)) }
            let started = ContinuousClock.now
            let status = await blocking { try? rawStatus(host: "127.0.0.1", port: port, target: "/news/first/") }
            #expect(status == 200)
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    @Test func anIdleConnectionIsClosedAfterTheRequestTimeout() async throws {
        try await Self.withPreview(requestTimeout: .milliseconds(500)) { _, port in
            let client = try RawClient(port: port)
            let started = ContinuousClock.now
            // The client waits far longer than the timeout: on a loaded machine the server may
            // take seconds to get round to closing, but it must be the one that closes.
            let (response, closed) = await client.receiveUntilClosed(within: .seconds(30))
            #expect(closed)
            #expect(response.isEmpty)
            #expect(ContinuousClock.now - started < .seconds(20))
        }
    }

    @Test func aClientTricklingItsRequestIsClosedAfterTheRequestTimeout() async throws {
        try await Self.withPreview(requestTimeout: .milliseconds(500)) { _, port in
            let client = try RawClient(port: port)
            await client.send("GET / HTTP/1.1\r\n")
            let started = ContinuousClock.now
            var closed = false
            // One header byte every 100 ms keeps the connection busy but never finishes the head.
            while !closed, ContinuousClock.now - started < .seconds(8) {
                closed = await !client.send("X")
                try await Task.sleep(for: .milliseconds(100))
                if !closed { closed = await client.receiveUntilClosed(within: .milliseconds(1)).closed }
            }
            #expect(closed)
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    @Test func oneConnectionServesSeveralRequests() async throws {
        try await Self.withPreview { _, port in
            let client = try RawClient(port: port)
            await client.send("GET /news/first/ HTTP/1.1\r\nHost: x\r\n\r\nHEAD /news/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let (response, closed) = await client.receiveUntilClosed(within: .seconds(10))
            #expect(response.components(separatedBy: "HTTP/1.1 200 OK\r\n").count == 3)
            #expect(closed)
        }
    }

    @Test func aBrowserThatLeavesFreesItsLiveReloadStreamAtOnce() async throws {
        try await Self.withPreview { server, port in
            let client = try RawClient(port: port)
            await client.send("GET \(LiveReloadScript.eventsPath) HTTP/1.1\r\nHost: x\r\n\r\n")
            try await Self.waitUntil { server.channel.subscriberCount == 1 }
            client.close()
            try await Self.waitUntil { server.channel.subscriberCount == 0 }
        }
    }

    static func waitUntil(_ condition: () -> Bool) async throws {
        let started = ContinuousClock.now
        while !condition() {
            guard ContinuousClock.now - started < .seconds(5) else { throw WatchError(reason: "the condition did not hold within 5 s") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// A TCP client that sends exactly the bytes it is given, and gives up on sending when the
/// server stops reading. Its calls block, so tests make them through `blocking`, off the
/// concurrency pool the in-process server needs for its own tasks.
final class RawClient: Sendable {
    private let descriptor: Int32

    init(port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw WatchError(reason: "socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(descriptor)
            throw WatchError(reason: "connect failed")
        }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { Glibc.close(descriptor) }

    /// Ends the connection as a closed browser tab does (the server reads the end of the stream).
    func close() { shutdown(descriptor, Int32(SHUT_RDWR)) }

    /// Whether every byte was sent (false when the server closed or stopped reading).
    @discardableResult
    func send(_ text: String) async -> Bool {
        await blocking { [self] in
            let bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }

    /// What arrives until the server closes the connection or `limit` passes.
    func receiveUntilClosed(within limit: Duration) async -> (response: String, closed: Bool) {
        await blocking { [self] in
            var received: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let started = ContinuousClock.now
            while ContinuousClock.now - started < limit {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let left = limit - (ContinuousClock.now - started)
                let milliseconds = Int32(max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
                guard poll(&poller, 1, milliseconds) > 0 else { break }
                let count = recv(descriptor, &chunk, chunk.count, 0)
                if count <= 0 { return (String(decoding: received, as: UTF8.self), true) }
                received += chunk[..<count]
            }
            return (String(decoding: received, as: UTF8.self), false)
        }
    }
}

/// Runs blocking socket calls on a thread of their own, never on the concurrency pool.
func blocking<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}
