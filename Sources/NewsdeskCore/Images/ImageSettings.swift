/// How photos are published: `images:` in `site.yml`.
public struct ImageSettings: Sendable, Equatable {
    /// What a variant is encoded as. A photo with transparency gets PNG instead of JPEG.
    public enum Format: String, Sendable, Hashable, CaseIterable, Codable {
        case webp, jpeg, png

        public var mimeType: String {
            switch self {
            case .webp: "image/webp"
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            }
        }

        var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    }

    /// Widths of the variants in pixels, smallest first; a photo narrower than one of them also
    /// gets a variant at its own width, never a larger one.
    public var widths: [Int] = [480, 960, 1600]
    /// Preferred first: the last one is what browsers without `<picture>` get.
    public var formats: [Format] = [.webp, .jpeg]
    public var quality = 80
    /// Width of the small pictures listings, tags and the home page show (the default theme
    /// shows them 160 CSS pixels wide: sharp at 1.5×, a tenth of a 960-pixel variant).
    public var thumbnailWidth = 240
    /// Publishes the photos as the editor saved them too (with their EXIF and GPS tags).
    public var publishOriginals = false
    /// The largest number of pixels a photo may have: a few kilobytes of PNG can claim
    /// 50,000 × 50,000 pixels (a "decompression bomb"). Phones take at most 200 megapixels.
    public var maxPixels = 200_000_000

    public init() {}

    /// The formats of a photo's variants.
    func formats(hasAlpha: Bool) -> [Format] {
        var result: [Format] = []
        for format in formats {
            let chosen: Format = hasAlpha && format == .jpeg ? .png : format
            if !result.contains(chosen) { result.append(chosen) }
        }
        return result
    }

    /// Everything that changes a variant's bytes, for the names and the cache key: these
    /// settings and the version of libvips that encodes (`VipsLibrary`).
    func fingerprint(libvips version: String) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine("images 4")
        for width in widths { hasher.combine(width) }
        for format in formats { hasher.combine(format.rawValue) }
        hasher.combine(quality)
        hasher.combine(thumbnailWidth)
        hasher.combine(version)
        return hasher.value
    }
}
