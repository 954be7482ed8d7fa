import CVipsLoader
import Foundation
import Synchronization

/// libvips, called for one photo at a time: its header, then the photo decoded once, turned
/// upright, converted to sRGB and shrunk, and each variant resized from it and encoded without
/// metadata.
///
/// Safe to call from several threads for separate photos (libvips is thread-safe per image).
/// Bytes come from memory so that the caller, which already read and hashed them, decides
/// what is read, and nothing is opened behind the site source's back.
enum VipsCodec {
    struct Header: Sendable, Equatable {
        /// Upright: the EXIF orientation already applied.
        var width: Int
        var height: Int
        var pageCount: Int
        var hasAlpha: Bool
        var loader: String
    }

    /// Why a photo cannot be published; each says what the editor can do.
    enum Failure: Error, Equatable {
        case notAnImage
        /// A picture libvips reads but browsers do not show as a photo (PDF, PPM, FITS…).
        case unsupported(String)
        case tooLarge(width: Int, height: Int)
        case damaged
        case unavailable

        var message: String {
            switch self {
            case .notAnImage: "is not a picture Newsdesk can read"
            case .unsupported(let kind):
                // libvips reads many formats through ImageMagick ("magickload"), which names none.
                (kind == "MAGICK" ? "is in a format browsers do not show" : "is a \(kind) file")
                    + ", not a photo format (JPEG, PNG, WebP, GIF, TIFF, HEIF)"
            case .tooLarge(let width, let height): "is \(width) × \(height) pixels, more than a photo can have"
            case .damaged: "cannot be decoded: the file is damaged or incomplete"
            case .unavailable: "cannot be processed: libvips could not start"
            }
        }

        var hint: String {
            switch self {
            case .notAnImage, .unsupported: "save the picture as JPEG, PNG, WebP or GIF (a renamed file of another kind is not one)"
            case .tooLarge: "resize the picture to at most 200 megapixels before adding it"
            case .damaged: "copy the photo from the camera or phone again; the copy here is cut short or broken"
            case .unavailable: "install libvips (apt-get install libvips42)"
            }
        }
    }

    struct Encoded: Sendable {
        var width: Int
        var height: Int
        var files: [(format: ImageSettings.Format, bytes: [UInt8])]
    }

    /// libvips also reads PDF, PPM, CSV matrices and more from a buffer: only photo formats pass.
    static let photoLoaders = ["jpegload", "pngload", "webpload", "gifload", "tiffload", "heifload"]

    /// The full-size decodes that may run at once, one per two cores. Decoding a camera photo
    /// streams it through libvips' pipeline at its full width, the largest memory a photo
    /// takes; encoding the variants afterwards takes less. With half the workers decoding and
    /// the others encoding, the stage's peak is that of fewer full-size decodes, while a
    /// worker waiting for a slot is soon given one, since a decode is shorter than the encodes
    /// that follow it. Photos take the slots in turn (`nextSlot`), so at most
    /// `decodeSlots.count` decodes overlap whichever photos run together.
    private static let decodeSlots: [NSLock] = (0..<max(1, ProcessInfo.processInfo.activeProcessorCount / 2)).map { _ in NSLock() }
    private static let nextSlot = Atomic<UInt>(0)

    /// Started once per process, on first use.
    private static let started: Bool = newsdesk_vips_start() == 0

    /// libvips' version: a new one may encode other bytes, so it is part of every cache key.
    /// Starts libvips; `VipsLibrary.version(recorded:)` knows it without starting it.
    static let version: String = started ? String(cString: newsdesk_vips_version_string()) : "unavailable"

    /// The libvips file that was loaded, as the dynamic loader named it; nil when libvips
    /// could not be started.
    static var libraryPath: String? {
        guard started, let path = newsdesk_vips_library_path() else { return nil }
        return String(cString: path)
    }

    static func header(of bytes: [UInt8]) throws(Failure) -> Header {
        guard started else { throw .unavailable }
        let opened = bytes.withUnsafeBytes { newsdesk_vips_open($0.baseAddress, $0.count) }
        guard let image = opened else {
            newsdesk_vips_error_clear()
            throw .notAnImage
        }
        defer { newsdesk_vips_unref(image) }
        var width = Int(newsdesk_vips_width(image))
        var height = Int(newsdesk_vips_height(image))
        if newsdesk_vips_orientation_swaps(image) != 0 { swap(&width, &height) }
        let loader = newsdesk_vips_loader(image).map { String(cString: $0) } ?? ""
        guard photoLoaders.contains(where: loader.hasPrefix) else {
            let kind = loader.range(of: "load").map { String(loader[..<$0.lowerBound]) } ?? loader
            throw kind.isEmpty ? .notAnImage : .unsupported(kind.uppercased())
        }
        return Header(width: width, height: height, pageCount: Int(newsdesk_vips_page_count(image)),
                      hasAlpha: newsdesk_vips_has_alpha(image) != 0, loader: loader)
    }

