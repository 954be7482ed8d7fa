/// The fields an editor sets at the top of a news item, typed and checked.
///
/// Like `Item`, the fields sit behind one immutable reference: front matter is read through
/// items everywhere in a build, and copying seventeen strings and collections for each read
/// cost more than the read. Setting a field makes a new box (the parser fills a `Fields`
/// value and boxes it once).
public struct FrontMatter: Sendable, Hashable {
    struct Fields: Sendable, Hashable {
        var title: String?
        var date: NewsDate?
        /// `lastmod:` or `updated:`: when the item was last changed after publication.
        var lastModified: NewsDate?
        var slug: String?
        var summary: String?
        var description: String?
        var author: String?
        var tags: [String] = []
        var image: String?
        var imageAlt: String?
        var imageCaption: String?
        var draft = false
        var aliases: [String] = []
        var lang: String?
        var translationKey: String?
        var params: [String: TemplateValue] = [:]
        var paramOrder: [String] = []
        var lines: [String: Int] = [:]
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public init() { box = Box(Fields()) }

    init(_ fields: Fields) { box = Box(fields) }

    var fields: Fields {
        get { box.fields }
        set { box = Box(newValue) }
    }

    public var title: String? { get { box.fields.title } set { fields.title = newValue } }
    public var date: NewsDate? { get { box.fields.date } set { fields.date = newValue } }
    public var lastModified: NewsDate? { get { box.fields.lastModified } set { fields.lastModified = newValue } }
    public var slug: String? { get { box.fields.slug } set { fields.slug = newValue } }
    public var summary: String? { get { box.fields.summary } set { fields.summary = newValue } }
    public var description: String? { get { box.fields.description } set { fields.description = newValue } }
    public var author: String? { get { box.fields.author } set { fields.author = newValue } }
    public var tags: [String] { get { box.fields.tags } set { fields.tags = newValue } }
    public var image: String? { get { box.fields.image } set { fields.image = newValue } }
    public var imageAlt: String? { get { box.fields.imageAlt } set { fields.imageAlt = newValue } }
    public var imageCaption: String? { get { box.fields.imageCaption } set { fields.imageCaption = newValue } }
    public var draft: Bool { get { box.fields.draft } set { fields.draft = newValue } }
    public var aliases: [String] { get { box.fields.aliases } set { fields.aliases = newValue } }
    public var lang: String? { get { box.fields.lang } set { fields.lang = newValue } }
    public var translationKey: String? { get { box.fields.translationKey } set { fields.translationKey = newValue } }
    /// Keys Newsdesk does not know, for templates (`{{page.params.key}}`), in the editor's order.
    public var params: [String: TemplateValue] { get { box.fields.params } set { fields.params = newValue } }
    public var paramOrder: [String] { get { box.fields.paramOrder } set { fields.paramOrder = newValue } }
    /// Line of each known field in the original file, for later diagnostics (a missing image…).
    public var lines: [String: Int] { get { box.fields.lines } set { fields.lines = newValue } }

    public func line(of field: String) -> Int? { box.fields.lines[field] }

    public static func == (lhs: FrontMatter, rhs: FrontMatter) -> Bool { lhs.box === rhs.box || lhs.box.fields == rhs.box.fields }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }
}
