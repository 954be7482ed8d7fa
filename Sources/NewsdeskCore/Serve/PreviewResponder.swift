import Foundation

/// An HTTP response as plain values, so the preview's HTTP rules can be tested without a socket
/// and the server library stays at the edge.
public struct PreviewResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public static func == (lhs: PreviewResponse, rhs: PreviewResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name): \($0.value)" } == rhs.headers.map { "\($0.name): \($0.value)" }
    }
}

/// Answers a GET or HEAD for the built site: the file with its type and a content hash as
/// `ETag` (`If-None-Match` → 304), one byte range of a file as nginx serves it (206, 416),
/// folders redirected to their trailing slash, the theme's `404.html` with status 404, and the
/// live-reload script in every HTML page.
public struct PreviewResponder: Sendable {
    public init() {}

    public struct Request: Sendable {
        public var method: String
        /// The target's path as sent, still percent-encoded.
        public var rawPath: String
        /// The target's query, without `?`; kept on redirects.
        public var rawQuery: String
        public var ifNoneMatch: String?
        /// The `Range` header, e.g. `bytes=0-499`.
        public var range: String?
        /// The `If-Range` header: the range is sent only if this is the file's current `ETag`.
        public var ifRange: String?

        public init(method: String, rawPath: String, rawQuery: String = "", ifNoneMatch: String? = nil,
                    range: String? = nil, ifRange: String? = nil) {
            self.method = method
            self.rawPath = rawPath
            self.rawQuery = rawQuery
            self.ifNoneMatch = ifNoneMatch
            self.range = range
            self.ifRange = ifRange
        }
    }

