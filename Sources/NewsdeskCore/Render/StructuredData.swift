/// schema.org descriptions of a page for search engines (JSON-LD), written by `JSONValue`.
///
/// The bytes go into `<script type="application/ld+json">`, where HTML escaping does not
/// apply: `JSONValue` writes `<`, `>` and `&` as `\u003c`, `\u003e` and `\u0026`, so no title
/// can close the script element (`</script>`) or open a comment, and the JSON means the same.
enum StructuredData {
    struct Thing: Sendable {
        var type: String
        var name: String?
        var url: String?

        var json: JSONValue { .members([("@type", .string(type)), ("name", name.map(JSONValue.string)), ("url", url.map(JSONValue.string))]) }
    }

    struct ImageObject: Sendable {
        var url: String
        var width: Int?
        var height: Int?

        var json: JSONValue {
            .members([("@type", .string("ImageObject")), ("url", .string(url)), ("width", width.map(JSONValue.int)),
                      ("height", height.map(JSONValue.int))])
        }
    }

    struct Organization: Sendable {
        var name: String
        var url: String?
        var logo: ImageObject?

        var json: JSONValue {
            .members([("@type", .string("Organization")), ("name", .string(name)), ("url", url.map(JSONValue.string)),
                      ("logo", logo?.json)])
        }
    }

    struct NewsArticle: Sendable {
        var headline: String
        var description: String?
        var datePublished: String
        var dateModified: String
        var author: [Thing]
        var image: [String]
        var publisher: Organization
        var inLanguage: String
        var mainEntityOfPage: String
        var isPartOf: Thing

        var json: JSONValue {
            .members([
                ("@context", .string("https://schema.org")), ("@type", .string("NewsArticle")), ("headline", .string(headline)),
                ("description", description.map(JSONValue.string)), ("datePublished", .string(datePublished)),
                ("dateModified", .string(dateModified)), ("author", .array(author.map(\.json))),
                ("image", .array(image.map(JSONValue.string))), ("publisher", publisher.json), ("inLanguage", .string(inLanguage)),
                ("mainEntityOfPage", .string(mainEntityOfPage)), ("isPartOf", isPartOf.json),
            ])
        }
    }

    struct ListItem: Sendable {
        var position: Int
        var name: String
        var item: String

        var json: JSONValue {
            .object([("@type", .string("ListItem")), ("position", .int(position)), ("name", .string(name)), ("item", .string(item))])
        }
    }

    struct BreadcrumbList: Sendable {
        var itemListElement: [ListItem]

        var json: JSONValue {
            .object([("@context", .string("https://schema.org")), ("@type", .string("BreadcrumbList")),
                     ("itemListElement", .array(itemListElement.map(\.json)))])
        }
    }

    struct WebSite: Sendable {
        var name: String
        var url: String
        var inLanguage: String
        var description: String?
        var publisher: Organization

        var json: JSONValue {
            .members([("@context", .string("https://schema.org")), ("@type", .string("WebSite")), ("name", .string(name)),
                      ("url", .string(url)), ("inLanguage", .string(inLanguage)), ("description", description.map(JSONValue.string)),
                      ("publisher", publisher.json)])
        }
    }

    /// One of the descriptions a page carries; a page's list is written as one JSON array.
    enum Entity: Sendable {
        case newsArticle(NewsArticle)
        case breadcrumbs(BreadcrumbList)
        case webSite(WebSite)

        var json: JSONValue {
            switch self {
            case .newsArticle(let value): value.json
            case .breadcrumbs(let value): value.json
            case .webSite(let value): value.json
            }
        }
    }

    /// What to place inside the script element: a JSON array, whose bytes (`JSONValue.write`)
    /// are safe for a script element; templates print it as those bytes.
    static func script(_ entities: [Entity]) -> TemplateData {
        .json(.array(entities.map(\.json)))
    }
}
