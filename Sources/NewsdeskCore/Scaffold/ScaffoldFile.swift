import Foundation

/// A file `init`, `new` or `theme copy` wants to create: where (relative to the site) and what.
public struct ScaffoldFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) { self.init(path: path, bytes: Array(text.utf8)) }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// A command of the scaffolding stage that cannot do what it was asked, and what to do instead.
public struct ScaffoldProblem: Error, Sendable, Equatable {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Writes scaffold files under a folder, never replacing one: each file is created with
/// `O_EXCL`, so a file that appeared meanwhile is left alone too.
public enum ScaffoldWriter {
    public enum Outcome: Sendable, Equatable {
        case created(String)
        /// Already there: kept as it was.
        case kept(String)
    }

    public static func write(_ files: [ScaffoldFile], under root: URL) throws(ScaffoldProblem) -> [Outcome] {
        var outcomes: [Outcome] = []
        for file in files {
            let target = root.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw ScaffoldProblem("cannot create the folder \(target.deletingLastPathComponent().path): \(error.localizedDescription)")
            }
            let descriptor = open(target.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor < 0 {
                guard errno == EEXIST else {
                    throw ScaffoldProblem("cannot create \(target.path): \(String(cString: strerror(errno)))")
                }
                outcomes.append(.kept(file.path))
                continue
            }
            defer { close(descriptor) }
            let written = file.bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard written == file.bytes.count else {
                throw ScaffoldProblem("cannot write \(target.path): \(String(cString: strerror(errno)))")
            }
            outcomes.append(.created(file.path))
        }
        return outcomes
    }
}

enum YAMLText {
    /// A YAML double-quoted scalar holding `text` exactly (JSON's string syntax is YAML's).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
