/// What a link or image in Markdown points to, answered by the site graph.
public enum LinkKind: Sendable {
    case link
    case image
    /// The front matter's `image:`, which messages name as such.
    case frontMatterImage

    /// What a message calls the destination: "the front-matter image 'x.jpg' points to …".
    var noun: String {
        switch self {
        case .link: return "link"
        case .image: return "image"
        case .frontMatterImage: return "front-matter image"
        }
    }

    var isImage: Bool { self != .link }
}

public enum LinkResolution: Sendable, Equatable {
    /// External, fragment-only or otherwise left as written.
    case unchanged
    /// Rewritten to the URL the output uses (another page's URL, a copied file under the base path).
    case rewritten(String)
    /// Points into the site at something that does not exist.
    case broken(message: String, hint: String?)
    /// Points to an item that is not published yet, on a site whose `links: { unpublished: warn }`
    /// allows it: the text stays, without the link, until the target is published.
    case unlinked(message: String, hint: String?)
}

/// Supplied by the site graph so that the Markdown stage knows nothing about URLs.
public protocol LinkResolving: Sendable {
    func resolve(_ destination: String, from sourcePath: String, kind: LinkKind) -> LinkResolution
    /// The resized photo an image resolved to (`url` as `resolve` rewrote it), if it is one:
    /// Markdown then shows it as a `<picture>`.
    func picture(at url: String) -> Picture?
}

extension LinkResolving {
    public func picture(at url: String) -> Picture? { nil }
}

/// Leaves every link as written: for previews of isolated Markdown and for tests.
public struct UnchangedLinks: LinkResolving {
    public init() {}
    public func resolve(_ destination: String, from sourcePath: String, kind: LinkKind) -> LinkResolution { .unchanged }
}
