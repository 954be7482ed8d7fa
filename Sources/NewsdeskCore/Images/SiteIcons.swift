/// The icons browsers and phones ask for, made from site.yml's `favicon` (a picture of any
/// size under `content/`): a tab icon, the home-screen icons of the web app manifest and
/// Apple's touch icon. Without a raster favicon the theme's own icons are used.
public enum SiteIcons {
    /// Tab, Apple touch icon, and the manifest's two.
    public static let sizes = [32, 180, 192, 512]

    /// `icons/icon-192.png`
    public static func sitePath(size: Int) -> String { "icons/icon-\(size).png" }

    /// The favicon's file under `content/`, when it is a picture libvips resizes (an SVG is
    /// published and linked as it is: it has no size to make).
    static func rasterSource(_ branding: SiteConfig.Branding) -> String? {
        guard let favicon = branding.favicon else { return nil }
        let path = "content/" + PageContextBuilder.contentSitePath(favicon)
        return path.lowercased().hasSuffix(".svg") ? nil : path
    }

    /// The PNG of one icon; a picture that cannot be read is reported against `favicon:`.
    static func png(_ bytes: [UInt8], size: Int, maxPixels: Int) throws -> [UInt8] {
        do {
            return try VipsCodec.squareIcon(bytes, size: size, maxPixels: maxPixels)
        } catch {
            throw SiteIconError(message: "the favicon \(error.message)")
        }
    }
}

struct SiteIconError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A picture's size in pixels.
public struct PixelSize: Sendable, Hashable, Codable {
    public var width: Int
    public var height: Int
}
