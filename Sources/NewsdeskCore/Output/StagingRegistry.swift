import Synchronization

/// Builds in progress, so that an interrupted process can remove their staging folders before
/// it exits (Ctrl-C in a terminal, SIGTERM from CI), and say truthfully what it left.
public final class StagingRegistry: Sendable {
    public static let shared = StagingRegistry()
    private let writers = Mutex<[ObjectIdentifier: StagedOutputWriter]>([:])
    /// Output folders this process has already replaced with a new build.
    private let replaced = Mutex<[String]>([])

    func register(_ writer: StagedOutputWriter) { writers.withLock { $0[ObjectIdentifier(writer)] = writer } }
    func unregister(_ writer: StagedOutputWriter) { _ = writers.withLock { $0.removeValue(forKey: ObjectIdentifier(writer)) } }

    /// Called by a commit once its swap is done, before it lets an interrupt in.
    func noteReplaced(_ outputPath: String) { replaced.withLock { $0.append(outputPath) } }

    /// The output folders that already hold a new build, in the order they were swapped in.
    public var replacedOutputs: [String] { replaced.withLock { $0 } }

    /// Discards every build in progress; a commit already under way is allowed to finish.
    /// - Returns: the output folders that hold a new build all the same (their commit had
    ///   swapped it in), which an interrupted build must not report as left as they were.
    @discardableResult
    public func abortAll() -> [String] {
        for writer in writers.withLock({ Array($0.values) }) { writer.abort() }
        return replacedOutputs
    }
}
