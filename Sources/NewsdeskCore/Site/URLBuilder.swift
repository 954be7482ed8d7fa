import Foundation

/// Turns site paths (`news/vsip-2023/`) into the links the output uses.
///
/// Internal links are root-relative and carry the base path (`/news-site/news/vsip-2023/`), so
/// the site works when CI publishes it under a sub-path; feeds and sitemaps get absolute URLs.
public struct URLBuilder: Sendable, Hashable {
    /// `https://www.example.edu.cn/news-site/`
    public var baseURL: String
    /// `/news-site/`
    public var basePath: String

    public init(baseURL: String, basePath: String) {
        self.baseURL = baseURL
        self.basePath = basePath
    }

    public init(config: SiteConfig) {
        self.init(baseURL: config.baseURL, basePath: config.basePath)
    }

    public func href(_ sitePath: String) -> String { basePath + Self.encode(sitePath) }

    public func absolute(_ sitePath: String) -> String { baseURL + Self.encode(sitePath) }

    private static let allowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: ";")
        return set
    }()

    /// Percent-encodes everything but `/` and the unreserved characters; already-encoded
    /// sequences are not encoded twice.
    private static func isPlain(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x2F || byte == 0x7E
    }

    public static func encode(_ path: String) -> String {
        // Asked of contiguous bytes: every URL of every page passes here.
        if path.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(isPlain) }) ?? path.utf8.allSatisfy(isPlain) { return path }
        let decoded = path.removingPercentEncoding ?? path
        return decoded.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
