import Foundation
import Synchronization

/// The threads a build runs on: one per core, owned by this executor and allowed to block.
///
/// A build blocks all the time: it reads every source, writes or links every output and
/// stats tens of thousands of files. Swift's cooperative pool, which runs tasks by default,
/// has one thread per core and assumes that no task ever blocks one; a build that did so
/// would starve everything else in the process (the preview server's requests, its watcher's
/// deliveries). So every build runs its tasks here: `WorkerPool.run` sets this executor as the
/// preference of the build's task, which its child tasks and `async let`s inherit, and the
/// pipeline stays structured concurrency (task groups, `async let`) from end to end.
///
/// With more cores there are more threads and `ConcurrentMap` keeps twice as many chunks in
/// flight; the work that stays serial is listed in ARCHITECTURE.md.
public final class WorkerPool: TaskExecutor {
    /// One thread per core the process may use.
    public static let shared = WorkerPool(threads: ProcessInfo.processInfo.activeProcessorCount)

    /// Jobs waiting for a thread, oldest first from `head`; `condition` wakes an idle thread.
    private struct Queue {
        var jobs: [UnownedJob] = []
        var head = 0
    }

    private let queue = Mutex(Queue())
    private let condition = NSCondition()
    public let threadCount: Int

    init(threads: Int) {
        threadCount = max(1, threads)
        for number in 1...threadCount {
            let thread = Thread { [self] in work() }
            thread.name = "newsdesk worker \(number)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        queue.withLock { $0.jobs.append(job) }
        condition.signal()
        condition.unlock()
    }

    /// Runs `operation` with this pool as its task executor: everything it awaits, and every
    /// child task it starts, runs on the pool's threads.
    public static func run<Result, Failure: Error>(isolation: isolated (any Actor)? = #isolation,
                                                   _ operation: () async throws(Failure) -> Result) async throws(Failure) -> Result {
        try await withTaskExecutorPreference(shared, isolation: isolation, operation: operation)
    }

    private func work() {
        while true {
            condition.lock()
            var job = queue.withLock { Self.next(&$0) }
            while job == nil {
                condition.wait()
                job = queue.withLock { Self.next(&$0) }
            }
            condition.unlock()
            job?.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    private static func next(_ queue: inout Queue) -> UnownedJob? {
        guard queue.head < queue.jobs.count else { return nil }
        let job = queue.jobs[queue.head]
        queue.head += 1
        if queue.head == queue.jobs.count {
            queue.jobs.removeAll(keepingCapacity: true)
            queue.head = 0
        } else if queue.head >= 1024, queue.head * 2 >= queue.jobs.count {
            queue.jobs.removeFirst(queue.head)
            queue.head = 0
        }
        return job
    }
}
