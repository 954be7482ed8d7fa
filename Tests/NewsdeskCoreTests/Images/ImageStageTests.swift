import CVips
import CVipsLoader
import Foundation
import Testing
@testable import NewsdeskCore

/// The image stage on its own: what variants a photo gets, and what is in them.
@Suite("Photos through libvips")
struct ImageStageTests {
    /// Runs the stage over `files` (path → bytes) and returns the catalog and the store.
    static func process(_ files: [String: [UInt8]], settings: ImageSettings = ImageSettings())
        async -> (ImageStage.Result, MemoryImageStore) {
        let store = MemoryImageStore()
        let stage = ImageStage(settings: settings, source: InMemorySiteSource(bytes: files), store: store)
        return (await stage.run(files.keys.sorted()), store)
    }

    /// The bytes of every file the photo publishes, by stored name.
    static func variantBytes(_ image: ResizedImage, in store: MemoryImageStore) throws -> [String: [UInt8]] {
        let output = InMemoryOutput()
        for variant in image.files { try store.publish(image.key, name: variant.storedName, to: variant.storedName, into: output) }
        return output.files
    }

    static func resized(_ result: ImageStage.Result, _ path: String) throws -> ResizedImage {
        guard case .resized(let image)? = result.catalog.images[path] else {
            Issue.record("\(path) was not resized: \(String(describing: result.catalog.images[path]))")
            throw CancellationError()
        }
        return image
    }

    /// Every metadata field libvips finds in an encoded file.
    static func metadataFields(_ bytes: [UInt8]) throws -> [String] {
        try #require(newsdesk_vips_start() == 0)
        let image = try #require(bytes.withUnsafeBytes { newsdesk_test_vips_open($0.baseAddress, $0.count) })
        defer { newsdesk_test_vips_unref(image) }
        guard let fields = vips_image_get_fields(image) else { return [] }
        defer { g_strfreev(fields) }
        var names: [String] = []
        var index = 0
        while let name = fields[index] {
            names.append(String(cString: name))
            index += 1
        }
        return names
    }

    @Test func portraitPhotoComesOutPortrait() async throws {
        let path = "content/news/snow/ice-sculptures.jpg"
        let (result, store) = await Self.process([path: try TestImages.examplePhoto("ice-sculptures.jpg")])
        let image = try Self.resized(result, path)
        // Stored 4000 × 3000 with orientation 6: upright it is 3000 × 4000.
        #expect(image.width == 3000 && image.height == 4000)
        #expect(image.variants.map(\.width) == [480, 480, 960, 960, 1600, 1600])
        #expect(image.variants.last?.width == 1600)
        #expect(image.variants.last?.height == 2133)
        for (name, bytes) in try Self.variantBytes(image, in: store) {
            let header = try VipsCodec.header(of: bytes)
            #expect(header.height > header.width, "\(name) is \(header.width) × \(header.height)")
        }
    }

    @Test func noVariantKeepsTheCamerasMetadata() async throws {
        let path = "content/news/snow/ice-sculptures.jpg"
        let original = try TestImages.examplePhoto("ice-sculptures.jpg")
        #expect(try Self.metadataFields(original).contains("exif-ifd3-GPSLatitude"), "the test photo carries a GPS position")
        let (result, store) = await Self.process([path: original])
        let files = try Self.variantBytes(try Self.resized(result, path), in: store)
        #expect(files.count == 8)
        for (name, bytes) in files {
            let fields = try Self.metadataFields(bytes)
            let kept = fields.filter { $0.hasPrefix("exif") || $0.contains("xmp") || $0.contains("iptc") || $0 == "orientation" || $0.contains("icc") }
            #expect(kept.isEmpty, "\(name) keeps \(kept)")
        }
    }

    @Test func widthsAreNeverUpscaled() async throws {
        let files = ["content/images/wide.png": TestImages.png(width: 700, height: 300),
                     "content/images/small.png": TestImages.png(width: 200, height: 100)]
        let (result, _) = await Self.process(files)
        let wide = try Self.resized(result, "content/images/wide.png")
        #expect(Set(wide.variants.map(\.width)) == [480, 700])
        #expect(wide.variants.first { $0.width == 700 }?.height == 300)
        #expect(wide.thumbnails.map(\.width) == [240, 240])
        let small = try Self.resized(result, "content/images/small.png")
        #expect(Set(small.variants.map(\.width)) == [200])
        #expect(small.thumbnails.map(\.width) == [200, 200])
    }

    @Test func transparencyIsKeptAsWebPAndPNG() async throws {
        let path = "content/images/logo.png"
        let (result, store) = await Self.process([path: TestImages.png(width: 600, height: 200, alpha: true)])
        let image = try Self.resized(result, path)
        #expect(Set(image.variants.map(\.format)) == [.webp, .png])
        for (name, bytes) in try Self.variantBytes(image, in: store) {
            #expect(try VipsCodec.header(of: bytes).hasAlpha, "\(name) lost its transparency")
            #expect(try Self.metadataFields(bytes).filter { $0.hasPrefix("exif") || $0.contains("icc") }.isEmpty, "\(name)")
        }
    }

    @Test func encodingIsDeterministic() async throws {
        let path = "content/news/snow/main-building.jpg"
        let photo = try TestImages.examplePhoto("main-building.jpg")
        let (first, firstStore) = await Self.process([path: photo])
        let (second, secondStore) = await Self.process([path: photo])
        let image = try Self.resized(first, path)
        #expect(image == (try Self.resized(second, path)))
        #expect(try Self.variantBytes(image, in: firstStore) == (try Self.variantBytes(image, in: secondStore)))
    }

    @Test func svgAndAnimatedGIFArePublishedAsTheyAre() async {
        let files = ["content/images/logo.svg": Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8),
                     "content/images/blink.gif": TestImages.animatedGIF]
        let (result, _) = await Self.process(files)
        #expect(result.catalog.images["content/images/logo.svg"] == .copied)
        #expect(result.catalog.images["content/images/blink.gif"] == .copied)
        #expect(result.encoded == 0)
    }

    @Test func newSettingsGiveNewNames() async throws {
        let files = ["content/images/wide.png": TestImages.png(width: 700, height: 300)]
        var settings = ImageSettings()
        settings.quality = 60
        let before = try Self.resized(await Self.process(files).0, "content/images/wide.png")
        let after = try Self.resized(await Self.process(files, settings: settings).0, "content/images/wide.png")
        #expect(before.key != after.key)
        #expect(before.publishedName(of: before.variants[0]).hasPrefix("wide-480."))
    }
}
