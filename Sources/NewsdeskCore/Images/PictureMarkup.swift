/// The `<picture>` of a photo in a Markdown body: one `<source>` per preferred format, and an
/// `<img>` with the widely understood format's variants, the intrinsic size (so the page does
/// not move while the photo loads) and lazy, asynchronous loading (a body's photos are rarely
/// the first thing a reader sees; the theme loads the lead photo eagerly).
enum PictureMarkup {
    static func html(_ picture: Picture, alt: String, title: String) -> String {
        let sizes = HTMLEscaping.escape(Picture.articleSizes)
        var html = "<picture>"
        for source in picture.sources.dropLast() {
            html += "<source type=\"\(source.format.mimeType)\" srcset=\"\(HTMLEscaping.escape(source.srcset))\" sizes=\"\(sizes)\">"
        }
        html += "<img src=\"\(HTMLEscaping.escape(picture.src))\""
        if let fallback = picture.sources.last { html += " srcset=\"\(HTMLEscaping.escape(fallback.srcset))\" sizes=\"\(sizes)\"" }
        html += " width=\"\(picture.width)\" height=\"\(picture.height)\" alt=\"\(HTMLEscaping.escape(alt))\""
        if !title.isEmpty { html += " title=\"\(HTMLEscaping.escape(title))\"" }
        return html + " loading=\"lazy\" decoding=\"async\"></picture>"
    }
}
