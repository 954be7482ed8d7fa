import Foundation
import Testing
@testable import NewsdeskCore

/// The official Mustache spec (github.com/mustache/spec, vendored with its licence in
/// Tests/Fixtures/mustache-spec) run against the template engine: every test of every
/// required file, and of the optional `~inheritance` module that themes use for layouts.
///
/// `~lambdas` is not run: lambdas are code in the data, and a theme's data is front matter and
/// configuration, which cannot hold code. `~dynamic-names` is not run: themes name their
/// partials literally, which lets the loader report a missing or circular partial before a
/// build.
@Suite("Mustache spec")
struct MustacheSpecTests {
    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]

    @Test(arguments: try MustacheSpecCase.all(in: files))
    func specTest(_ test: MustacheSpecCase) throws {
        var library = TemplateLibrary()
        for (name, text) in test.partials {
            library.register(try TemplateParser.parse(text).get(), named: name)
        }
        library.register(try TemplateParser.parse(test.template).get(), named: MustacheSpecCase.templateName)
        let rendered = try #require(library.renderBytes(test.data, template: MustacheSpecCase.templateName))
        #expect(String(decoding: rendered, as: UTF8.self) == test.expected, "\(test.description)")
    }

    /// A vendored file that lost its tests would otherwise pass by running nothing.
    @Test func everyVendoredFileHoldsItsTests() throws {
        let counts = try Self.files.map { try MustacheSpecCase.all(in: [$0]).count }
        #expect(counts == [12, 14, 42, 22, 12, 34, 27])
    }
}

/// One test of the spec: a template, its data and partials, and the exact output expected.
struct MustacheSpecCase: Sendable, CustomTestStringConvertible {
    /// The name the template under test is registered with; no spec partial uses it.
    static let templateName = "spec template under test"

    var file: String
    var name: String
    var description: String
    var template: String
    var data: TemplateData
    var partials: [String: String]
    var expected: String

    var testDescription: String { "\(file): \(name)" }

    static let folder = TestSite.fixtures.appendingPathComponent("mustache-spec")

    static func all(in files: [String]) throws -> [MustacheSpecCase] {
        try files.flatMap { file in
            let json = try Data(contentsOf: folder.appendingPathComponent("\(file).json"))
            return try JSONDecoder().decode(SpecFile.self, from: json).tests.map { test in
                MustacheSpecCase(file: file, name: test.name, description: test.desc, template: test.template,
                                 data: test.data.templateData, partials: test.partials ?? [:], expected: test.expected)
            }
        }
    }

    private struct SpecFile: Decodable {
        var tests: [SpecTest]
    }

    private struct SpecTest: Decodable {
        var name: String
        var desc: String
        var data: JSONValue
        var template: String
        var partials: [String: String]?
        var expected: String
    }
}

/// A JSON value of a spec test's data.
private enum JSONValue: Decodable {
    case null, bool(Bool), int(Int), decimal(Double), string(String), list([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .decimal(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .list(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// JSON as templates see it. `TemplateData` has no floating-point case (nothing a page
    /// shows is a fraction), so a decimal arrives as its text, the way front matter keeps it.
    var templateData: TemplateData {
        switch self {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .int(let value): return .int(value)
        case .decimal(let value): return .string(String(value))
        case .string(let value): return .string(value)
        case .list(let values): return .list(values.map(\.templateData))
        case .object(let fields): return .object(fields.mapValues(\.templateData))
        }
    }
}