    /// The photo at each of `widths` pixels wide (or its own width when narrower), in each
    /// format, in the order of `widths`.
    ///
    /// The source is decoded once, at the largest width (shrink-on-load where the format has it),
    /// and the smaller variants are resized from those pixels in memory: decoding the source
    /// again per width cost CPU for each width and held a full-size decoding pipeline each time.
    /// Only one variant's pixels are kept besides the largest's.
    static func encode(_ bytes: [UInt8], widths: [Int], formats: [ImageSettings.Format], quality: Int) throws(Failure) -> [Encoded] {
        guard let largestWidth = widths.max() else { return [] }
        let slot = decodeSlots[Int(nextSlot.wrappingAdd(1, ordering: .relaxed).oldValue % UInt(decodeSlots.count))]
        slot.lock()
        let largest: OpaquePointer
        do {
            largest = try decode(bytes) { newsdesk_vips_thumbnail($0, $1, Int32(largestWidth), $2) }
        } catch {
            slot.unlock()
            throw error
        }
        slot.unlock()
        defer { newsdesk_vips_unref(largest) }
        var done: [Int: Encoded] = [:]
        var result: [Encoded] = []
        for width in widths {
            if let encoded = done[width] {
                result.append(encoded)
                continue
            }
            let encoded: Encoded
            if width >= Int(newsdesk_vips_width(largest)) {
                encoded = try save(largest, formats: formats, quality: quality)
            } else {
                var resized: OpaquePointer?
                guard newsdesk_vips_shrink(largest, Int32(width), &resized) == 0, let resized else { throw damaged() }
                let pixels = newsdesk_vips_pixels_only(resized)
                newsdesk_vips_unref(resized)
                guard let pixels else { throw damaged() }
                defer { newsdesk_vips_unref(pixels) }
                encoded = try save(pixels, formats: formats, quality: quality)
            }
            done[width] = encoded
            result.append(encoded)
        }
        return result
    }

    /// A square PNG of `size` pixels from the middle of the picture, without metadata.
    static func squareIcon(_ bytes: [UInt8], size: Int, maxPixels: Int) throws(Failure) -> [UInt8] {
        let header = try header(of: bytes)
        guard header.width * header.height <= maxPixels else { throw .tooLarge(width: header.width, height: header.height) }
        let square = try decode(bytes) { newsdesk_vips_square($0, $1, Int32(size), $2) }
        defer { newsdesk_vips_unref(square) }
        return try save(square, formats: [.png], quality: 100).files[0].bytes
    }

    /// Resizes with `resize` (one of the shim's thumbnail calls) and decodes the result into
    /// memory (a few megabytes at most), keeping nothing but the pixels. The decoding pipeline
    /// is released before returning, so that only the pixels stay while they are encoded.
    /// The caller unrefs the image.
    private static func decode(
        _ bytes: [UInt8],
        resize: (UnsafeRawPointer?, Int, UnsafeMutablePointer<OpaquePointer?>) -> Int32
    ) throws(Failure) -> OpaquePointer {
        guard started else { throw .unavailable }
        var resized: OpaquePointer?
        let status = bytes.withUnsafeBytes { resize($0.baseAddress, $0.count, &resized) }
        guard status == 0, let resized else { throw damaged() }
        let decoded = newsdesk_vips_pixels_only(resized)
        newsdesk_vips_unref(resized)
        guard let decoded else { throw damaged() }
        return decoded
    }

    /// Encodes decoded pixels once per format.
    private static func save(_ decoded: OpaquePointer, formats: [ImageSettings.Format], quality: Int) throws(Failure) -> Encoded {
        var files: [(format: ImageSettings.Format, bytes: [UInt8])] = []
        for format in formats {
            var buffer: UnsafeMutableRawPointer?
            var length = 0
            let saved: Int32 = switch format {
            case .jpeg: newsdesk_vips_jpeg(decoded, Int32(quality), &buffer, &length)
            case .webp: newsdesk_vips_webp(decoded, Int32(quality), &buffer, &length)
            case .png: newsdesk_vips_png(decoded, &buffer, &length)
            }
            guard saved == 0, let buffer else { throw damaged() }
            let bytes = Array(UnsafeRawBufferPointer(start: buffer, count: length))
            files.append((format, format == .webp ? WebPMetadata.strip(bytes) : bytes))
            newsdesk_vips_free(buffer)
        }
        return Encoded(width: Int(newsdesk_vips_width(decoded)), height: Int(newsdesk_vips_height(decoded)), files: files)
    }

    /// Clears libvips' message for the failure. libvips keeps one message buffer for the
    /// process, so with photos failing on two threads at once its text may name the other's
    /// problem or be gone: diagnostics never show it, and the same input always gets the same
    /// message.
    private static func damaged() -> Failure {
        newsdesk_vips_error_clear()
        return .damaged
    }
}
