import Testing
@testable import NewsdeskCore

/// The scanner finds the end of an ASCII word eight bytes at a time (`ASCIIWordBytes`) and
/// knows a short spelling by its bytes as one integer (`ShortSpellings`).
@Suite("Eight bytes at a time")
struct ASCIIWordBytesTests {
    /// The byte-at-a-time rule the eight-byte test stands for.
    static func isWordByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    @Test(arguments: 0..<8)
    func everyByteValueInEveryPlaceIsClassedAsAlone(place: Int) {
        for value in 0...255 {
            for filler: UInt8 in [0x61, 0x20, 0xFF, 0x00, 0x39, 0x5A, 0x80] {
                var bytes = [UInt8](repeating: filler, count: 8)
                bytes[place] = UInt8(value)
                let block = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
                let stops = ASCIIWordBytes.stops(in: block)
                for (offset, byte) in bytes.enumerated() {
                    let stop = stops >> UInt64(8 * offset) & 0xFF
                    #expect(stop == (Self.isWordByte(byte) ? 0 : 0x80), "byte \(byte) at \(offset) among \(bytes)")
                }
            }
        }
    }

    @Test func aPrefixKeepsItsFirstBytesOnly() {
        let block: UInt64 = 0x0807_0605_0403_0201
        #expect(ASCIIWordBytes.prefix(block, length: 1) == 0x01)
        #expect(ASCIIWordBytes.prefix(block, length: 3) == 0x03_0201)
        #expect(ASCIIWordBytes.prefix(block, length: 8) == block)
    }

    @Test func wordsEndWhereTheByteRuleSaysInTextsOfEveryLengthAndAlignment() {
        var random = SeededGenerator(state: 99)
        let alphabet = Array("aZ09 .,-_é\u{00A0}网Ａ".utf8)
        for _ in 0..<400 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? 0x61 }
            let text = String(decoding: bytes, as: UTF8.self)
            // The words of the text by the byte rule, for text that is ASCII around them.
            let words = text.split { !($0.isASCII && Self.isWordByte(UInt8($0.asciiValue ?? 0))) }
            let asciiOnly = text.allSatisfy(\.isASCII)
            if asciiOnly {
                #expect(SearchTokenizer.terms(text) == words.map { SearchTokenizer.terms(String($0)).first ?? "" }, "\(text)")
            }
        }
    }

    @Test func shortSpellingsKeepEveryEntryAsTheyGrow() {
        var spellings = ShortSpellings(capacity: 1)
        let keys = (1...20_000).map { UInt64($0) &* 0x0101_0101 | 0x61 }
        for (entry, key) in keys.enumerated() {
            let (found, slot) = spellings.find(key)
            #expect(found == nil)
            spellings.insert(key, entry: entry, at: slot)
        }
        for (entry, key) in keys.enumerated() { #expect(spellings.find(key).entry == entry) }
        #expect(spellings.find(0x7A7A).entry == nil)
    }
}
