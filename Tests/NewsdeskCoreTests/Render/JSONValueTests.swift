import Foundation
import Testing
@testable import NewsdeskCore

/// `JSONValue` writes JSON that Foundation's parser reads back as the same values, and that
/// never ends an HTML script element.
@Suite("JSON written for pages")
struct JSONValueTests {
    static let awkward = [
        "", "plain", "quote \" and backslash \\", "</script><script>alert(1)</script>", "<!-- & -->", "line\nbreak\r\ttab",
        "\u{0}\u{1}\u{1F}\u{7F}", "网络安全 “合作”", "emoji 🎓 and \u{2028}separators\u{2029}", "é\u{301} combining", "/slash/",
    ]

    @Test(arguments: awkward)
    func everyStringReadsBackAsItWasAndStaysInsideTheScript(_ text: String) throws {
        let bytes = JSONValue.object([("text", .string(text)), ("list", .array([.string(text), .int(-42), .bool(true), .null]))]).bytes
        let written = String(decoding: bytes, as: UTF8.self)
        #expect(!written.contains("<") && !written.contains(">") && !written.contains("&"))
        #expect(!written.contains("\u{2028}") && !written.contains("\u{2029}"))
        let read = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(read["text"] as? String == text)
        let list = try #require(read["list"] as? [Any])
        #expect(list[0] as? String == text && list[1] as? Int == -42 && list[2] as? Bool == true && list[3] is NSNull)
    }

    @Test func randomTextRoundTrips() throws {
        var generator = SeededGenerator(state: 2023)
        let alphabet: [String] = ["a", "b", "\"", "\\", "<", ">", "&", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{2028}", "\u{2029}",
                                  "网", "络", "😀", "é", " ", "\u{301}"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...80, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let bytes = JSONValue.array([.string(text)]).bytes
            let read = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String])
            #expect(read == [text])
        }
    }

    /// Long runs are checked eight bytes at a time (`EscapeBytes`): a character to escape is
    /// found at every place of a run, whichever block of eight it falls in.
    @Test(arguments: ["\"", "\\", "<", ">", "&", "\n", "\u{1F}", "\u{2028}", "\u{2029}", "–"])
    func aCharacterToEscapeIsFoundAnywhereInALongRun(_ special: String) throws {
        for position in 0..<48 {
            let text = String(repeating: "a", count: position) + special + String(repeating: "b", count: 47 - position)
            let bytes = JSONValue.string(text).bytes
            let written = String(decoding: bytes, as: UTF8.self)
            // A quote or backslash left as it is would not read back.
            #expect(!written.contains { "<>&\n\u{1F}\u{2028}\u{2029}".contains($0) }, "\(position)")
            #expect(try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String == text, "\(position)")
        }
    }

    @Test func membersKeepTheirOrderAndLeaveOutNil() {
        let value = JSONValue.members([("@type", .string("Thing")), ("name", nil), ("a", .int(1))])
        #expect(String(decoding: value.bytes, as: UTF8.self) == #"{"@type":"Thing","a":1}"#)
    }

    @Test(arguments: 0..<8)
    func theEightByteSearchFindsEveryByteThatMayNeedAnEscapeAndNoOther(place: Int) {
        let escaped: Set<UInt8> = Set(0..<0x20).union([0x22, 0x5C, 0x3C, 0x3E, 0x26, 0xE2])
        EightByteBlocks.forEveryByte(inPlace: place, fillers: [0x61, 0x00, 0xFF, 0x22, 0x7F, 0xE2, 0x20]) { bytes, block in
            let found = EscapeBytes.found(in: block)
            for (offset, byte) in bytes.enumerated() {
                #expect(EightByteBlocks.mark(found, at: offset) == (escaped.contains(byte) ? 0x80 : 0), "\(bytes) at \(offset)")
            }
        }
    }
}
