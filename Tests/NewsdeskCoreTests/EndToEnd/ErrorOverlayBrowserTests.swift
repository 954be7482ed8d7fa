import Foundation
import Testing
@testable import NewsdeskCore

/// The preview's error overlay in a real browser (headless Chromium) on a phone-sized window:
/// one block per problem, the place first, nothing wider than the screen, and its own words in
/// the page's language.
@Suite("Error overlay in a browser")
struct ErrorOverlayBrowserTests {
    static let overlay = ErrorOverlay(diagnostics: [
        .error("'23/11/2023' is a date in a form newsdesk does not read",
               path: "content/news/2023-11-23-cybersecurity-cooperation-agreement-with-a-long-name.zh.md", line: 3, column: 7,
               hint: "write 2023-11-23 (year-month-day), or 2023-11-23T09:30:00+08:00 with a time"),
        .error("the required field 'title' is missing: 'titel' looks like a misspelling of it", path: "content/news/a.md",
               line: 2, column: 1, hint: "rename 'titel:' to 'title:'"),
    ])

    /// A page in `lang` whose event stream delivers one `failed` event, and which then notes
    /// what the overlay looks like in attributes of `<body>` for `--dump-dom` to show.
    static func page(lang: String) throws -> String {
        // The event's data is the overlay's JSON text, written here as a JavaScript string.
        let report = String(decoding: try JSONEncoder().encode(Self.overlay.json), as: UTF8.self)
        return """
            <!doctype html><html lang="\(lang)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>t</title></head><body><p>Page</p>
            <script>
            window.EventSource = function () {
              var self = this; this.listeners = {};
              this.addEventListener = function (name, listener) { self.listeners[name] = listener; };
              setTimeout(function () { self.listeners.failed({ data: \(report) }); }, 10);
            };
            setTimeout(function () {
              var box = document.getElementById("newsdesk-error-overlay");
              var blocks = box.querySelectorAll("section");
              var widest = 0;
              box.querySelectorAll("*").forEach(function (element) { widest = Math.max(widest, element.getBoundingClientRect().right); });
              document.body.setAttribute("data-blocks", String(blocks.length));
              document.body.setAttribute("data-first-place", blocks[0].firstChild.textContent);
              document.body.setAttribute("data-fits", String(widest <= window.innerWidth && box.scrollWidth <= box.clientWidth));
              document.body.setAttribute("data-title", box.querySelector("h2").textContent);
            }, 200);
            </script>
            <script>\(LiveReloadScript.source)</script></body></html>
            """
    }

    func render(lang: String) throws -> String {
        let folder = try TemporaryDirectory()
        try folder.write("page.html", try Self.page(lang: lang))
        let (status, output) = try ExternalTool.run([
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--window-size=390,844", "--virtual-time-budget=3000",
            "--dump-dom", folder.url.appendingPathComponent("page.html").absoluteString,
        ])
        #expect(status == 0, "\(output)")
        return output
    }

    @Test func onAPhoneEachProblemIsABlockThatFitsInThePagesLanguage() throws {
        let chinese = try render(lang: "zh-CN")
        #expect(chinese.contains("data-blocks=\"2\""))
        #expect(chinese.contains("data-first-place=\"content/news/2023-11-23-cybersecurity-cooperation-agreement-with-a-long-name.zh.md:3:7\""))
        #expect(chinese.contains("data-fits=\"true\""))
        #expect(chinese.contains("data-title=\"最近的修改使构建失败（2 个错误），下面显示的是上一个正确的版本。\""))
        #expect(chinese.contains(">隐藏</button>"))

        let english = try render(lang: "en")
        #expect(english.contains("data-title=\"The last change broke the build (2 errors); showing the last good version.\""))
        #expect(english.contains(">Hide</button>"))
    }
}
