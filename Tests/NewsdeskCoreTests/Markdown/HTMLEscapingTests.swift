import Testing
@testable import NewsdeskCore

/// Pins the byte-level escaping and URL checks against the scalar-level versions they replaced.
@Suite("HTML escaping")
struct HTMLEscapingTests {
    static func escapeByScalars(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static let texts = ["", "plain", "a & b", "<h2 id=\"x\">", "'single'", "中文 & “引号” <标签>", "e\u{301}&\u{301}", "\r\n<\r\n>",
                        "👩‍👩‍👧 & 🇨🇳", String(repeating: "长文本 ", count: 40) + "&", "&amp;", "\u{0}<"]

    @Test func bytesEscapeAsScalarsDid() {
        for text in Self.texts {
            #expect(Array(HTMLEscaping.escape(text).utf8) == Array(Self.escapeByScalars(text).utf8), "\(text.debugDescription)")
            let sliced = String("[\(text)]".dropFirst().dropLast())
            #expect(Array(HTMLEscaping.escape(sliced).utf8) == Array(Self.escapeByScalars(sliced).utf8), "\(text.debugDescription)")
        }
    }

    @Test func plainPathsAreKeptAndOthersEncoded() {
        #expect(URLBuilder.encode("news/2023/a-b_c.d~e/") == "news/2023/a-b_c.d~e/")
        #expect(URLBuilder.encode("news/网络 安全/") == "news/%E7%BD%91%E7%BB%9C%20%E5%AE%89%E5%85%A8/")
        #expect(URLBuilder.encode("news/%E7%BD%91/") == "news/%E7%BD%91/")
        #expect(URLBuilder.encode("a?b#c") == "a%3Fb%23c")
    }
}
