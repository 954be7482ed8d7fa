import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Follows every internal `href` and `src` (and sitemap/feed URLs) from a start page over real
/// HTTP, recording what each URL answered.
struct LinkCrawler {
    let origin: String

    struct Report {
        var status: [String: Int] = [:]
        /// Where each URL was first found, to say which page holds a broken link.
        var foundOn: [String: String] = [:]
        var broken: [String] { status.filter { $0.value != 200 }.keys.sorted() }
    }

    func crawl(from starts: [String]) async throws -> Report {
        var report = Report()
        var queue = starts
        for start in starts { report.foundOn[start] = "(start)" }
        let session = URLSession(configuration: .ephemeral)
        while !queue.isEmpty {
            let url = queue.removeFirst()
            guard report.status[url] == nil, let target = URL(string: url) else { continue }
            let (data, response) = try await session.data(from: target)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            report.status[url] = status
            guard status == 200 else { continue }
            let body = String(decoding: data, as: UTF8.self)
            for link in links(in: body, contentType: (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") ?? "") {
                guard let absolute = resolve(link, against: target), report.status[absolute] == nil, report.foundOn[absolute] == nil else { continue }
                report.foundOn[absolute] = url
                queue.append(absolute)
            }
        }
        return report
    }

    /// `href`, `src`, every candidate of a `srcset`, meta-refresh targets, and in XML `<loc>`,
    /// `<link>`, `<guid>` and `href`.
    func links(in body: String, contentType: String) -> [String] {
        var found: [String] = []
        for match in body.matches(of: /(?:href|src)="([^"]+)"/) { found.append(String(match.1)) }
        // `a-480.webp 480w, a-960.webp 960w`: each candidate is a URL and a width.
        for match in body.matches(of: /srcset="([^"]+)"/) {
            for candidate in match.1.split(separator: ",") {
                if let url = candidate.split(separator: " ").first { found.append(String(url)) }
            }
        }
        for match in body.matches(of: /content="\d+; url=([^"]+)"/) { found.append(String(match.1)) }
        if contentType.contains("xml") {
            for match in body.matches(of: /<(?:loc|link|guid[^>]*)>([^<]+)</) { found.append(String(match.1)) }
        }
        return found.map { $0.replacingOccurrences(of: "&amp;", with: "&") }
    }

    /// An absolute URL on this origin without its fragment, or nil for other sites and schemes.
    func resolve(_ link: String, against base: URL) -> String? {
        guard let url = URL(string: link, relativeTo: base)?.absoluteURL, url.scheme == "http" else { return nil }
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return nil }
        components.fragment = nil
        guard let text = components.string, text.hasPrefix(origin + "/") else { return nil }
        return text
    }
}
