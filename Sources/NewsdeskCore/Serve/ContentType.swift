/// The `Content-Type` of a served file, from its extension, as a production web server would
/// send it (nginx's `mime.types`), with `charset=utf-8` on every text type because the build
/// writes UTF-8 only.
public enum ContentType {
    public static func forPath(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return binary }
        let pathExtension = name[name.index(after: dot)...].lowercased()
        if let text = textTypes[pathExtension] { return text + "; charset=utf-8" }
        return binaryTypes[pathExtension] ?? binary
    }

    /// HTML responses are the ones that get the live-reload script.
    public static func isHTML(_ path: String) -> Bool { forPath(path).hasPrefix("text/html") }

    static let binary = "application/octet-stream"

    private static let textTypes: [String: String] = [
        "html": "text/html", "htm": "text/html", "css": "text/css", "js": "text/javascript", "mjs": "text/javascript",
        "json": "application/json", "xml": "application/xml", "txt": "text/plain", "md": "text/markdown",
        "csv": "text/csv", "svg": "image/svg+xml", "webmanifest": "application/manifest+json",
    ]

    private static let binaryTypes: [String: String] = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "avif": "image/avif", "ico": "image/x-icon", "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
        "pdf": "application/pdf", "zip": "application/zip", "woff": "font/woff", "woff2": "font/woff2",
        "ttf": "font/ttf", "otf": "font/otf", "mp4": "video/mp4", "webm": "video/webm", "mp3": "audio/mpeg",
        "ogg": "audio/ogg", "wav": "audio/wav", "doc": "application/msword", "xls": "application/vnd.ms-excel",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ]
}
