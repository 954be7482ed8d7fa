import CVips
import Foundation

/// libvips, called for one photo at a time: its header, then each variant decoded, turned
/// upright, converted to sRGB, shrunk and encoded without metadata.
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
        case damaged(String)
        case unavailable

        var message: String {
            switch self {
            case .notAnImage: "is not a picture Newsdesk can read"
            case .unsupported(let kind):
                // libvips reads many formats through ImageMagick ("magickload"), which names none.
                (kind == "MAGICK" ? "is in a format browsers do not show" : "is a \(kind) file")
                    + ", not a photo format (JPEG, PNG, WebP, GIF, TIFF, HEIF)"
            case .tooLarge(let width, let height): "is \(width) × \(height) pixels, more than a photo can have"
            case .damaged(let detail): "cannot be decoded: the file is damaged or incomplete (\(detail))"
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

    /// Started once per process, on first use.
    private static let started: Bool = newsdesk_vips_start() == 0

    /// libvips' version: a new one may encode other bytes, so it is part of every cache key.
    static let version: String = String(cString: vips_version_string())

    static func header(of bytes: [UInt8]) throws(Failure) -> Header {
        guard started else { throw .unavailable }
        let opened = bytes.withUnsafeBytes { newsdesk_vips_open($0.baseAddress, $0.count) }
        guard let image = opened else {
            vips_error_clear()
            throw .notAnImage
        }
        defer { newsdesk_vips_unref(image) }
        var width = Int(vips_image_get_width(image))
        var height = Int(vips_image_get_height(image))
        if vips_image_get_orientation_swap(image) != 0 { swap(&width, &height) }
        let loader = newsdesk_vips_loader(image).map { String(cString: $0) } ?? ""
        guard photoLoaders.contains(where: loader.hasPrefix) else {
            let kind = loader.range(of: "load").map { String(loader[..<$0.lowerBound]) } ?? loader
            throw kind.isEmpty ? .notAnImage : .unsupported(kind.uppercased())
        }
        return Header(width: width, height: height, pageCount: Int(vips_image_get_n_pages(image)),
                      hasAlpha: vips_image_hasalpha(image) != 0, loader: loader)
    }

    /// The photo at `width` pixels wide (or its own width when narrower) in each format.
    static func encode(_ bytes: [UInt8], width: Int, formats: [ImageSettings.Format], quality: Int) throws(Failure) -> Encoded {
        try encode(bytes, formats: formats, quality: quality) { newsdesk_vips_thumbnail($0, $1, Int32(width), $2) }
    }

    /// A square PNG of `size` pixels from the middle of the picture, without metadata.
    static func squareIcon(_ bytes: [UInt8], size: Int, maxPixels: Int) throws(Failure) -> [UInt8] {
        let header = try header(of: bytes)
        guard header.width * header.height <= maxPixels else { throw .tooLarge(width: header.width, height: header.height) }
        return try encode(bytes, formats: [.png], quality: 100) { newsdesk_vips_square($0, $1, Int32(size), $2) }.files[0].bytes
    }

    /// Resizes with `resize` (one of the shim's thumbnail calls), decodes the result once into
    /// memory (a few megabytes at most) keeping nothing but the pixels, then encodes it once
    /// per format.
    private static func encode(
        _ bytes: [UInt8], formats: [ImageSettings.Format], quality: Int,
        resize: (UnsafeRawPointer?, Int, UnsafeMutablePointer<UnsafeMutablePointer<VipsImage>?>) -> Int32
    ) throws(Failure) -> Encoded {
        guard started else { throw .unavailable }
        var resized: UnsafeMutablePointer<VipsImage>?
        let status = bytes.withUnsafeBytes { resize($0.baseAddress, $0.count, &resized) }
        guard status == 0, let resized else { throw .damaged(takeError()) }
        defer { newsdesk_vips_unref(resized) }
        guard let decoded = newsdesk_vips_pixels_only(resized) else { throw .damaged(takeError()) }
        defer { newsdesk_vips_unref(decoded) }
        var files: [(format: ImageSettings.Format, bytes: [UInt8])] = []
        for format in formats {
            var buffer: UnsafeMutableRawPointer?
            var length = 0
            let saved: Int32 = switch format {
            case .jpeg: newsdesk_vips_jpeg(decoded, Int32(quality), &buffer, &length)
            case .webp: newsdesk_vips_webp(decoded, Int32(quality), &buffer, &length)
            case .png: newsdesk_vips_png(decoded, &buffer, &length)
            }
            guard saved == 0, let buffer else { throw .damaged(takeError()) }
            let bytes = Array(UnsafeRawBufferPointer(start: buffer, count: length))
            files.append((format, format == .webp ? WebPMetadata.strip(bytes) : bytes))
            g_free(buffer)
        }
        return Encoded(width: Int(vips_image_get_width(decoded)), height: Int(vips_image_get_height(decoded)), files: files)
    }

    /// libvips' message for the last failure, first line only. libvips keeps one message buffer
    /// for the process, so with photos failing on two threads at once a message may name the
    /// other's problem; the diagnostic's file and line come from the caller, never from here.
    private static func takeError() -> String {
        guard let copied = vips_error_buffer_copy() else { return "unknown error" }
        defer { g_free(copied) }
        let text = String(cString: copied)
        let line = text.split(separator: "\n").first.map(String.init) ?? "unknown error"
        return line.trimmingCharacters(in: .whitespaces)
    }
}
