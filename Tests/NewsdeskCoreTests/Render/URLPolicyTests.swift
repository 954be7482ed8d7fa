import Testing
@testable import NewsdeskCore

/// One URL rule, cmark-gfm's safe-mode one, for every URL a page prints: links and images in
/// the body, the thumbnails listings take from a body's first image, front-matter images.
@Suite("URL policy")
struct URLPolicyTests {
    @Test(arguments: [
        "https://example.edu.cn/a.jpg", "/images/a.jpg", "photo.jpg", "#part", "mailto:news@example.edu.cn", "",
        "data:image/png;base64,iVBORw0KGgo=", "DATA:IMAGE/JPEG;base64,/9j/", "data:image/webp;base64,UklGR", "data:image/gif,GIF89a",
        "javascript-guide.html", "files/report.pdf",
    ])
    func allowed(_ url: String) {
        #expect(URLPolicy.allows(url))
    }

    @Test(arguments: [
        "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "\u{1}\njavascript:alert(1)", "java\tscript:alert(1)",
        "jav\r\nascript:x", "vbscript:msgbox", "file:///etc/passwd", "data:text/html,<script>alert(1)</script>",
        "data:image/svg+xml,<svg onload=alert(1)>", "data:image/bmp;base64,Qk0=", "data:", "  DATA:text/plain,x",
    ])
    func refused(_ url: String) {
        #expect(!URLPolicy.allows(url), "\(url.debugDescription)")
    }

    static let dangerous = ["javascript:", "vbscript:", "file:", "data:image/svg", "data:text"]

    func site(unsafe: Bool, frontMatterImage: String? = nil) -> [String: String] {
        let body = """
            ![x](javascript:alert(1)) ![y](data:image/svg+xml,<svg/onload=alert(1)>) [z](vbscript:msgbox) [f](file:///etc/passwd)

            Text.
            """
        return [
            "content/site.yml": "base_url: https://www.example.edu.cn/news-site/\nmarkdown:\n  unsafe: \(unsafe)\n",
            "content/news/probe.md": TestSite.item(title: "Probe", body: body),
            "content/news/png.md": TestSite.item(title: "Data picture", date: "2023-11-22", body: "![dot](data:image/png;base64,iVBORw0KGgo=)\n\nText."),
            "content/news/lead.md": TestSite.item(title: "Lead", date: "2023-11-21",
                                                  extra: frontMatterImage.map { "image: \"\($0)\"\nimage_alt: Lead\n" } ?? "",
                                                  body: "![second](javascript:alert(2))"),
        ]
    }

    @Test(arguments: [false, true])
    func noPagePrintsARefusedURLWhateverTheMarkdownMode(unsafe: Bool) async throws {
        let (result, output) = await TestSite.build(site(unsafe: unsafe))
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.summary)")
        for (path, bytes) in output.files where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let page = String(decoding: bytes, as: UTF8.self).lowercased()
            for scheme in Self.dangerous { #expect(!page.contains(scheme), "\(path) prints \(scheme)") }
        }
        // A picture as data:image/png is allowed, in the body and as the listing's thumbnail.
        let listing = try #require(output.text("news/index.html"))
        #expect(listing.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""))
    }

    @Test(arguments: [" javascript:alert(1)", "JAVASCRIPT:alert(1)", "\tdata:text/html,x", "vbscript:x", "ftp://example.edu.cn/a.jpg"])
    func frontMatterImagesOutsideThePolicyAreErrors(_ image: String) async throws {
        let (result, _) = await TestSite.build(site(unsafe: false, frontMatterImage: image))
        let problem = try #require(result.diagnostics.first { $0.path == "content/news/lead.md" && $0.severity == .error })
        #expect(problem.message.hasSuffix("is not a web address or a file of the site"))
        #expect(problem.line == 4)
    }
}
