/// One published size and format of a photo.
public struct ImageVariant: Sendable, Hashable, Codable {
    public var width: Int
    public var height: Int
    public var format: ImageSettings.Format
    /// The file's name in the cache entry (`960.webp`).
    public var storedName: String { "\(width).\(format.fileExtension)" }
}

/// A photo published as resized variants.
public struct ResizedImage: Sendable, Hashable {
    /// Hash of the source bytes and the settings: names the cache entry and the published files.
    public var key: String
    /// The upright original's size.
    public var width: Int
    public var height: Int
    /// Narrowest first; within a width, in the settings' order of formats.
    public var variants: [ImageVariant]
    /// The small picture of listings, one per format.
    public var thumbnails: [ImageVariant]
    /// `photo` for `content/news/x/photo.jpg`: published names start with it.
    public var stem: String

    /// `photo-960.3fa2b1c4d5.webp`: a new photo or new settings give a new name, so a web host
    /// may let browsers keep the file for a year.
    public func publishedName(of variant: ImageVariant) -> String {
        "\(stem)-\(variant.width).\(key.prefix(10)).\(variant.format.fileExtension)"
    }

    /// Every file a placement of the photo publishes, once each (a thumbnail may be a variant).
    public var files: [ImageVariant] {
        var seen = Set<String>()
        return (variants + thumbnails).filter { seen.insert($0.storedName).inserted }
    }
}

/// What the image stage made of one file under `content/`.
public enum ImageOutcome: Sendable, Hashable {
    case resized(ResizedImage)
    /// Published as it is: SVG (already scalable) and animated GIF or WebP.
    case copied
    /// Not published; every Markdown line and front matter that uses it reports this.
    case failed(message: String, hint: String)
}

/// Every picture under `content/`, by source path: the image stage's result and an input of
/// the site graph, which plans the variants' files.
public struct ImageCatalog: Sendable, Equatable {
    public var images: [String: ImageOutcome] = [:]
    public var settings = ImageSettings()

    public init(images: [String: ImageOutcome] = [:], settings: ImageSettings = ImageSettings()) {
        self.images = images
        self.settings = settings
    }

    /// Whether the original file is published next to its variants (`.copied` files always are).
    func publishesOriginal(_ source: String) -> Bool {
        switch images[source] {
        case .resized?: settings.publishOriginals
        case .failed?: false
        case .copied?, nil: true
        }
    }
}
