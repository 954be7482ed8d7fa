import Foundation

/// `site.webmanifest`: what a phone shows when a reader adds the site to the home screen.
/// Encoded by `JSONEncoder`, keys sorted, so the bytes are the same on every build.
struct WebManifest: Sendable {
    let contexts: PageContextBuilder

    struct Icon: Encodable, Sendable {
        var src: String
        var sizes: String
        var type: String
    }

    struct Manifest: Encodable, Sendable {
        var name: String
        var shortName: String
        var lang: String
        var startURL: String
        var scope: String
        var display = "minimal-ui"
        var backgroundColor = "#ffffff"
        var themeColor = "#0b3d91"
        var icons: [Icon]

        enum CodingKeys: String, CodingKey {
            case name, shortName = "short_name", lang, startURL = "start_url", scope, display
            case backgroundColor = "background_color", themeColor = "theme_color", icons
        }
    }

    func bytes() -> [UInt8] {
        let site = contexts.site
        let urls = site.urls
        let edition = site.languages[0]
        let manifest = Manifest(
            name: edition.title, shortName: edition.title,
            lang: edition.code, startURL: urls.href(edition.pathPrefix), scope: urls.basePath,
            icons: [192, 512].map { size in
                let path = SiteIcons.rasterSource(site.config.branding) == nil ? "brand/icon-\(size).png" : SiteIcons.sitePath(size: size)
                return Icon(src: urls.href(path), sizes: "\(size)x\(size)", type: "image/png")
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // A struct of strings always encodes.
        return (try? encoder.encode(manifest)).map { Array($0) + [0x0A] } ?? []
    }
}
