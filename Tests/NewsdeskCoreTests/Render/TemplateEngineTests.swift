import Foundation
import Testing
@testable import NewsdeskCore

/// The Mustache a theme designer writes, as the spec (mustache.github.io) defines it, plus
/// the truthiness Hugo and mustache.js users expect.
@Suite("Template engine")
struct TemplateEngineTests {
    /// Renders `template` (named "page") with `partials` beside it.
    func render(_ template: String, _ data: TemplateData, partials: [String: String] = [:]) throws -> String {
        var library = TemplateLibrary()
        for (name, text) in partials.merging(["page": template], uniquingKeysWith: { _, page in page }) {
            library.register(try TemplateParser.parse(text).get(), named: name)
        }
        return String(decoding: try #require(library.renderBytes(data, template: "page")), as: UTF8.self)
    }

    func syntaxError(_ template: String) -> TemplateSyntaxError? {
        if case .failure(let error) = TemplateParser.parse(template) { return error }
        return nil
    }

    @Test func variablesAreEscapedUnlessTripleOrAmpersand() throws {
        let data: TemplateData = ["title": "Fish & <Chips> \"'"]
        #expect(try render("{{title}}|{{{title}}}|{{& title}}", data)
            == "Fish &amp; &lt;Chips&gt; &quot;&#39;|Fish & <Chips> \"'|Fish & <Chips> \"'")
    }