    public func respond(to request: Request, from generation: SiteGeneration) -> PreviewResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return plain(405, "Only GET and HEAD are served.", extra: [("Allow", "GET, HEAD")], request: request)
        }
        let resolution = RequestPathResolver().resolve(rawPath: request.rawPath) { generation.files[$0] != nil }
        switch resolution {
        case .file(let path):
            return file(path, status: 200, from: generation, request: request)
        case .redirect(let location):
            let target = request.rawQuery.isEmpty ? location : location + "?" + request.rawQuery
            return plain(301, "Moved to \(target)", extra: [("Location", target)], request: request)
        case .notFound:
            guard let page = Self.notFoundPage(for: request.rawPath, in: generation) else { return plain(404, "Not found.", request: request) }
            return file(page, status: 404, from: generation, request: request)
        case .badRequest(let reason):
            return plain(400, "Bad request: \(reason).", request: request)
        }
    }

    /// The 404 page of the language a missing address is under (`zh/404.html` for `/zh/…`), as
    /// a web host's `error_page` per language folder serves it, else the site's own.
    static func notFoundPage(for rawPath: String, in generation: SiteGeneration) -> String? {
        let first = rawPath.split(separator: "/", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        let localized = first + "/404.html"
        if !first.isEmpty, generation.files[localized] != nil { return localized }
        return generation.files["404.html"] != nil ? "404.html" : nil
    }

    /// The script itself, served from memory like the site.
    public func script(for request: Request) -> PreviewResponse {
        let body = Array(LiveReloadScript.source.utf8)
        return finish(status: 200, type: ContentType.forPath("live-reload.js"), body: body, request: request, cacheable: true)
    }

    /// Shown while there is no good build at all (the very first one failed): the overlay
    /// explains why, and the page reloads itself once a build succeeds.
    public func noSiteYet(for request: Request) -> PreviewResponse {
        let page = Array("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Newsdesk preview</title></head>\n<body>\n<p>The site has not been built yet.</p>\n</body>\n</html>\n".utf8)
        let body = LiveReloadScript.inject(into: page, generation: 0)
        return finish(status: 503, type: ContentType.forPath("index.html"), body: body, request: request, cacheable: false)
    }

    private func file(_ path: String, status: Int, from generation: SiteGeneration, request: Request) -> PreviewResponse {
        let body = generation.files[path] ?? []
        let type = ContentType.forPath(path)
        // An HTML page is sent with the script added, so a range of the file on disk would not
        // be a range of what the browser saw: pages are always sent whole, and say so by
        // leaving out `Accept-Ranges`. Nothing fetches part of a page.
        if ContentType.isHTML(path) {
            let page = LiveReloadScript.inject(into: body, generation: generation.number)
            return finish(status: status, type: type, body: page, request: request, cacheable: status == 200)
        }
        var response = finish(status: status, type: type, body: body, request: request, cacheable: status == 200)
        guard status == 200 else { return response }
        response.headers.append((name: "Accept-Ranges", value: "bytes"))
        return ranged(response, of: body, request: request)
    }

    /// The full 200 `response` cut to the request's `Range`, if it has one to honour: 206 with
    /// the slice, or 416 when the range starts past the end. A 304 (`If-None-Match` is
    /// evaluated first, RFC 9110 §13.2.2) and every header to ignore leave the response whole.
    /// HEAD gets the headers the same GET would, as from nginx (RFC 9110 §14.2 defines ranges
    /// for GET only), so HEAD stays what it is everywhere else here: GET without the body.
    private func ranged(_ response: PreviewResponse, of body: [UInt8], request: Request) -> PreviewResponse {
        // An empty file has no byte to send in a 206; nginx ignores ranges on it, and so do we.
        guard response.status == 200, !body.isEmpty, let header = request.range, let range = ByteRange(header: header),
              Self.ifRangeAllows(request.ifRange, etag: response.header("ETag"))
        else { return response }
        switch range.select(in: body.count) {
        case .unsatisfiable:
            return plain(416, "The requested range starts past the end of the file's \(body.count) bytes.",
                         extra: [("Content-Range", "bytes */\(body.count)")], request: request)
        case .bytes(let slice):
            var partial = response
            partial.status = 206
            partial.body = request.method == "HEAD" ? [] : Array(body[slice])
            partial.headers = response.headers.map { $0.name == "Content-Length" ? (name: $0.name, value: String(slice.count)) : $0 }
            partial.headers.append((name: "Content-Range", value: "bytes \(slice.lowerBound)-\(slice.upperBound)/\(body.count)"))
            return partial
        }
    }

    /// `If-Range` holds an entity tag or a date. Only the exact current tag lets the range
    /// through (strong comparison, RFC 9110 §13.1.5); a date never does, since the preview
    /// sends no `Last-Modified` to compare it with. Either way the client then gets the whole
    /// current file, not a piece of a newer one spliced onto its stale copy.
    static func ifRangeAllows(_ ifRange: String?, etag: String?) -> Bool {
        guard let ifRange else { return true }
        return ifRange.trimmingCharacters(in: .whitespaces) == etag
    }

    private func plain(_ status: Int, _ text: String, extra: [(String, String)] = [], request: Request) -> PreviewResponse {
        var response = finish(status: status, type: ContentType.forPath("message.txt"), body: Array((text + "\n").utf8),
                              request: request, cacheable: false)
        response.headers += extra.map { (name: $0.0, value: $0.1) }
        return response
    }

    /// Common headers; `Content-Length` is always the full body's, also for HEAD and 304.
    private func finish(status: Int, type: String, body: [UInt8], request: Request, cacheable: Bool) -> PreviewResponse {
        // `no-cache` still lets the browser keep a copy, but it asks first: an edit shows at once.
        var headers: [(name: String, value: String)] = [
            ("Content-Type", type), ("Content-Length", String(body.count)),
            ("Cache-Control", "no-cache"), ("X-Content-Type-Options", "nosniff"),
        ]
        var status = status
        var body = body
        if cacheable {
            let tag = EntityTag.of(body)
            headers.append(("ETag", tag))
            if let ifNoneMatch = request.ifNoneMatch, EntityTag.matches(ifNoneMatch, tag) {
                status = 304
                body = []
            }
        }
        if request.method == "HEAD" { body = [] }
        return PreviewResponse(status: status, headers: headers, body: body)
    }
}

/// Strong entity tags from a 64-bit FNV-1a hash of the bytes: the same file gets the same tag
/// in every generation and every run, so an unchanged stylesheet stays a 304 across rebuilds.
enum EntityTag {
    static func of(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "-" + String(bytes.count, radix: 16) + "\""
    }

    /// `If-None-Match` holds a list of tags or `*`; comparison is weak (RFC 9110 §13.1.2).
    static func matches(_ header: String, _ tag: String) -> Bool {
        let candidates = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return candidates.contains { $0 == "*" || $0 == tag || $0 == "W/" + tag }
    }
}
