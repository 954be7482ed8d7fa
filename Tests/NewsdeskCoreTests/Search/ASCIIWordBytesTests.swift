import Testing
@testable import NewsdeskCore

/// The scanner finds the end of an ASCII word eight bytes at a time (`ASCIIWordBytes`) and
/// knows a spelling of up to sixteen bytes by its bytes as one integer (`PackedSpellings`).
@Suite("Eight bytes at a time")
struct ASCIIWordBytesTests {
    /// The byte-at-a-time rule the eight-byte test stands for.
    static func isWordByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    @Test(arguments: 0..<8)
    func everyByteValueInEveryPlaceIsClassedAsAlone(place: Int) {
        EightByteBlocks.forEveryByte(inPlace: place, fillers: [0x61, 0x20, 0xFF, 0x00, 0x39, 0x5A, 0x80]) { bytes, block in
            let stops = ASCIIWordBytes.stops(in: block)
            for (offset, byte) in bytes.enumerated() {
                #expect(EightByteBlocks.mark(stops, at: offset) == (Self.isWordByte(byte) ? 0 : 0x80), "byte \(byte) at \(offset) among \(bytes)")
            }
        }
    }

    @Test(arguments: 0..<8)
    func zeroBytesAreMarkedExactly(place: Int) {
        EightByteBlocks.forEveryByte(inPlace: place, fillers: [0x00, 0x01, 0x80, 0xFF, 0x7F]) { bytes, block in
            let zeros = ByteWord.zeroBytes(block)
            for (offset, byte) in bytes.enumerated() {
                #expect(EightByteBlocks.mark(zeros, at: offset) == (byte == 0 ? 0x80 : 0), "byte \(byte) at \(offset) among \(bytes)")
            }
        }
    }

    @Test func aPrefixKeepsItsFirstBytesOnly() {
        let block: UInt64 = 0x0807_0605_0403_0201
        #expect(ByteWord.prefix(block, length: 1) == 0x01)
        #expect(ByteWord.prefix(block, length: 3) == 0x03_0201)
        #expect(ByteWord.prefix(block, length: 8) == block)
    }

    /// ASCII texts of every length, their words at every place of the eight-byte blocks, against
    /// a reference that splits by the byte rule, lower-cases, stems words without digits
    /// (`SearchStemmer`'s string form) and leaves out words over `maximumLength`.
    @Test func asciiWordsAreFoundAtEveryAlignment() {
        var random = SeededGenerator(state: 99)
        let alphabet = Array("aZe0s9 .,-_\n".utf8)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...70, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? 0x61 }
            let text = String(decoding: bytes, as: UTF8.self)
            let expected = bytes.split { !Self.isWordByte($0) }.compactMap { word -> String? in
                guard word.count <= SearchTokenizer.maximumLength else { return nil }
                let lowered = String(decoding: word, as: UTF8.self).lowercased()
                return lowered.contains(where: \.isNumber) ? lowered : SearchStemmer.stem(lowered)
            }
            #expect(SearchTokenizer.terms(text) == expected, "\(text)")
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

    @Test func mediumSpellingsTellKeysApartByEitherHalf() {
        var spellings = MediumSpellings(capacity: 1)
        // Keys that share their low half, or their high half, with many others.
        let keys = (1...5_000).flatMap { number -> [UInt128] in
            let half = UInt128(UInt64(number) &* 0x0101_0101 | 0x61)
            return [half << 64 | 0x6161_6161_6161_6161, 0x6262_6262 << 64 | half]
        }
        for (entry, key) in keys.enumerated() {
            let (found, slot) = spellings.find(key)
            #expect(found == nil)
            spellings.insert(key, entry: entry, at: slot)
        }
        for (entry, key) in keys.enumerated() { #expect(spellings.find(key).entry == entry) }
        #expect(spellings.find(0x7A7A << 64 | 0x7A7A).entry == nil)
    }
}
