import Yams

/// `images:` in `site.yml`.
extension SiteConfigParser {
    static func readImages(_ node: Node, into images: inout ImageSettings, reader: inout YAMLFieldReader) {
        guard let mapping = node.mapping else {
            reader.error("'images' must be a group of settings", at: node,
                         hint: "images: { widths: [480, 960, 1600], formats: [webp, jpeg], quality: 80 }")
            return
        }
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            switch key {
            case "widths":
                if let widths = readWidths(value, reader: &reader) { images.widths = widths }
            case "formats":
                if let formats = readFormats(value, reader: &reader) { images.formats = formats }
            case "quality": reader.int(value, key: "images.quality", range: 1...100).map { images.quality = $0 }
            case "thumbnail_width":
                reader.int(value, key: "images.thumbnail_width", range: 16...2_000).map { images.thumbnailWidth = $0 }
            case "publish_originals": reader.bool(value, key: "images.publish_originals").map { images.publishOriginals = $0 }
            case "max_megapixels":
                reader.int(value, key: "images.max_megapixels", range: 1...1_000).map { images.maxPixels = $0 * 1_000_000 }
            default:
                reader.warning("unknown images setting '\(key)'", at: keyNode,
                               hint: "known: widths, formats, quality, thumbnail_width, publish_originals, max_megapixels")
            }
        }
    }

    private static func readWidths(_ node: Node, reader: inout YAMLFieldReader) -> [Int]? {
        let widths = node.sequence.map { $0.compactMap { Int($0.scalar?.string ?? "") } } ?? []
        guard let sequence = node.sequence, !sequence.isEmpty, widths.count == sequence.count,
              widths.allSatisfy({ (16...10_000).contains($0) }) else {
            reader.error("images.widths must be a list of widths in pixels between 16 and 10000", at: node,
                         hint: "for example widths: [480, 960, 1600]")
            return nil
        }
        return Array(Set(widths)).sorted()
    }

    private static func readFormats(_ node: Node, reader: inout YAMLFieldReader) -> [ImageSettings.Format]? {
        let names = node.sequence.map { $0.compactMap { $0.scalar?.string.lowercased() } } ?? []
        let formats = names.compactMap { ImageSettings.Format(rawValue: $0 == "jpg" ? "jpeg" : $0) }
        guard !formats.isEmpty, formats.count == names.count, formats.count == node.sequence?.count else {
            reader.error("images.formats must be a list of webp, jpeg and png", at: node, hint: "for example formats: [webp, jpeg]")
            return nil
        }
        var unique: [ImageSettings.Format] = []
        for format in formats where !unique.contains(format) { unique.append(format) }
        return unique
    }
}
