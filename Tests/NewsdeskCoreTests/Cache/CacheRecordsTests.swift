import Testing
@testable import NewsdeskCore

/// The cache's stored form gives back exactly what was stored, every property included, and
/// refuses damaged bytes.
@Suite("Stored form of cache entries")
struct CacheRecordsTests {
    /// Front matter with every property away from its default, so that a property the stored
    /// form forgets changes the value read back.
    static var frontMatter: FrontMatter {
        var fm = FrontMatter()
        fm.title = "网络安全 “quoted” & <tagged>"
        fm.date = NewsDate(secondsSinceEpoch: -86_400, hasTime: false)
        fm.slug = "cyber"
        fm.lastModified = NewsDate(secondsSinceEpoch: 1_701_734_400, hasTime: false)
        fm.summary = "A summary"
        fm.description = "A description"
        fm.author = "News Center"
        fm.tags = ["a", "", "国际合作"]
        fm.image = "/images/a.png"
        fm.imageAlt = ""
        fm.imageCaption = "A caption"
        fm.draft = true
        fm.aliases = ["/old/1.htm"]
        fm.lang = "zh"
        fm.translationKey = "agreement"
        fm.params = ["nested": .map([("list", .list([.null, .bool(false), .string("x")])), ("empty", .map([]))]), "none": .null]
        fm.paramOrder = ["nested", "none"]
        fm.lines = ["title": 2, "date": 3]
        return fm
    }

    static var item: Item {
        let file = ContentFile(path: "content/news/x/index.zh.md", kind: .sectionIndex, section: "news", languageSuffix: "zh",
                               name: "x", bundleDirectory: "content/news/x", translationStem: "news/x")
        return Item(file: file, frontMatter: frontMatter, language: "zh", slug: "x", translationKey: "key:agreement",
                    bodyFirstLine: 9, contentHash: 0xFEED_FACE_CAFE_BEEF)
    }

    static func roundTrip<Value: CacheStorable>(_ value: Value) throws -> Value {
        var writer = CacheWriter()
        value.store(in: &writer)
        return try writer.bytes.withUnsafeBytes { bytes in
            var reader = CacheReader(bytes)
            let read = try Value(from: &reader)
            #expect(reader.isAtEnd)
            return read
        }
    }

    /// Names of `value`'s stored properties that hold an empty or default-looking value.
    static func unsetProperties(of value: Any) -> [String] {
        Mirror(reflecting: value).children.compactMap { child in
            ["nil", "[]", "[:]", "false", "0", "\"\""].contains(String(describing: child.value)) ? child.label : nil
        }
    }

    @Test func theSampleSetsEveryProperty() {
        #expect(Self.unsetProperties(of: Self.frontMatter.fields) == [])
        #expect(Self.unsetProperties(of: Self.item.fields) == [])
        #expect(Self.unsetProperties(of: Self.item.file) == [])
    }

    @Test func anItemWithEveryPropertySetRoundTrips() throws {
        #expect(try Self.roundTrip(Self.item) == Self.item)
        var file = Self.item.file
        file.section = nil
        let withoutOptionals = Item(file: file, frontMatter: FrontMatter(), language: "en", slug: "x", translationKey: "k",
                                    bodyFirstLine: 1, contentHash: 0)
        #expect(try Self.roundTrip(withoutOptionals) == withoutOptionals)
    }

    @Test func diagnosticsAndMarkdownFactsRoundTrip() throws {
        let counted = CountedTerms(String(repeating: "agreement 网络 ", count: 200))
        let diagnostics = [Diagnostic.warning("w", path: "content/a.md"), .error("e", path: "b", line: 3, column: 7, hint: "h")]
        let facts = MarkdownFacts(contentHash: 1, links: [LinkReference(destination: "a.md", isImage: false), LinkReference(destination: "p.png", isImage: true)],
                                  resolutions: 2, extras: PageExtras(summary: "S", readingMinutes: 4, imageURL: "/i.png", thumbnail: ("/t.png", "alt")),
                                  diagnostics: diagnostics, searchTerms: counted.terms,
                                  searchTextDigest: UInt64.max - 1)
        let read = try Self.roundTrip(facts)
        #expect(read.searchTerms == facts.searchTerms && read.searchTerms?.counts(in: counted.lexicon)["agreement"] == 200)
        #expect(read.searchTextDigest == UInt64.max - 1)
        #expect(read.contentHash == 1 && read.resolutions == 2 && read.links == facts.links && read.diagnostics == diagnostics)
        #expect(read.extras.summary == "S" && read.extras.readingMinutes == 4 && read.extras.imageURL == "/i.png")
        #expect(read.extras.thumbnail?.url == "/t.png" && read.extras.thumbnail?.alt == "alt")
        #expect(Self.unsetProperties(of: facts) == [] && Self.unsetProperties(of: facts.extras) == ["contentHTML"])
        #expect(try Self.roundTrip(Int.min) == Int.min && Self.roundTrip(Int.max) == Int.max && Self.roundTrip(-1) == -1)
    }

    @Test func damagedBytesThrowInsteadOfCrashing() throws {
        var writer = CacheWriter()
        Self.item.store(in: &writer)
        let bytes = writer.bytes
        for cut in stride(from: 0, to: bytes.count - 1, by: max(1, bytes.count / 40)) {
            #expect(throws: CacheReader.Damage.self) {
                try Array(bytes[..<cut]).withUnsafeBytes { buffer in
                    var reader = CacheReader(buffer)
                    _ = try Item(from: &reader)
                }
            }
        }
        #expect(throws: CacheReader.Damage.self) {
            try [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01].withUnsafeBytes { buffer in
                var reader = CacheReader(buffer)
                _ = try reader.array(of: String.self)
            }
        }
    }
}
