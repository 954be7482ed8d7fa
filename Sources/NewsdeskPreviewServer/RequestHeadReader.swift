/// The request line and headers of one HTTP/1.1 request, as far as the preview needs them.
struct RequestHead: Sendable, Equatable {
    var method: String
    /// The target as sent (`/news/?page=2`), still percent-encoded.
    var target: String
    var version: String
    /// Header names lower-cased; a repeated header keeps its values joined by ", " (RFC 9110 §5.3).
    var headers: [String: String]

    var path: String { String(target.prefix { $0 != "?" }) }
    var query: String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return String(target[target.index(after: mark)...])
    }

    /// A request with a body (the preview serves only GET and HEAD) or one that asks for it
    /// closes the connection after its response, so a body is never read as the next request.
    var keepsConnectionOpen: Bool {
        let connection = headers["connection"]?.lowercased() ?? ""
        if headers["transfer-encoding"] != nil || (headers["content-length"].map { $0 != "0" } ?? false) { return false }
        if connection.contains("close") { return false }
        return version == "HTTP/1.1" || connection.contains("keep-alive")
    }
}

/// Collects the bytes of a request head as they arrive and finds its end, with bounded memory
/// and in time linear in the bytes received: each byte is looked at once, however small the
/// pieces it arrives in. A request line or a head longer than the limits is refused as soon as
/// the limit is passed (414, 431), without waiting for the rest.
struct RequestHeadReader: Sendable {
    struct Limits: Sendable {
        var requestLine = 8 * 1024
        var head = 32 * 1024
    }

    enum Outcome: Sendable, Equatable {
        case needMore
        case head(RequestHead)
        /// Answer with this status and close the connection.
        case refused(status: Int, reason: String)
    }

    let limits: Limits
    /// Bytes received and not yet part of a request handed out (the next pipelined request).
    private(set) var buffer: [UInt8] = []
    /// Where the search for the end of the head resumes.
    private var scanned = 0
    /// The end of the request line (its `\n`), once seen.
    private var requestLineEnd: Int?

    init(limits: Limits = Limits()) { self.limits = limits }

    /// Adds received bytes and says whether a whole head is there.
    mutating func receive(_ bytes: some Collection<UInt8>) -> Outcome {
        buffer.append(contentsOf: bytes)
        return scan()
    }

    private mutating func scan() -> Outcome {
        let newline = UInt8(ascii: "\n")
        while scanned < buffer.count {
            let index = scanned
            scanned += 1
            guard buffer[index] == newline else { continue }
            if requestLineEnd == nil {
                // Blank lines before a request line are allowed (RFC 9112 §2.2).
                if Self.lineIsEmpty(buffer, upTo: index, from: 0) {
                    buffer.removeSubrange(...index)
                    scanned = 0
                    continue
                }
                if index > limits.requestLine { return tooLongRequestLine }
                requestLineEnd = index
                continue
            }
            let lineStart = Self.previousLineStart(buffer, before: index)
            if Self.lineIsEmpty(buffer, upTo: index, from: lineStart) {
                return finish(headEnd: index + 1)
            }
        }
        if requestLineEnd == nil, buffer.count > limits.requestLine { return tooLongRequestLine }
        if buffer.count > limits.head {
            return .refused(status: 431, reason: "The request's headers are longer than \(limits.head) bytes.")
        }
        return .needMore
    }

    private var tooLongRequestLine: Outcome {
        .refused(status: 414, reason: "The request line is longer than \(limits.requestLine) bytes.")
    }

    private mutating func finish(headEnd: Int) -> Outcome {
        let head = Array(buffer[..<headEnd])
        buffer.removeSubrange(..<headEnd)
        scanned = 0
        requestLineEnd = nil
        if head.count > limits.head {
            return .refused(status: 431, reason: "The request's headers are longer than \(limits.head) bytes.")
        }
        guard let parsed = Self.parse(head) else { return .refused(status: 400, reason: "The request is malformed.") }
        return .head(parsed)
    }

    /// Whether bytes `from..<upTo` are empty or a lone `\r`.
    private static func lineIsEmpty(_ bytes: [UInt8], upTo end: Int, from start: Int) -> Bool {
        end == start || (end == start + 1 && bytes[start] == UInt8(ascii: "\r"))
    }

    /// The start of the line ending at `end`: the previous line ends at most two bytes before
    /// for an empty line, which is all this is asked for.
    private static func previousLineStart(_ bytes: [UInt8], before end: Int) -> Int {
        if end >= 1, bytes[end - 1] == UInt8(ascii: "\n") { return end }
        if end >= 2, bytes[end - 1] == UInt8(ascii: "\r"), bytes[end - 2] == UInt8(ascii: "\n") { return end - 1 }
        return -1
    }

    /// Splits a complete head into its request line and headers.
    static func parse(_ head: [UInt8]) -> RequestHead? {
        var lines = head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { return nil }
        let parts = requestLine.split(separator: UInt8(ascii: " "))
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy { $0 > 0x20 && $0 < 0x7F } }) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { return nil }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            guard !name.contains(where: { $0 == " " || $0 == "\t" }) else { return nil }
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmed(of: " \t")
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        let text = { (bytes: ArraySlice<UInt8>) in String(decoding: bytes, as: UTF8.self) }
        return RequestHead(method: text(parts[0]), target: text(parts[1]), version: text(parts[2]), headers: headers)
    }
}

private extension String {
    func trimmed(of set: String) -> String {
        let characters = Set(set)
        guard let first = firstIndex(where: { !characters.contains($0) }) else { return "" }
        let last = lastIndex { !characters.contains($0) }!
        return String(self[first...last])
    }
}
