import AsyncHTTPClient
import Foundation
import Testing
@testable import NewsdeskCore
@testable import NewsdeskPreviewServer

/// One client for every preview test; it does not follow redirects, so tests see them.
let previewClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                               configuration: .init(redirectConfiguration: .disallow))

/// A small site on disk served by a real `PreviewServer` on a free loopback port.
struct PreviewHarness {
    let directory: TemporaryDirectory
    let server: PreviewServer
    let address: ListenAddress

    /// Two news items (one a draft), a section index, an image and the default theme.
    static func writeSite(in directory: TemporaryDirectory) throws {
        try directory.installDefaultTheme()
        // The photo's original is published too, for the tests of content types.
        try directory.write("content/site.yml",
                            "title: Preview Test\nbase_url: https://www.example.edu.cn/news-site/\nimages: { publish_originals: true }\n")
        try directory.write("content/news/_index.md", "---\ntitle: News\n---\nAll the news.\n")
        try directory.write("content/news/2023-11-20-first.md", TestSite.item(title: "First item", date: "2023-11-20", body: "Original body."))
        try directory.write("content/news/2023-11-21-second.md", TestSite.item(title: "Second item", date: "2023-11-21", body: "Second body."))
        try directory.write("content/news/2023-11-22-unfinished.md",
                            TestSite.item(title: "Unfinished", date: "2023-11-22", extra: "draft: true\n", body: "Draft body."))
        let png = TestImages.png(width: 4, height: 3)
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("content/images"), withIntermediateDirectories: true)
        try Data(png).write(to: directory.url.appendingPathComponent("content/images/photo.png"))
    }

    /// Starts a server on 127.0.0.1 and waits for its first build.
    static func start(mechanism: ChangeWatcher.Mechanism? = nil, includeDrafts: Bool = true,
                      prepare: (TemporaryDirectory) throws -> Void = writeSite) async throws -> PreviewHarness {
        let directory = try TemporaryDirectory()
        try prepare(directory)
        let configuration = PreviewServer.Configuration(siteRoot: directory.url, address: ListenAddress(host: "127.0.0.1", port: 0)!,
                                                        includeDrafts: includeDrafts, watchMechanism: mechanism)
        let server = PreviewServer(configuration)
        let address = try await server.start()
        await server.site.firstBuildFinished()
        return PreviewHarness(directory: directory, server: server, address: address)
    }

    /// Starts a preview, runs `body` with it and stops it, also when `body` throws.
    static func with(mechanism: ChangeWatcher.Mechanism? = nil, includeDrafts: Bool = true,
                     prepare: (TemporaryDirectory) throws -> Void = writeSite,
                     _ body: (PreviewHarness) async throws -> Void) async throws {
        let preview = try await start(mechanism: mechanism, includeDrafts: includeDrafts, prepare: prepare)
        do {
            try await body(preview)
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }

    func url(_ path: String) -> String { "http://\(address.host):\(address.port)\(path)" }

    struct Response {
        var status: UInt
        var headers: [String: String]
        var body: String
        var bytes: [UInt8]
    }

    func get(_ path: String, head: Bool = false, headers: [(String, String)] = []) async throws -> Response {
        var request = HTTPClientRequest(url: url(path))
        if head { request.method = .HEAD }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await previewClient.execute(request, timeout: .seconds(60))
        var buffer = try await response.body.collect(upTo: 16 * 1024 * 1024)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        var headerValues: [String: String] = [:]
        for header in response.headers { headerValues[header.name.lowercased()] = header.value }
        return Response(status: response.status.code, headers: headerValues, body: String(decoding: bytes, as: UTF8.self), bytes: bytes)
    }

    /// Opens `/__newsdesk/events` as a browser would and reads the greeting, which names the
    /// generation being served; later events are the ones a test caused.
    func events() async throws -> EventStreamReader {
        let request = HTTPClientRequest(url: url(LiveReloadScript.eventsPath))
        let response = try await previewClient.execute(request, timeout: .seconds(600))
        #expect(response.headers.first(name: "content-type") == "text/event-stream; charset=utf-8")
        var reader = EventStreamReader(body: response.body)
        if let current = server.site.current {
            #expect(try await reader.next("reload").data == "{\"generation\":\(current.number)}")
            reader.shownGeneration = current.number
        }
        return reader
    }

    /// Writes a file as editors do: a temporary file (hidden by default, named like `sed -i`'s
    /// when `temporaryName` says so) renamed over the original.
    func save(_ relativePath: String, _ text: String, temporaryName: String? = nil) throws {
        let target = directory.url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(temporaryName ?? ".\(target.lastPathComponent).swp")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, target.path) == 0 else { throw WatchError(reason: "rename failed") }
    }

    func stop() async { await server.stop() }
}

/// Reads Server-Sent Events frames from a streaming response. A wait that never ends is cut
/// by the suites' time limit.
struct EventStreamReader {
    struct Event: Equatable {
        var name: String
        var data: String
    }

    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private var buffer = ""
    /// The generation the "page" shows, as the browser script tracks it.
    var shownGeneration = 0

    init(body: HTTPClientResponse.Body) { iterator = body.makeAsyncIterator() }

    /// The next `reload` to a generation the page does not show yet (the script ignores the
    /// others: a browser connecting just after a build is told about it twice); its number.
    mutating func nextReload() async throws -> Int {
        while true {
            let event = try await next("reload")
            let generation = Int(event.data.filter(\.isNumber)) ?? 0
            if generation != shownGeneration {
                shownGeneration = generation
                return generation
            }
        }
    }

    /// The next event called `name`, skipping others.
    mutating func next(_ name: String) async throws -> Event {
        while true {
            if let event = takeFrame() {
                if event.name == name { return event }
                continue
            }
            guard let chunk = try await iterator.next() else {
                throw WatchError(reason: "the event stream ended before a '\(name)' event")
            }
            buffer += String(buffer: chunk)
        }
    }

    private mutating func takeFrame() -> Event? {
        guard let end = buffer.range(of: "\n\n") else { return nil }
        let frame = buffer[..<end.lowerBound]
        buffer.removeSubrange(..<end.upperBound)
        var event = Event(name: "message", data: "")
        for line in frame.split(separator: "\n") {
            if line.hasPrefix("event: ") { event.name = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { event.data = String(line.dropFirst(6)) }
            if line.hasPrefix("retry: ") { event.name = "retry" }
        }
        return event
    }
}

/// Sends one request line exactly as written, for targets an HTTP client would clean up first
/// (`..`, backslashes), and returns the status code.
func rawStatus(host: String, port: UInt16, target: String) throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw WatchError(reason: "socket failed") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    inet_pton(AF_INET, host, &address.sin_addr)
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw WatchError(reason: "connect failed: \(String(cString: strerror(errno)))") }
    let request = Array("GET \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
    _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
    var response: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while case let count = recv(descriptor, &chunk, chunk.count, 0), count > 0 { response += chunk[..<count] }
    let statusLine = String(decoding: response.prefix { $0 != 13 }, as: UTF8.self)
    guard let code = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
        throw WatchError(reason: "no status line in \(statusLine.debugDescription)")
    }
    return code
}
