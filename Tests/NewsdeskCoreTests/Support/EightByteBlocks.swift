/// The inputs of the eight-bytes-at-a-time tests (`ASCIIWordBytes`, `EscapeBytes`): every
/// byte value in one place of a block, beside each of `fillers` in the other seven, so that a
/// test that works byte by byte in the reference can check every byte of the result.
enum EightByteBlocks {
    /// Calls `body` with each block's bytes and the block as a little-endian word.
    static func forEveryByte(inPlace place: Int, fillers: [UInt8], _ body: (_ bytes: [UInt8], _ block: UInt64) -> Void) {
        for value in 0...255 {
            for filler in fillers {
                var bytes = [UInt8](repeating: filler, count: 8)
                bytes[place] = UInt8(value)
                body(bytes, bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) })
            }
        }
    }

    /// Bit 7 of byte `offset` of `word`, as 0x80 or 0.
    static func mark(_ word: UInt64, at offset: Int) -> UInt64 { word >> UInt64(8 * offset) & 0xFF }
}
