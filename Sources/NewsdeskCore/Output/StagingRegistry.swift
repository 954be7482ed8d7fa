import Synchronization

/// Builds in progress, so that an interrupted process can remove their staging folders before
/// it exits (Ctrl-C in a terminal, SIGTERM from CI).
public final class StagingRegistry: Sendable {
    public static let shared = StagingRegistry()
    private let writers = Mutex<[ObjectIdentifier: StagedOutputWriter]>([:])

    func register(_ writer: StagedOutputWriter) { writers.withLock { $0[ObjectIdentifier(writer)] = writer } }
    func unregister(_ writer: StagedOutputWriter) { _ = writers.withLock { $0.removeValue(forKey: ObjectIdentifier(writer)) } }

    /// Discards every build in progress; a commit already under way is allowed to finish.
    public func abortAll() {
        for writer in writers.withLock({ Array($0.values) }) { writer.abort() }
    }
}
