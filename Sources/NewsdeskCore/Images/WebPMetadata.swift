/// Removes the metadata chunks (EXIF, XMP, ICC profile) from a WebP file.
///
/// libvips 8.14 writes an EXIF chunk into every WebP it saves, "strip" or not, rebuilt from the
/// image's fields; the pixels Newsdesk hands it carry no camera data (`newsdesk_vips_pixels_only`),
/// but a published variant must carry no metadata at all. The container is RIFF: "RIFF", the
/// length, "WEBP", then chunks of a four-character name, a little-endian length and the data
/// padded to an even length; the "VP8X" chunk's first byte flags which of them exist.
enum WebPMetadata {
    static let metadataChunks: Set<String> = ["EXIF", "XMP ", "ICCP"]
    /// VP8X flag bits: ICC profile, EXIF, XMP.
    static let metadataFlags: UInt8 = 0x20 | 0x08 | 0x04

    /// `bytes` without metadata chunks, or unchanged when it is not a WebP file.
    static func strip(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8) else { return bytes }
        var result = Array(bytes[0..<12])
        var offset = 12
        while offset + 8 <= bytes.count {
            let name = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let length = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
            let end = min(bytes.count, offset + 8 + length + (length & 1))
            if !metadataChunks.contains(name) {
                var chunk = Array(bytes[offset..<end])
                if name == "VP8X", chunk.count > 8 { chunk[8] &= ~metadataFlags }
                result += chunk
            }
            offset = end
        }
        let size = UInt32(result.count - 8)
        result[4] = UInt8(size & 0xFF)
        result[5] = UInt8((size >> 8) & 0xFF)
        result[6] = UInt8((size >> 16) & 0xFF)
        result[7] = UInt8(size >> 24)
        return result
    }
}
