/// Turns the raw, still percent-encoded path of a request into a file of the built site.
///
/// The preview serves from memory, so a request can never reach the disk; this check still
/// refuses every form of traversal that dev servers have been caught by (Zola CVE-2023-40274,
/// Eleventy's `%2f`, MkDocs CVE-2021-40978) instead of normalising it: a path is decoded one
/// segment at a time, and a segment that decodes to a separator, a dot segment, NUL or bytes
/// that are not valid UTF-8 (overlong forms included) makes the whole request a bad one.
public struct RequestPathResolver: Sendable {
    public enum Resolution: Sendable, Equatable {
        /// A file of the site, relative to its root (`news/a/index.html`).
        case file(String)
        /// `/news` when `news/index.html` exists: the folder's URL, with its trailing slash.
        case redirect(location: String)
        case notFound
        case badRequest(reason: String)
    }

    public init() {}

    /// - Parameters:
    ///   - rawPath: the request target's path exactly as sent, without the query.
    ///   - exists: whether the current site has a file at a site-relative path.
    public func resolve(rawPath: String, exists: (String) -> Bool) -> Resolution {
        let segments: [String]
        switch Self.decodedSegments(of: rawPath) {
        case .success(let decoded): segments = decoded
        case .failure(let problem): return .badRequest(reason: problem.reason)
        }
        // A trailing slash leaves one empty last segment: the folder's index.
        if segments.last == "" {
            let folder = segments.dropLast().joined(separator: "/")
            let index = folder.isEmpty ? "index.html" : folder + "/index.html"
            return exists(index) ? .file(index) : .notFound
        }
        let path = segments.joined(separator: "/")
        if exists(path) { return .file(path) }
        if exists(path + "/index.html") { return .redirect(location: rawPath + "/") }
        return .notFound
    }

    struct Problem: Error, Equatable {
        var reason: String
    }

    /// The decoded segments after the leading `/`; empty segments only at the end.
    static func decodedSegments(of rawPath: String) -> Result<[String], Problem> {
        guard rawPath.hasPrefix("/") else { return .failure(Problem(reason: "the path does not start with /")) }
        let rawSegments = rawPath.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var segments: [String] = []
        for (index, raw) in rawSegments.enumerated() {
            guard let bytes = percentDecoded(raw) else { return .failure(Problem(reason: "malformed percent-encoding")) }
            if bytes.isEmpty {
                if index == rawSegments.count - 1 { segments.append(""); continue }
                return .failure(Problem(reason: "empty path segment"))
            }
            if let forbidden = bytes.first(where: { $0 == 0 || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }) {
                return .failure(Problem(reason: forbidden == 0 ? "NUL byte in the path" : "encoded separator in the path"))
            }
            // Strict UTF-8 validation refuses overlong forms such as %c0%ae (".").
            guard let segment = String(validating: bytes, as: UTF8.self) else {
                return .failure(Problem(reason: "the path is not valid UTF-8"))
            }
            if segment == "." || segment == ".." { return .failure(Problem(reason: "dot segment in the path")) }
            segments.append(segment)
        }
        return .success(segments)
    }

    private static func percentDecoded(_ raw: Substring.UTF8View.SubSequence) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var iterator = raw.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
