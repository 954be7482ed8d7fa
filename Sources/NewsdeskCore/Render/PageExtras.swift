/// What rendering an item's Markdown taught the build, kept for listings and feeds.
public struct PageExtras: Sendable {
    public var summary: String
    public var readingMinutes: Int
    /// The front-matter `image`, resolved to its URL.
    public var imageURL: String?
    /// What listings show: the front-matter image, else the body's first image.
    public var thumbnail: (url: String, alt: String)?
    /// Kept only for items a full-content feed shows; nil otherwise, so memory stays small.
    public var contentHTML: String?

    public init(summary: String = "", readingMinutes: Int = 1, imageURL: String? = nil,
                thumbnail: (url: String, alt: String)? = nil, contentHTML: String? = nil) {
        self.summary = summary
        self.readingMinutes = readingMinutes
        self.imageURL = imageURL
        self.thumbnail = thumbnail
        self.contentHTML = contentHTML
    }
}
