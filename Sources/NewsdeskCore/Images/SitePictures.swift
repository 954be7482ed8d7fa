/// The resized photos of a site, by where pages point to them: what link resolution and the
/// templates' `image` objects read.
public struct SitePictures: Sendable {
    /// By the output path the original would have (`news/2023/visit/photo.jpg`): a Markdown
    /// image or link naming the original gets the picture.
    public var byOriginalPath: [String: Picture] = [:]
    /// By `Picture.src`, the URL pages carry (front-matter images, listings' thumbnails).
    public var bySource: [String: Picture] = [:]
    /// Sources whose pictures cannot be published, with the reason: reported where they are used.
    public var problems: [String: (message: String, hint: String)] = [:]
    /// Source → the output paths its original would have, one per page directory showing it.
    public var placements: [String: [String]] = [:]

    public init() {}

    init(_ placed: [(originalPath: String, source: String)], catalog: ImageCatalog, urls: URLBuilder) {
        for (path, source) in placed {
            guard case .resized(let image)? = catalog.images[source] else { continue }
            let picture = Picture(image, directoryURL: urls.href(OutputPlanner.directory(of: path)))
            byOriginalPath[path] = picture
            placements[source, default: []].append(path)
            bySource[picture.src] = picture
        }
        for (source, outcome) in catalog.images {
            if case .failed(let message, let hint) = outcome { problems[source] = (message, hint) }
        }
    }
}
