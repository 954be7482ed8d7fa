import Testing
@testable import NewsdeskCore

/// The cache's binary form gives back exactly what was stored, and refuses damaged bytes.
@Suite("Binary coding of cache entries")
struct BinaryCodingTests {
    static var frontMatter: FrontMatter {
        var fm = FrontMatter()
        fm.title = "网络安全 “quoted” & <tagged>"
        fm.date = NewsDate(secondsSinceEpoch: -86_400, hasTime: false)
        fm.tags = ["a", "", "国际合作"]
        fm.imageAlt = ""
        fm.draft = true
        fm.params = ["nested": .map([("list", .list([.null, .bool(false), .string("x")])), ("empty", .map([]))]), "none": .null]
        fm.paramOrder = ["nested", "none"]
        fm.lines = ["title": 2, "date": 3]
        return fm
    }

    @Test func frontMatterWithEveryKindOfValueRoundTrips() throws {
        let bytes = try BinaryCoding.encode(Self.frontMatter)
        #expect(try BinaryCoding.decode(FrontMatter.self, from: bytes) == Self.frontMatter)
    }

    @Test func optionalsAndDiagnosticsRoundTrip() throws {
        let diagnostics = [Diagnostic.warning("w", path: "content/a.md"), .error("e", path: "b", line: 3, column: 7, hint: "h")]
        let values: [String?] = [nil, "", "x"]
        #expect(try BinaryCoding.decode([Diagnostic].self, from: BinaryCoding.encode(diagnostics)) == diagnostics)
        #expect(try BinaryCoding.decode([String?].self, from: BinaryCoding.encode(values)) == values)
        #expect(try BinaryCoding.decode([Int64].self, from: BinaryCoding.encode([Int64.min, -1, 0, Int64.max])) == [Int64.min, -1, 0, Int64.max])
    }

    @Test func damagedBytesThrowInsteadOfCrashing() throws {
        let bytes = try BinaryCoding.encode(Self.frontMatter)
        for cut in stride(from: 0, to: bytes.count - 1, by: max(1, bytes.count / 40)) {
            #expect(throws: (any Error).self) { try BinaryCoding.decode(FrontMatter.self, from: Array(bytes[..<cut])) }
        }
        #expect(throws: (any Error).self) { try BinaryCoding.decode(FrontMatter.self, from: [7, 1, 2]) }
    }
}
