import Foundation
import Testing
@testable import NewsdeskCore

/// A build that encodes nothing learns libvips' version, and the size of the theme's share
/// picture, from what an earlier build stored, instead of starting libvips again.
@Suite("What the image store remembers besides variants")
struct PictureFactsTests {
    /// A file standing for the library, and a record of it under this process's search path.
    static func recordedLibrary(version: String) throws -> (path: String, record: VipsLibraryRecord) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("libvips-\(UUID().uuidString).so").path
        try Data("a library".utf8).write(to: URL(fileURLWithPath: path))
        let stamp = try #require(VipsLibrary.stamp(of: path))
        return (path, VipsLibraryRecord(path: path, stamp: stamp, search: VipsLibrary.loaderSearch(), version: version))
    }

    @Test func theRecordOfAnUnchangedLibraryGivesTheVersion() throws {
        let (path, record) = try Self.recordedLibrary(version: "0.0.1-recorded")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (version, kept) = VipsLibrary.version(recorded: record)
        #expect(version == "0.0.1-recorded")
        #expect(kept == record)
    }

    @Test func anotherFileUnderTheRecordedNameIsAskedForItsVersion() throws {
        let (path, record) = try Self.recordedLibrary(version: "0.0.1-recorded")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.removeItem(atPath: path)
        try Data("an upgraded library".utf8).write(to: URL(fileURLWithPath: path))
        let (version, renewed) = VipsLibrary.version(recorded: record)
        #expect(version == VipsCodec.version)
        #expect(version != "unavailable")
        let library = try #require(renewed)
        #expect(library.path.contains("libvips"))
        #expect(library.version == version)
        #expect(VipsLibrary.version(recorded: library).version == version)
    }

    @Test func anotherSearchPathIsAskedForTheVersion() throws {
        var (path, record) = try Self.recordedLibrary(version: "0.0.1-recorded")
        defer { try? FileManager.default.removeItem(atPath: path) }
        record.search &+= 1
        #expect(VipsLibrary.version(recorded: record).version == VipsCodec.version)
    }

    @Test func aPictureIsMeasuredOnceAndThenLookedUp() throws {
        let store = MemoryImageStore()
        let picture = TestImages.png(width: 40, height: 30)
        #expect(ImageStage.measuredSize(of: picture, store: store) == PixelSize(width: 40, height: 30))
        let key = try #require(store.facts().sizes.keys.first)
        // Told another size, the store is believed: the picture is not decoded again.
        var facts = store.facts()
        facts.sizes[key] = PixelSize(width: 1, height: 1)
        store.saveFacts(facts)
        #expect(ImageStage.measuredSize(of: picture, store: store) == PixelSize(width: 1, height: 1))
        #expect(ImageStage.measuredSize(of: TestImages.png(width: 8, height: 8), store: store) == PixelSize(width: 8, height: 8))
    }

    @Test func whatLibvipsCannotReadHasNoSizeAndIsNotRemembered() {
        let store = MemoryImageStore()
        #expect(ImageStage.measuredSize(of: Array("not a picture".utf8), store: store) == nil)
        #expect(store.facts().sizes.isEmpty)
    }

    @Test func theStageRecordsTheLibvipsItEncodedWith() async throws {
        let store = MemoryImageStore()
        let files = ["content/images/wide.png": TestImages.png(width: 600, height: 200)]
        let stage = ImageStage(settings: ImageSettings(), source: InMemorySiteSource(bytes: files), store: store)
        _ = await stage.run(Array(files.keys))
        let library = try #require(store.facts().libvips)
        #expect(library.version == VipsCodec.version)
    }

    @Test func theFactsSurviveOnDisk() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("facts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        var facts = PictureFacts()
        facts.sizes["00000000000000ab"] = PixelSize(width: 1200, height: 630)
        facts.libvips = VipsLibraryRecord(path: "/usr/lib/libvips.so.42", stamp: 7, search: 9, version: "8.14.1")
        DiskImageStore(siteRoot: site).saveFacts(facts)
        #expect(DiskImageStore(siteRoot: site).facts() == facts)
        // `check` and the preview read what builds stored, and keep what they learn in memory.
        let reading = DiskImageStore(siteRoot: site, writes: false)
        #expect(reading.facts() == facts)
        var learned = facts
        learned.sizes = [:]
        reading.saveFacts(learned)
        #expect(reading.facts() == learned)
        #expect(DiskImageStore(siteRoot: site).facts() == facts)
    }
}
