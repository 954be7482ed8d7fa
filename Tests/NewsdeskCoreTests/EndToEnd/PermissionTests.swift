import Foundation
import Testing
@testable import NewsdeskCore

/// Folders that cannot be read or written. Root ignores file modes, and CI runs the tests as
/// root, so the executable runs as `nobody` there (through `runuser` or `setpriv`).
@Suite("Unreadable and read-only folders", .enabled(if: Unprivileged.isAvailable))
struct PermissionTests {
    /// A built site owned by the user the executable runs as.
    static func builtSite() throws -> TemporaryDirectory {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        try Unprivileged.own(site.url)
        let first = try Unprivileged.run(["build", "--site", site.url.path])
        #expect(first.status == 0, "\(first.standardError)")
        return site
    }

    @Test func anUnreadableFolderIsAnErrorNamingIt() throws {
        let site = try Self.builtSite()
        try site.write("content/cooperation/2023-11-20-visit.md", TestSite.item(title: "Visit"))
        try Unprivileged.own(site.url)
        let before = site.snapshot("output")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: site.url.appendingPathComponent("content/cooperation").path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: site.url.appendingPathComponent("content/cooperation").path) }

        let check = try Unprivileged.run(["check", "--site", site.url.path])
        #expect(check.status == 1)
        #expect(check.standardOutput.hasPrefix("content/cooperation: error: this folder cannot be read (Permission denied)"), "\(check.standardOutput)")
        let build = try Unprivileged.run(["build", "--site", site.url.path])
        #expect(build.status == 1)
        #expect(site.snapshot("output") == before)
    }

    @Test func anUnreadableFileIsAnErrorNamingIt() throws {
        let site = try Self.builtSite()
        let image = site.url.appendingPathComponent("content/images/signing.svg")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: image.path)
        let message = "content/images/signing.svg: error: this file cannot be read (Permission denied), so the site would be built without it\n"
        let check = try Unprivileged.run(["check", "--site", site.url.path])
        #expect(check.status == 1)
        #expect(check.standardOutput.hasPrefix(message), "\(check.standardOutput)")
        let build = try Unprivileged.run(["build", "--site", site.url.path])
        #expect(build.status == 1)
        #expect(build.standardError.hasPrefix(message), "\(build.standardError)")
    }

    @Test func anUnreadableItemIsReportedByCheckAsByBuild() throws {
        let site = try Self.builtSite()
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: site.url.appendingPathComponent(ProblemSite.agreement).path)
        let message = "\(ProblemSite.agreement): error: the file cannot be read: cannot be opened (Permission denied)\n"
        let check = try Unprivileged.run(["check", "--site", site.url.path])
        #expect(check.status == 1)
        #expect(check.standardOutput.hasPrefix(message), "\(check.standardOutput)")
        let build = try Unprivileged.run(["build", "--site", site.url.path])
        #expect(build.status == 1)
        #expect(build.standardError.hasPrefix(message), "\(build.standardError)")
    }

    /// Builds a site, adds an item, gives `folder` (below the site) `permissions` and builds
    /// again: the build must fail with exit status 2 and one line saying `reason` of the folder,
    /// and leave the previous output exactly as it was, with no staging folder.
    static func expectTheSwapRefused(_ folder: String, permissions: Int16, reason: String) throws {
        let site = try Self.builtSite()
        try site.write("content/news/2023-11-24-new.md", TestSite.item(title: "New item", date: "2023-11-24"))
        try Unprivileged.own(site.url)
        let path = site.url.appendingPathComponent(folder).path
        let before = site.snapshot("output")
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }

        let build = try Unprivileged.run(["build", "--site", site.url.path])
        // The snapshot reads the folder back, which its own permissions may forbid.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        #expect(build.status == 2)
        #expect(build.standardError.contains("\(path): \(reason)"), "\(build.standardError)")
        #expect(build.standardError.split(separator: "\n").count == 1)
        #expect(site.snapshot("output") == before)
        #expect(try OutputSafetyTests.leftoverStagingFolders(in: site.url).isEmpty)
    }

    /// The swap would put the new site in place and then fail to remove the old one.
    @Test func aReadOnlyOutputFolderFailsTheBuildAndLeavesEverythingAsItWas() throws {
        try Self.expectTheSwapRefused("output/news", permissions: 0o555, reason: "this folder of the previous site is read-only")
    }

    /// The survey of the previous site cannot list it, so nothing says it could be removed.
    @Test func anUnreadableOutputFolderFailsTheBuildAndLeavesEverythingAsItWas() throws {
        try Self.expectTheSwapRefused("output", permissions: 0o300, reason: "the previous site cannot be read")
    }

    /// A full disk fails the same way: every write of the build fails for one reason.
    @Test func aFolderTheStagingCannotBeCreatedInIsOneMessageAndExitStatus2() throws {
        let site = try Self.builtSite()
        let parent = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: parent.url.appendingPathComponent("public"), withIntermediateDirectories: true)
        let output = parent.url.appendingPathComponent("public/site")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: parent.url.appendingPathComponent("public").path)

        let build = try Unprivileged.run(["build", "--site", site.url.path, "--output", output.path])
        #expect(build.status == 2)
        #expect(build.standardError.hasPrefix("error: cannot "), "\(build.standardError)")
        #expect(build.standardError.contains("Permission denied"))
        #expect(build.standardError.split(separator: "\n").count == 1, "\(build.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.url.appendingPathComponent("public").path).isEmpty)
    }
}

/// Runs the executable as a user without root's powers.
enum Unprivileged {
    /// The command that drops root, or nothing when the tests do not run as root.
    static let prefix: [String]? = {
        guard getuid() == 0 else { return [] }
        for runuser in ["/usr/sbin/runuser", "/sbin/runuser"] where FileManager.default.isExecutableFile(atPath: runuser) {
            return [runuser, "-u", "nobody", "--"]
        }
        for setpriv in ["/usr/bin/setpriv", "/bin/setpriv"] where FileManager.default.isExecutableFile(atPath: setpriv) {
            return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        }
        return nil
    }()

    static var isAvailable: Bool { prefix != nil }

    /// Gives `url` and everything below it to the user the executable runs as.
    static func own(_ url: URL) throws {
        guard getuid() == 0 else { return }
        let result = try ExternalTool.run(["chown", "-R", "65534:65534", url.path])
        guard result.status == 0 else { throw WatchError(reason: "chown failed: \(result.output)") }
    }

    static func run(_ arguments: [String]) throws -> NewsdeskBinary.Run {
        try NewsdeskBinary.run(arguments, command: (prefix ?? []) + [NewsdeskBinary.url.path])
    }
}
