import Testing
@testable import NewsdeskCore

@Suite("Request paths")
struct RequestPathResolverTests {
    let files: Set<String> = ["index.html", "news/index.html", "news/a/index.html", "css/style.css", "images/photo.png", "404.html"]

    func resolve(_ rawPath: String) -> RequestPathResolver.Resolution {
        RequestPathResolver().resolve(rawPath: rawPath) { files.contains($0) }
    }

    @Test func folderURLsServeTheirIndex() {
        #expect(resolve("/") == .file("index.html"))
        #expect(resolve("/news/") == .file("news/index.html"))
        #expect(resolve("/news/a/") == .file("news/a/index.html"))
    }

    @Test func filesAreServedByTheirPath() {
        #expect(resolve("/css/style.css") == .file("css/style.css"))
        #expect(resolve("/news/a/index.html") == .file("news/a/index.html"))
    }

    @Test func aFolderWithoutItsSlashRedirectsToIt() {
        #expect(resolve("/news") == .redirect(location: "/news/"))
        #expect(resolve("/news/a") == .redirect(location: "/news/a/"))
    }

    @Test func missingFilesAndFoldersWithoutIndexAreNotFound() {
        #expect(resolve("/nothing.html") == .notFound)
        #expect(resolve("/images/") == .notFound)
        #expect(resolve("/images") == .notFound)
    }

    @Test func percentEncodedNamesAreDecoded() {
        let resolver = RequestPathResolver()
        #expect(resolver.resolve(rawPath: "/%E6%96%B0%E9%97%BB/") { $0 == "新闻/index.html" } == .file("新闻/index.html"))
        #expect(resolver.resolve(rawPath: "/a%20b.txt") { $0 == "a b.txt" } == .file("a b.txt"))
    }

    @Test(arguments: [
        "/../etc/passwd", "/news/../../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/%2e%2e/etc/passwd",
        "/news/%2e%2e%2f%2e%2e%2fetc/passwd", "/..%2fetc/passwd", "/news%2f..%2f..%2fetc%2fpasswd",
        "/..\\etc\\passwd", "/news\\..\\..\\etc\\passwd", "/%5c..%5cetc%5cpasswd",
        "/index.html%00.png", "/news/\0/x", "/%c0%ae%c0%ae/etc/passwd", "/%c0%af..%c0%afetc",
        "/%e0%80%ae%e0%80%ae/etc/passwd", "/./index.html", "/news//a/", "/%zz", "/%2", "relative/path",
    ])
    func everyTraversalFormIsRefused(rawPath: String) {
        guard case .badRequest = resolve(rawPath) else {
            Issue.record("\(rawPath.debugDescription) resolved to \(resolve(rawPath))")
            return
        }
    }
}
