import Foundation

/// schema.org descriptions of a page for search engines (JSON-LD), encoded by `JSONEncoder`.
///
/// The encoded text goes into `<script type="application/ld+json">`, where HTML escaping does
/// not apply: `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026` instead, so no
/// title can close the script element (`</script>`) or open a comment, and the JSON means the same.
enum StructuredData {
    struct Thing: Encodable, Sendable {
        var type: String
        var name: String?
        var url: String?

        enum CodingKeys: String, CodingKey {
            case type = "@type", name, url
        }
    }

    struct ImageObject: Encodable, Sendable {
        var type = "ImageObject"
        var url: String
        var width: Int?
        var height: Int?

        enum CodingKeys: String, CodingKey {
            case type = "@type", url, width, height
        }
    }

    struct Organization: Encodable, Sendable {
        var type = "Organization"
        var name: String
        var url: String?
        var logo: ImageObject?

        enum CodingKeys: String, CodingKey {
            case type = "@type", name, url, logo
        }
    }

    struct NewsArticle: Encodable, Sendable {
        var context = "https://schema.org"
        var type = "NewsArticle"
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

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", headline, description, datePublished, dateModified, author, image, publisher
            case inLanguage, mainEntityOfPage, isPartOf
        }
    }

    struct ListItem: Encodable, Sendable {
        var type = "ListItem"
        var position: Int
        var name: String
        var item: String

        enum CodingKeys: String, CodingKey {
            case type = "@type", position, name, item
        }
    }

    struct BreadcrumbList: Encodable, Sendable {
        var context = "https://schema.org"
        var type = "BreadcrumbList"
        var itemListElement: [ListItem]

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", itemListElement
        }
    }

    struct WebSite: Encodable, Sendable {
        var context = "https://schema.org"
        var type = "WebSite"
        var name: String
        var url: String
        var inLanguage: String
        var description: String?
        var publisher: Organization

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", name, url, inLanguage, description, publisher
        }
    }

    /// One of the descriptions a page carries; a page's list is encoded as one JSON array.
    enum Entity: Encodable, Sendable {
        case newsArticle(NewsArticle)
        case breadcrumbs(BreadcrumbList)
        case webSite(WebSite)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .newsArticle(let value): try value.encode(to: encoder)
            case .breadcrumbs(let value): try value.encode(to: encoder)
            case .webSite(let value): try value.encode(to: encoder)
            }
        }
    }

    /// The bytes to place inside the script element: a JSON array, keys sorted (deterministic).
    static func scriptBytes(_ entities: [Entity]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, numbers and arrays of them cannot fail; an empty list is still JSON.
        guard let data = try? encoder.encode(entities) else { return Array("[]".utf8) }
        return escapedForScript(Array(data))
    }

    static func escapedForScript(_ json: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(json.count + 16)
        for byte in json {
            switch byte {
            case UInt8(ascii: "<"): result += Array("\\u003c".utf8)
            case UInt8(ascii: ">"): result += Array("\\u003e".utf8)
            case UInt8(ascii: "&"): result += Array("\\u0026".utf8)
            default: result.append(byte)
            }
        }
        return result
    }
}
