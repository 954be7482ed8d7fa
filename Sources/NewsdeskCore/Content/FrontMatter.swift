/// The fields an editor sets at the top of a news item, typed and checked.
public struct FrontMatter: Sendable, Hashable, Codable {
    public var title: String?
    public var date: NewsDate?
    public var slug: String?
    public var summary: String?
    public var description: String?
    public var author: String?
    public var tags: [String] = []
    public var image: String?
    public var imageAlt: String?
    public var imageCaption: String?
    public var draft = false
    public var aliases: [String] = []
    public var lang: String?
    public var translationKey: String?
    /// Keys Newsdesk does not know, for templates (`{{page.params.key}}`), in the editor's order.
    public var params: [String: TemplateValue] = [:]
    public var paramOrder: [String] = []
    /// Line of each known field in the original file, for later diagnostics (a missing image…).
    public var lines: [String: Int] = [:]

    public init() {}

    public func line(of field: String) -> Int? { lines[field] }
}
