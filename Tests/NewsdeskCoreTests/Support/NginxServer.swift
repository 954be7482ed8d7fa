import Foundation

/// Debian's nginx, started by a test on a free loopback port to serve a built site under a
/// sub-path exactly as the university's web host does. `make test` installs nginx.
final class NginxServer {
    let port: Int
    let directory: URL
    private let process: Process

    static let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// Serves `root` at `http://127.0.0.1:<port><subPath>` (subPath like `/news-site/`); with
    /// `ranges` false, range requests get the whole file, as from a host that ignores them.
    init(serving root: URL, at subPath: String, in directory: URL, ranges: Bool = true) throws {
        guard let binary = Self.binary else { throw Unavailable(description: "nginx is not installed; run make test-deps") }
        self.directory = directory
        var lastError = ""
        for _ in 0..<5 {
            let port = try Self.freePort()
            let config = directory.appendingPathComponent("nginx-\(port).conf")
            try Self.configuration(port: port, root: root, subPath: subPath, directory: directory, ranges: ranges)
                .write(to: config, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["-p", directory.path, "-c", config.path, "-e", directory.appendingPathComponent("error.log").path]
            process.standardError = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            if Self.waitUntilListening(port: port, process: process) {
                self.port = port
                self.process = process
                return
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            lastError = (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        }
        throw Unavailable(description: "nginx did not start: \(lastError)")
    }

    deinit {
        // A single-process nginx (master_process off) does not always stop on SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    static func configuration(port: Int, root: URL, subPath: String, directory: URL, ranges: Bool = true) -> String {
        let temp = directory.path
        return """
            worker_processes 1;
            daemon off;
            master_process off;
            pid \(temp)/nginx.pid;
            events { worker_connections 64; }
            http {
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                access_log off;
                client_body_temp_path \(temp)/client;
                proxy_temp_path \(temp)/proxy;
                fastcgi_temp_path \(temp)/fastcgi;
                uwsgi_temp_path \(temp)/uwsgi;
                scgi_temp_path \(temp)/scgi;
                server {
                    listen 127.0.0.1:\(port);
                    location \(subPath) {
                        alias \(root.path)/;
                        index index.html;
                        \(ranges ? "" : "max_ranges 0;")
                    }
                }
            }
            """
    }

    /// A port the kernel just handed out; nginx binds it right after (retried on a clash).
    static func freePort() throws -> Int {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw Unavailable(description: "socket() failed") }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, length) == 0 && getsockname(socketDescriptor, $0, &length) == 0 }
        }
        guard bound else { throw Unavailable(description: "bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func waitUntilListening(port: Int, process: Process) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, process.isRunning {
            let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(socketDescriptor)
            if connected { return true }
            usleep(50_000)
        }
        return false
    }
}

extension NginxServer {
    /// The example site built for `/news-site/` on this server and served there. The port is
    /// only known once nginx runs, so the folder is served first and built into.
    static func servingExampleSite(in work: TemporaryDirectory, ranges: Bool = true) throws -> (server: NginxServer, base: String, build: NewsdeskBinary.Run) {
        let output = work.url.appendingPathComponent("output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let server = try NginxServer(serving: output, at: "/news-site/", in: work.url, ranges: ranges)
        let base = "\(server.baseURL)/news-site/"
        let build = try NewsdeskBinary.run(["build", "--site", TestSite.repositoryRoot.path, "--output", output.path, "--base-url", base])
        return (server, base, build)
    }
}
