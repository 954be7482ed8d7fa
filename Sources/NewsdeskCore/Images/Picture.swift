/// A photo as a page shows it, with every URL final: what Markdown's `<picture>` and the
/// templates' `image` objects are made from.
public struct Picture: Sendable, Hashable {
    public struct Source: Sendable, Hashable {
        public var format: ImageSettings.Format
        /// `…-480.x.webp 480w, …-960.x.webp 960w`
        public var srcset: String
        /// The thumbnail in this format.
        public var thumbnail: String
    }

    /// The largest variant in the last (most widely understood) format.
    public var src: String
    /// Intrinsic size of `src`, for `width` and `height` attributes (no layout shift).
    public var width: Int
    public var height: Int
    /// In order of preference; the last one's `srcset` goes on `<img>` itself.
    public var sources: [Source]
    public var thumbnailWidth: Int
    public var thumbnailHeight: Int
    /// The original's width, for `newsdesk check`'s warning about photos that are too small.
    public var originalWidth: Int

    /// `sizes` for a photo in the article's column: full width on phones, the column beyond.
    public static let articleSizes = "(max-width: 50rem) 100vw, 50rem"

    init(_ image: ResizedImage, directoryURL: String) {
        func url(_ variant: ImageVariant) -> String { directoryURL + image.publishedName(of: variant) }
        let formats = image.variants.reduce(into: [ImageSettings.Format]()) { if !$0.contains($1.format) { $0.append($1.format) } }
        sources = formats.map { format in
            let variants = image.variants.filter { $0.format == format }
            let thumbnail = image.thumbnails.first { $0.format == format } ?? variants[0]
            // The thumbnail is a candidate too: the smallest screens take it.
            var candidates = variants
            if !variants.contains(where: { $0.width == thumbnail.width }) { candidates.insert(thumbnail, at: 0) }
            return Source(format: format, srcset: candidates.map { "\(url($0)) \($0.width)w" }.joined(separator: ", "),
                          thumbnail: url(thumbnail))
        }
        let largest = image.variants.last { $0.format == formats.last } ?? image.variants[image.variants.count - 1]
        src = url(largest)
        width = largest.width
        height = largest.height
        let thumbnail = image.thumbnails.first ?? image.variants[0]
        thumbnailWidth = thumbnail.width
        thumbnailHeight = thumbnail.height
        originalWidth = image.width
    }

    /// What templates read as `image` (beside `url`, `alt` and `caption`).
    var templateFields: [String: TemplateData] {
        var fields: [String: TemplateData] = [
            "src": .string(src), "width": .int(width), "height": .int(height),
            "sizes": .string(Self.articleSizes), "thumbnail": .string(sources.last?.thumbnail ?? src),
            "thumbnail_width": .int(thumbnailWidth), "thumbnail_height": .int(thumbnailHeight),
            "srcset": .string(sources.last?.srcset ?? ""),
        ]
        fields["sources"] = .list(sources.dropLast().map { source in
            .object(["type": .string(source.format.mimeType), "srcset": .string(source.srcset), "thumbnail": .string(source.thumbnail)])
        })
        return fields
    }
}
