import Foundation

/// What one run of a program cost, read from the kernel (`wait4`) rather than estimated.
struct Measurement {
    var wallSeconds: Double
    var cpuSeconds: Double
    /// Peak resident set size of the child.
    var peakBytes: Int
    var status: Int32
    var output: String

    var peakMegabytes: Double { Double(peakBytes) / 1_048_576 }
}

enum MeasuredProcess {
    /// Runs `executable` with `arguments`, standard output and error collected in `logFile`.
    static func run(_ executable: String, _ arguments: [String], logFile: String) throws -> Measurement {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, logFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let start = DispatchTime.now()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime)
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let output = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        return Measurement(wallSeconds: wall, cpuSeconds: cpu, peakBytes: Int(usage.ru_maxrss) * 1024, status: exitStatus, output: output)
    }

    private static func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