    @Test func renderedMarkdownPrintsAsItIsOnlyInTripleMustaches() throws {
        let data: TemplateData = ["content": .html(Array("<p>Fish &amp; chips</p>\n".utf8)), "empty": .html([])]
        #expect(try render("{{{content}}}|{{& content}}|{{content}}|{{#empty}}shown{{/empty}}{{^empty}}hidden{{/empty}}", data)
            == "<p>Fish &amp; chips</p>\n|<p>Fish &amp; chips</p>\n|&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;\n|hidden")
        // In an indented partial it starts after the indentation, as any value does.
        #expect(try render("<div>\n  {{> body}}\n</div>\n", data, partials: ["body": "{{{content}}}\n"]) == "<div>\n  <p>Fish &amp; chips</p>\n\n</div>\n")
    }

    @Test func embeddedJSONPrintsAsWrittenAndItsDigestFollowsEveryMember() throws {
        let json = JSONValue.array([.object([("@type", .string("Thing")), ("name", .string("</script> & more")), ("n", .int(2))])])
        let data: TemplateData = ["ld": .json(json)]
        let written = String(decoding: json.bytes, as: UTF8.self)
        #expect(try render("{{#ld}}<script>{{{ld}}}</script>{{/ld}}|{{ld}}", data)
            == "<script>\(written)</script>|" + render("{{text}}", ["text": .string(written)]))
        #expect(!written.contains("</script>"))
        let edits: [JSONValue] = [
            .array([.object([("@type", .string("Thing")), ("name", .string("</script> & more")), ("n", .int(3))])]),
            .array([.object([("name", .string("</script> & more")), ("@type", .string("Thing")), ("n", .int(2))])]),
            .array([.object([("@type", .string("Thing")), ("name", .string("</script> & more"))])]),
        ]
        for edit in edits { #expect(TemplateData.json(edit).digest != TemplateData.json(json).digest) }
        #expect(TemplateData.json(json) == .json(json) && TemplateData.json(json) != .html(json.bytes))
    }

    @Test func valuesPrintAsTextAndMissingNamesPrintNothing() throws {
        let data: TemplateData = ["n": 42, "yes": true, "no": false, "list": [1, 2], "object": ["a": 1]]
        #expect(try render("{{n}} {{yes}} {{no}} [{{list}}] [{{object}}] [{{missing}}] [{{n.deeper}}]", data)
            == "42 true false [] [] [] []")
    }

    @Test func namesAreFoundFromTheInnermostSectionOutwards() throws {
        let data: TemplateData = ["title": "Site", "page": ["title": "Page", "author": "Li"], "items": [["title": "One"], ["name": "Two"]]]
        #expect(try render("{{#page}}{{title}}/{{author}}{{/page}} {{#items}}[{{title}}]{{/items}}", data)
            == "Page/Li [One][Site]")
    }

    /// Once the first part of a dotted name is found, the rest is looked up only there.
    @Test func dottedNamesDoNotClimbBackOut() throws {
        let data: TemplateData = ["a": ["b": [:]], "c": "outer"]
        #expect(try render("{{#a.b}}[{{a.b.c}}][{{c}}]{{/a.b}}", data) == "[][outer]")
    }

    @Test func falsyValuesHideSectionsAndShowInvertedOnes() throws {
        // Text that is the number zero too: front matter keeps `featured: 0` as the text "0".
        for falsy: TemplateData in [.null, false, 0, "", [], "0", "-0", "+0", "00", "0.0", ".0", "0."] {
            #expect(try render("{{#v}}shown{{/v}}{{^v}}hidden{{/v}}", ["v": falsy]) == "hidden")
        }
        for truthy: TemplateData in [true, 1, "x", [1], [:], "0.5", "10", "0x0", "-", ".", "0.0.0", "0 ", " "] {
            #expect(try render("{{#v}}shown{{/v}}{{^v}}hidden{{/v}}", ["v": truthy]) == "shown")
        }
        #expect(try render("{{^missing}}absent{{/missing}}", [:]) == "absent")
    }

    @Test func listsRepeatTheirSectionWithTheItemAsTheCurrentValue() throws {
        #expect(try render("{{#tags}}<{{.}}>{{/tags}}", ["tags": ["a", "b&c"]]) == "<a><b&amp;c>")
        #expect(try render("{{#name}}[{{.}}]{{/name}}", ["name": "Li"]) == "[Li]")
    }

    @Test func tagsAloneOnTheirLineTakeTheLineWithThem() throws {
        let template = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n  {{! a comment }}\n</ul>\r\n  {{^items}}\r\nnone\n{{/items}}"
        #expect(try render(template, ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\r\n")
        // Not alone: the surrounding text stays.
        #expect(try render("a {{#t}}b{{/t}} c\n", ["t": true]) == "a b c\n")
    }

    @Test func standalonePartialsIndentEveryLineButNotTheirData() throws {
        let partials = ["partials/list": "<ol>\n{{#items}}\n<li>{{{.}}}</li>\n{{/items}}\n\n</ol>\n"]
        let rendered = try render("<div>\n  {{> partials/list}}\n</div>\n", ["items": ["a", "x\ny"]], partials: partials)
        #expect(rendered == "<div>\n  <ol>\n  <li>a</li>\n  <li>x\ny</li>\n\n  </ol>\n</div>\n")
        #expect(try render("[{{> partials/inline}}]", ["v": 1], partials: ["partials/inline": "{{v}}\n"]) == "[1\n]")
        #expect(try render("[{{> partials/missing}}]", [:]) == "[]")
    }

    @Test func delimitersCanBeChanged() throws {
        #expect(try render("{{=<% %>=}}\n<% title %> {{title}} <%={{ }}=%>{{title}}", ["title": "T"]) == "T {{title}} T")
    }

    @Test func childTemplatesFillTheBlocksOfTheirParent() throws {
        let partials = [
            "base": "<title>{{$title}}Site{{/title}}</title>\n<main>\n{{$content}}{{/content}}\n</main>\n",
            "middle": "{{<base}}{{$title}}Middle{{/title}}{{$content}}middle content{{/content}}{{/base}}",
        ]
        #expect(try render("{{<base}}\n{{$content}}\n<p>{{text}}</p>\n{{/content}}\n{{/base}}\n", ["text": "Hi"], partials: partials)
            == "<title>Site</title>\n<main>\n<p>Hi</p>\n\n</main>\n")
        // The outermost child wins; the blocks it does not fill come from the nearer parent.
        #expect(try render("{{<middle}}{{$content}}mine{{/content}}{{/middle}}", [:], partials: partials)
            == "<title>Middle</title>\n<main>\nmine\n</main>\n")
    }

    @Test func syntaxErrorsSayWhereAndWhat() throws {
        let mismatched = try #require(syntaxError("a\n{{#items}}\n  {{/item}}\n"))
        #expect((mismatched.line, mismatched.column) == (3, 3))
        #expect(mismatched.message == "{{/item}} closes the section 'items' opened on line 2")
        let unclosed = try #require(syntaxError("x\n  {{#items}}\n"))
        #expect((unclosed.line, unclosed.column, unclosed.message) == (2, 3, "the section 'items' is never closed"))
        let unfinished = try #require(syntaxError("中文 {{title\n"))
        #expect((unfinished.line, unfinished.column, unfinished.message) == (1, 4, "a tag is not finished (missing }})"))
        #expect(syntaxError("{{}}")?.message == "a tag has no name")
        #expect(syntaxError("{{/x}}")?.message == "{{/x}} closes a section that was never opened")
        #expect(syntaxError("{{=<%=}}")?.message == "a set-delimiter tag is malformed")
    }

    /// The spec's inheritance module: text inside `{{<parent}}` is ignored, a line of several
    /// tags that print nothing is standalone, and blocks are re-indented where they are shown.
    @Test func inheritanceFollowsTheSpecsLayoutRules() throws {
        let partials = ["base": "<main>\n  {{$content}}\n  {{/content}}\n</main>\n{{$empty}}{{/empty}}\n"]
        #expect(try render("{{<base}}\nstray {{text}}\n{{$content}}\n    <p>{{text}}</p>\n    <p>2</p>\n{{/content}}{{/base}}\n", ["text": "Hi"],
                           partials: partials)
            == "<main>\n  <p>Hi</p>\n  <p>2</p>\n</main>\n\n")
        #expect(try render("a\n  {{#t}}{{! note }}\nb\n{{/t}}{{^t}}{{/t}}\n", ["t": true]) == "a\nb\n")
    }

    @Test func missingAndCircularPartialsAreReportedBeforeRendering() throws {
        func references(_ text: String) throws -> [TemplateReference] { try TemplateParser.parse(text).get().references }
        let check = TemplateReferenceCheck(references: [
            "a": ("themes/t/templates/a.mustache", try references("x\n {{> b}}\n{{> nowhere}}")),
            "b": ("themes/t/templates/b.mustache", try references("{{#list}}{{> a}}{{/list}}")),
            "c": ("themes/t/templates/c.mustache", try references("{{> a}}")),
        ], templateNames: ["a", "b", "c"])
        let problems = check.problems()
        #expect(problems.map(\.message) == ["the partial 'nowhere' does not exist", "the templates include each other: a → b → a"])
        #expect(problems.map(\.line) == [3, 2])
        #expect(problems.map(\.column) == [1, 2])
    }

    /// The loader refuses such themes; the renderer still stops rather than recursing forever.
    @Test func aTemplateIncludingItselfStopsAtTheDepthLimit() throws {
        let rendered = try render("{{> page}}x", [:])
        #expect(rendered == String(repeating: "x", count: TemplateRenderer.maximumDepth + 1))
    }

    @Test func escapingMatchesEntityReplacementOnRandomText() {
        var generator = SeededGenerator(state: 7)
        let alphabet = Array("ab <>&\"'中文é\n")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let expected = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "'", with: "&#39;")
            var appended = Array("prefix".utf8)
            HTMLEscaping.append(text, to: &appended)
            #expect(String(decoding: appended, as: UTF8.self) == "prefix" + expected)
            #expect(HTMLEscaping.escape(text) == expected)
        }
    }
}
