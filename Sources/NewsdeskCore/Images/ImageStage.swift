/// The image stage: every picture under `content/` → an `ImageCatalog`, with the variants of
/// each photo encoded into an `ImageStore` (or found there from a previous build).
///
/// Runs after the content is listed and before the site graph is resolved, which plans the
/// variants' files; photos are encoded on every core, one photo per task, outside cmark-gfm's
/// parse lock (nothing is parsed yet). The same bytes and settings always give the same files.
public struct ImageStage: Sendable {
    public let settings: ImageSettings
    public let source: any SiteSource
    public let store: any ImageStore

    public init(settings: ImageSettings, source: any SiteSource, store: any ImageStore) {
        self.settings = settings
        self.source = source
        self.store = store
    }

    public struct Result: Sendable {
        public var catalog: ImageCatalog
        /// Photos encoded by this build (not found in the store).
        public var encoded = 0
    }

    /// File extensions libvips decodes into variants.
    static let rasterExtensions: Set<String> = ["jpg", "jpeg", "png", "webp", "gif", "tif", "tiff", "avif", "heic", "heif"]

    static func fileExtension(of path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// Whether the stage decides how `path` is published (pictures), rather than copying it.
    public static func handles(_ path: String) -> Bool {
        let kind = fileExtension(of: path)
        return kind == "svg" || rasterExtensions.contains(kind)
    }

    public func run(_ contentFiles: [String]) async -> Result {
        let pictures = contentFiles.filter(Self.handles)
        let known = store.stamps()
        let fingerprint = settings.fingerprint(libvips: libvipsVersion())
        let outcomes = await ConcurrentMap.map(pictures, chunkSize: 1) { path in
            process(path, known: known[path], fingerprint: fingerprint)
        }
        var result = Result(catalog: ImageCatalog(settings: settings))
        var stamps: [String: ImageStamp] = [:]
        for (path, outcome) in zip(pictures, outcomes) {
            result.catalog.images[path] = outcome.outcome
            if outcome.encoded { result.encoded += 1 }
            if let stamp = outcome.stamp { stamps[path] = stamp }
        }
        store.saveStamps(stamps)
        return result
    }

    /// The version of libvips, from the store's record when it still holds (`VipsLibrary`);
    /// a new record is stored.
    private func libvipsVersion() -> String {
        var facts = store.facts()
        let (version, record) = VipsLibrary.version(recorded: facts.libvips)
        if record != facts.libvips {
            facts.libvips = record
            store.saveFacts(facts)
        }
        return version
    }

    /// - Parameter fingerprint: `settings.fingerprint(libvips:)` of this build.
    func process(_ path: String, known: ImageStamp?, fingerprint: UInt64) -> (outcome: ImageOutcome, encoded: Bool, stamp: ImageStamp?) {
        if Self.fileExtension(of: path) == "svg" { return (.copied, false, nil) }
        // Taken before the read: a photo saved meanwhile gets another stamp next time.
        let stamp = source.stamp(of: path)
        if let stamp, let known, known.stamp == stamp, known.settings == fingerprint, let stored = store.load(known.key) {
            return (.resized(Self.resized(stored, key: known.key, path: path)), false, known)
        }
        let (outcome, encoded) = process(path, fingerprint: fingerprint)
        guard let stamp, case .resized(let image) = outcome else { return (outcome, encoded, nil) }
        return (outcome, encoded, ImageStamp(stamp: stamp, settings: fingerprint, key: image.key))
    }

    static func resized(_ stored: StoredImage, key: String, path: String) -> ResizedImage {
        ResizedImage(key: key, width: stored.width, height: stored.height, variants: stored.variants, thumbnails: stored.thumbnails,
                     stem: stem(of: path))
    }

    private func process(_ path: String, fingerprint: UInt64) -> (outcome: ImageOutcome, encoded: Bool) {
        let bytes: [UInt8]
        do {
            bytes = try source.read(path)
        } catch {
            return (.failed(message: "cannot be read: \(error)", hint: "check the file's permissions"), false)
        }
        var hasher = StableHasher()
        hasher.combine(StableHasher.fingerprint(bytes))
        hasher.combine(fingerprint)
        let key = String(hasher.value, radix: 16).leftPadded(to: 16)
        if let stored = store.load(key) { return (.resized(Self.resized(stored, key: key, path: path)), false) }
        do throws(VipsCodec.Failure) {
            let header = try VipsCodec.header(of: bytes)
            if header.pageCount > 1 { return (.copied, false) }
            guard header.width * header.height <= settings.maxPixels else {
                throw .tooLarge(width: header.width, height: header.height)
            }
            let (stored, files) = try encode(bytes, header: header)
            do {
                try store.save(key, image: stored, files: files)
            } catch {
                return (.failed(message: "could not be stored in the image cache: \(error)",
                                hint: "check that .newsdesk-cache/ can be written"), true)
            }
            return (.resized(Self.resized(stored, key: key, path: path)), true)
        } catch {
            return (.failed(message: error.message, hint: error.hint), false)
        }
    }

    /// Every width of the settings below the photo's own, and the photo's own width when a
    /// setting is wider: never enlarged.
    static func widths(for originalWidth: Int, settings: ImageSettings) -> [Int] {
        var widths = settings.widths.filter { $0 < originalWidth }
        if settings.widths.contains(where: { $0 >= originalWidth }) { widths.append(originalWidth) }
        return widths
    }

    private func encode(_ bytes: [UInt8], header: VipsCodec.Header) throws(VipsCodec.Failure) -> (StoredImage, [String: [UInt8]]) {
        let widths = Self.widths(for: header.width, settings: settings)
        let encoded = try VipsCodec.encode(bytes, widths: widths + [min(settings.thumbnailWidth, header.width)],
                                           formats: settings.formats(hasAlpha: header.hasAlpha), quality: settings.quality)
        var files: [String: [UInt8]] = [:]
        let variants = encoded.map { image in
            image.files.map { file in
                let variant = ImageVariant(width: image.width, height: image.height, format: file.format)
                files[variant.storedName] = file.bytes
                return variant
            }
        }
        return (StoredImage(width: header.width, height: header.height, variants: variants.dropLast().flatMap { $0 },
                            thumbnails: variants.last ?? []), files)
    }

    /// `content/news/x/Photo 1.JPG` → `photo-1`: a URL-safe start for the published names.
    static func stem(of path: String) -> String {
        let name = String(path.split(separator: "/").last ?? "")
        let base = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        let slug = Slug.make(from: base)
        return slug.isEmpty ? "image" : slug
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

extension ImageStage {
    /// The size of a picture a page prints without resizing it (the theme's share picture),
    /// remembered in `store` by the picture's bytes, so that libvips is started only for a
    /// picture no build has measured; nil when libvips cannot read it.
    static func measuredSize(of bytes: [UInt8], store: any ImageStore) -> PixelSize? {
        let key = String(StableHasher.fingerprint(bytes), radix: 16).leftPadded(to: 16)
        var facts = store.facts()
        if let size = facts.sizes[key] { return size }
        guard let header = try? VipsCodec.header(of: bytes) else { return nil }
        let size = PixelSize(width: header.width, height: header.height)
        // Only the newest: a theme has one share picture, and old ones are not looked up again.
        facts.sizes = [key: size]
        store.saveFacts(facts)
        return size
    }
}
