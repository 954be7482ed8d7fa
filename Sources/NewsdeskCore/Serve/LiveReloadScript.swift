/// The script every HTML page gets in `newsdesk serve`, and nowhere else: published pages
/// never contain it because it is added to responses, not to the build.
public enum LiveReloadScript {
    /// Reserved for the preview's own endpoints; no site file lives under it.
    public static let prefix = "/__newsdesk/"
    public static let scriptPath = "/__newsdesk/live-reload.js"
    public static let eventsPath = "/__newsdesk/events"

    /// Adds `<script src=… data-generation=N>` before the last `</body>` (or at the end when
    /// there is none). The generation lets the script notice a rebuild that happened between
    /// loading the page and connecting to the event stream.
    public static func inject(into html: [UInt8], generation: Int) -> [UInt8] {
        let tag = Array("<script src=\"\(scriptPath)\" data-generation=\"\(generation)\"></script>\n".utf8)
        guard let position = lastClosingBody(in: html) else { return html + tag }
        var result = html
        result.insert(contentsOf: tag, at: position)
        return result
    }

    /// Index of the last `</body` (any case), searched from the end: templates put it last.
    static func lastClosingBody(in html: [UInt8]) -> Int? {
        let needle = Array("</body".utf8)
        guard html.count >= needle.count else { return nil }
        var start = html.count - needle.count
        while start >= 0 {
            var matches = true
            for offset in 0..<needle.count where html[start + offset] | 0x20 != needle[offset] | 0x20 {
                matches = false
                break
            }
            if matches { return start }
            start -= 1
        }
        return nil
    }

    /// Listens on the event stream. `reload` reloads the page; `stylesheets` re-fetches every
    /// stylesheet with a new query; `failed` shows the diagnostics above the last good page.
    /// The overlay is built with DOM calls and `textContent`, never from HTML strings.
    public static let source = #"""
    (function () {
      "use strict";
      if (!window.EventSource) { return; }
      var script = document.currentScript;
      var shown = script ? Number(script.getAttribute("data-generation")) : 0;
      var overlayId = "newsdesk-error-overlay";

      function removeOverlay() {
        var old = document.getElementById(overlayId);
        if (old) { old.parentNode.removeChild(old); }
      }

      // The overlay's words in the page's language (zh-Hans finds zh), else English.
      function wordsFor(report) {
        var lang = (document.documentElement.lang || "en").toLowerCase();
        return report.words[lang] || report.words[lang.split("-")[0]] || report.words.en;
      }

      function showOverlay(report) {
        removeOverlay();
        var words = wordsFor(report);
        var box = document.createElement("div");
        box.id = overlayId;
        box.setAttribute("role", "alert");
        box.setAttribute("lang", words === report.words.en ? "en" : document.documentElement.lang);
        box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:1rem;box-sizing:border-box;" +
          "background:rgba(20,20,24,0.96);color:#f4f4f5;font:16px/1.5 system-ui,sans-serif;overflow-wrap:anywhere";
        var title = document.createElement("h2");
        title.textContent = words.title;
        title.style.cssText = "margin:0 0 1rem;color:#fca5a5;font-size:1.15rem";
        box.appendChild(title);
        // One block per problem, the place first: on a narrow screen nothing runs off the side.
        report.problems.forEach(function (problem) {
          var block = document.createElement("section");
          block.style.cssText = "margin:0 0 1rem;padding:0.75rem;border-left:4px solid #f87171;background:rgba(255,255,255,0.06)";
          var place = document.createElement("p");
          place.textContent = problem.place;
          place.style.cssText = "margin:0 0 0.25rem;font:600 14px/1.4 ui-monospace,monospace;color:#fde68a;word-break:break-all";
          var message = document.createElement("p");
          message.textContent = problem.message;
          message.style.cssText = "margin:0;white-space:pre-wrap";
          block.appendChild(place);
          block.appendChild(message);
          if (problem.hint) {
            var hint = document.createElement("p");
            hint.textContent = problem.hint;
            hint.style.cssText = "margin:0.25rem 0 0;color:#bbf7d0;white-space:pre-wrap";
            block.appendChild(hint);
          }
          box.appendChild(block);
        });
        var note = document.createElement("p");
        note.textContent = words.note;
        var close = document.createElement("button");
        close.type = "button";
        close.textContent = words.hide;
        close.style.cssText = "font:inherit;padding:0.5rem 1rem;min-height:44px";
        close.onclick = removeOverlay;
        box.appendChild(note);
        box.appendChild(close);
        document.body.appendChild(box);
      }

      function refreshStylesheets(generation) {
        var links = document.querySelectorAll("link[rel~='stylesheet'][href]");
        for (var i = 0; i < links.length; i++) {
          var url = new URL(links[i].href, location.href);
          url.searchParams.set("newsdesk", String(generation));
          links[i].href = url.toString();
        }
      }

      var events = new EventSource("/__newsdesk/events");
      events.addEventListener("reload", function (event) {
        var generation = JSON.parse(event.data).generation;
        if (generation !== shown) { location.reload(); }
      });
      events.addEventListener("stylesheets", function (event) {
        shown = JSON.parse(event.data).generation;
        removeOverlay();
        refreshStylesheets(shown);
      });
      events.addEventListener("failed", function (event) {
        showOverlay(JSON.parse(event.data));
      });
    })();
    """#
}
