import Foundation
import Synchronization

/// Where the pipeline reads a site from. The disk is one implementation; tests use memory, so
/// the stages between reading and writing never touch the file system.
public protocol SiteSource: Sendable {
    /// Site-relative paths of the regular files below `directory` (`content`, `themes/default`),
    /// sorted, plus problems such as symlinks that leave the site.
    func files(under directory: String) -> (paths: [String], diagnostics: [Diagnostic])
    func read(_ path: String) throws -> [UInt8]
    func exists(_ path: String) -> Bool
    /// A number that changes whenever the file's bytes may have changed (its inode, size and
    /// change times), or nil when the source cannot promise that: the file is then read.
    func stamp(of path: String) -> UInt64?
}

extension SiteSource {
    public func stamp(of path: String) -> UInt64? { nil }
}

public struct SourceReadError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// A site held in memory: path → bytes.
public struct InMemorySiteSource: SiteSource {
    public var contents: [String: [UInt8]]

    public init(_ files: [String: String]) {
        contents = files.mapValues { Array($0.utf8) }
    }

    public init(bytes: [String: [UInt8]]) { contents = bytes }

    public func files(under directory: String) -> (paths: [String], diagnostics: [Diagnostic]) {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return (contents.keys.filter { $0.hasPrefix(prefix) && !Self.isIgnored($0) }.sorted(), [])
    }

    public func read(_ path: String) throws -> [UInt8] {
        guard let bytes = contents[path] else { throw SourceReadError(path: path, reason: "no such file") }
        return bytes
    }

    public func exists(_ path: String) -> Bool { contents[path] != nil }

    static func isIgnored(_ path: String) -> Bool {
        path.split(separator: "/").contains { DirectoryWalker.isIgnoredName(String($0)) }
    }
}
