import Foundation
import Testing
@testable import NewsdeskCore

/// Pictures for tests, made here byte by byte (PNG, GIF) or through libvips (JPEG), and the
/// example site's camera photos (made by Scripts/example-photos.py: `make photos`).
enum TestImages {
    /// An uncompressed PNG (deflate's stored blocks) of `width` × `height` pixels.
    static func png(width: Int, height: Int, alpha: Bool = false) -> [UInt8] {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width {
                raw += [UInt8((x * 255) / max(1, width - 1)), UInt8((y * 255) / max(1, height - 1)), 128]
                if alpha { raw.append(UInt8(x % 2 == 0 ? 0 : 255)) }
            }
        }
        return pngFile(width: width, height: height, colourType: alpha ? 6 : 2, imageData: zlibStored(raw))
    }

    /// A PNG whose header claims 50,000 × 50,000 pixels (7.5 GB decoded) in a few bytes.
    static func decompressionBomb() -> [UInt8] {
        pngFile(width: 50_000, height: 50_000, colourType: 2, imageData: zlibStored([0, 0, 0, 0]))
    }

    /// A two-frame animated GIF of one pixel.
    static let animatedGIF: [UInt8] = {
        var bytes = Array("GIF89a".utf8) + [1, 0, 1, 0, 0x80, 0, 0] + [0, 0, 0, 255, 255, 255]
        bytes += [0x21, 0xFF, 0x0B] + Array("NETSCAPE2.0".utf8) + [3, 1, 0, 0, 0]
        let frame: [UInt8] = [0x21, 0xF9, 4, 0, 10, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0]
        return bytes + frame + frame + [0x3B]
    }()

    /// A JPEG through libvips, from a generated PNG.
    static func jpeg(width: Int, height: Int) throws -> [UInt8] {
        let encoded = try VipsCodec.encode(png(width: width, height: height), widths: [width], formats: [.jpeg], quality: 90)[0]
        return encoded.files[0].bytes
    }

    static let examplePhotos = TestSite.repositoryRoot.appendingPathComponent("content/news/2023-11-10-first-snow-on-campus")

    static func examplePhoto(_ name: String) throws -> [UInt8] {
        let url = examplePhotos.appendingPathComponent(name)
        let data = try #require(FileManager.default.contents(atPath: url.path), "\(url.path) is missing: run make photos")
        return [UInt8](data)
    }

    private static func pngFile(width: Int, height: Int, colourType: UInt8, imageData: [UInt8]) -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
        }
        let header = bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, colourType, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", imageData) + chunk("IEND", [])
    }

    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let last: UInt8 = offset + length == data.count ? 1 : 0
            out += [last, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<offset + length]
            offset += length
        } while offset < data.count
        var (a, b): (UInt32, UInt32) = (1, 0)
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + bigEndian(b << 16 | a)
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
