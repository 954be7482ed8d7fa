import Testing
@testable import NewsdeskCore

/// A theme's own copy of the search client must read the index format this newsdesk writes;
/// a copy from before a format change is reported at the file, where the format is declared.
@Suite struct SearchScriptCheckTests {
    static let scriptPath = "themes/default/static/js/search.js"
    static let site = ["content/news/a.md": TestSite.item(title: "Agreement signed")]

    static func warnings(_ files: [String: String]) async -> [Diagnostic] {
        let (result, _) = await TestSite.build(files)
        #expect(result.succeeded, "an out-of-date script is a warning, not a failed build: \(result.diagnostics.summary)")
        return result.diagnostics.filter { $0.path == scriptPath }
    }

    @Test func theRepositorysThemeIsNotReported() async {
        #expect(await Self.warnings(Self.site).isEmpty)
    }

    @Test func aScriptReadingAnotherFormatIsReportedWhereItSaysSo() async throws {
        let old = "(function () {\n  'use strict';\n  /* 索引格式 */ var FORMAT = 3;\n}());\n"
        let found = await Self.warnings(Self.site.merging([Self.scriptPath: old]) { $1 })
        #expect(found.count == 1)
        let warning = try #require(found.first)
        #expect(warning.severity == .warning)
        #expect(warning.line == 3)
        // Characters as the editor counts them: the Chinese comment is four of them.
        #expect(warning.column == 27)
        #expect(warning.message.contains("format 3"))
        #expect(warning.message.contains("format \(SearchIndexLayout.format)"))
        #expect(warning.hint?.contains("newsdesk theme copy") == true)
    }

    @Test func aScriptThatDeclaresNoFormatIsReportedForTheWholeFile() async {
        let old = "fetch('index.json').then(function (r) { return r.json(); });\n"
        let found = await Self.warnings(Self.site.merging([Self.scriptPath: old]) { $1 })
        #expect(found.count == 1)
        #expect(found.first?.line == nil)
        #expect(found.first?.message.contains("does not say which search index format") == true)
    }

    @Test func aSiteWithoutSearchDoesNotCheckTheScript() async {
        var files = Self.site.merging([Self.scriptPath: "var FORMAT = 1;\n"]) { $1 }
        files["content/site.yml"] = "title: T\nsearch:\n  enabled: false\n"
        #expect(await Self.warnings(files).isEmpty)
    }

    @Test func theDeclarationIsTheWholeWordFormatGivenANumber() {
        #expect(SearchScriptCheck.declaredFormat(in: "var INDEX_FORMAT = 9;\nif (m.format !== FORMAT) x();\n") == nil)
        #expect(SearchScriptCheck.declaredFormat(in: "var FORMATS = 2;\nconst FORMAT=5;\n").map { [$0.format, $0.line, $0.column] } == [5, 2, 14])
        #expect(SearchScriptCheck.declaredFormat(in: "FORMAT = x;\n") == nil)
    }
}
