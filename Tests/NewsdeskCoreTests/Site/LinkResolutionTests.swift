import Testing
@testable import NewsdeskCore

/// Pins the shortcuts taken on the way from a Markdown link to its resolution against the
/// straightforward computations they replace.
@Suite("Link resolution")
struct LinkResolutionTests {
    func resolve(_ files: [String: String]) async -> SiteBuilder.Resolution {
        let options = BuildOptions(includeDrafts: false, includeFuture: false, now: TestSite.now)
        return await SiteBuilder(source: TestSite.source(files), options: options).resolve()
    }

    static let body = """
        [b](../cooperation/b.md#part) [missing](missing.md) ![photo](/images/p.jpg) [web](https://example.org/)
        [top](#top) [draft](d.md) ![](../images/none.png) [root](/cooperation/) [far](../../../etc/passwd)
        [中文](../cooperation/b.md?x=中文) [escaped](%2E%2E/cooperation/b.md)
        """

    /// The renderer hashes each link's resolution as it rewrites it; the cache must get the
    /// number that resolving every link again gives.
    @Test func resolutionsGatheredWhileRenderingEqualResolvingAgain() async {
        let resolution = await resolve([
            "content/news/a.md": TestSite.item(title: "A"),
            "content/news/d.md": TestSite.item(title: "D", extra: "draft: true\n"),
            "content/cooperation/b.md": TestSite.item(title: "B"),
            "content/images/p.jpg": "jpg",
        ])
        let links = SiteLinkResolver(site: resolution.site, allItems: resolution.items)
        let path = "content/news/a.md"
        let rendered = MarkdownRenderer(options: SiteConfig.Markdown()).render(Self.body[...], path: path, bodyFirstLine: 5, links: links)
        #expect(rendered.links.count == 11)
        for image in [nil, "/images/p.jpg", "https://example.org/a.jpg", "missing.jpg"] as [String?] {
            let references = rendered.links + (image.map { [LinkReference(destination: $0, isImage: true)] } ?? [])
            #expect(rendered.resolutions(addingImage: image, from: path, resolver: links)
                    == MarkdownFacts.resolutions(of: references, from: path, resolver: links))
        }
    }

    static let destinations = [
        "", ":", "a:", "1a:b", "https://example.org/x.md", "mailto:someone@example.org", "c++:x", "a.b-c+d:e", "ht tp:x",
        "x/y:z", "../a/b.md#part?q", "a/b.md?x#y", "#top", "?q", "/images/a.jpg", "./a/./b/../c.md", "../../..", "a//b/",
        "中文:x", "图片/照片.jpg#标题", "é:x", "a\u{301}:x", "a:\u{301}b:c", "a#\u{301}b?c", "x/\u{301}/..", "\r\n:x", "a\r\n#b",
        "news/./../..", "/", "//", "a/", ".", "..",
    ]

    @Test func byteScansAgreeWithCharacterScans() {
        for text in Self.destinations {
            #expect(SiteLinkResolver.hasScheme(text) == SiteLinkResolver.hasSchemeByCharacters(text), "\(text)")
            #expect(SiteLinkResolver.splitSuffix(text) == SiteLinkResolver.splitSuffixByCharacters(text), "\(text)")
            for directory in ["", "content", "content/news", "content/新闻/", "content/a\u{301}/b", "/content//news/"] {
                #expect(SiteLinkResolver.normalize(directory: directory, relative: text)
                        == SiteLinkResolver.normalizeByCharacters(directory: directory, relative: text), "\(directory) + \(text)")
            }
        }
    }

    /// The old trimming: scalar by scalar into a new string.
    static func trimmedByScalars(_ text: Substring, newlines: Bool) -> String {
        func trimmed(_ scalar: Unicode.Scalar) -> Bool {
            let isSpace = scalar == "\t" || scalar == " " || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
            let isNewline = (0x0A...0x0D).contains(scalar.value) || [0x85, 0x2028, 0x2029].contains(scalar.value)
            return isSpace || (newlines && isNewline)
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmed($0) }) else { return "" }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[first...scalars.lastIndex(where: { !trimmed($0) })!])
        return String(result)
    }

    @Test func trimmingSlicesTheSameScalarsItUsedToCopy() {
        let texts = ["", " ", "\t a b \t", "\u{3000}中文标题\u{3000}", "\r\n title \r\n", "\u{A0}x\u{2029}", " e\u{301} ",
                     "\u{301} x", "x \u{301}", " \u{301}x", "x\u{301} ", "\u{3000}\u{301}中", "\n\u{85}\u{2028}", "a", "  多  个  ", "\r\n"]
        for text in texts {
            for wrapped in [text[...], "[\(text)]".dropFirst().dropLast()] {
                // Byte for byte: `==` on strings would forgive a differently composed result.
                let spaces = Array(Self.trimmedByScalars(wrapped, newlines: false).utf8)
                #expect(Array(wrapped.trimmingSpaces().utf8) == spaces, "\(text.debugDescription)")
                #expect(Array(String(wrapped).trimmingSpaces().utf8) == spaces, "\(text.debugDescription)")
                #expect(Array(wrapped.trimmingSpacesAndNewlines().utf8) == Array(Self.trimmedByScalars(wrapped, newlines: true).utf8),
                        "\(text.debugDescription)")
            }
        }
    }
}
