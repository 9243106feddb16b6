import Foundation
import Synchronization

/// A fixed set of threads running handler jobs from one FIFO queue.
///
/// Handlers may block for a long time (password hashing), so they never run on an event
/// loop. The thread count bounds how many run at once; the queue itself is bounded by the
/// connection limit because each connection has at most one request in flight.
final class WorkerPool: Sendable {
    private struct Queue {
        var jobs: [@Sendable () -> Void] = []
        /// Index of the oldest job; the consumed prefix is dropped in bulk, not per job.
        var head = 0
        var isStopping = false
    }

    private let queue = Mutex(Queue())
    /// Counts queued jobs (plus one per thread at stop), so idle threads sleep in the kernel.
    private let jobsAvailable = DispatchSemaphore(value: 0)
    private let threadsFinished = DispatchGroup()
    private let threadCount: Int

    init(threadCount: Int, name: String) {
        self.threadCount = max(1, threadCount)
        for index in 0..<self.threadCount {
            threadsFinished.enter()
            let thread = Thread { [self] in
                runJobs()
                threadsFinished.leave()
            }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        queue.withLock { $0.jobs.append(job) }
        jobsAvailable.signal()
    }

    /// Lets queued jobs finish, then ends every thread and waits for them.
    func stopAndWait() {
        queue.withLock { $0.isStopping = true }
        for _ in 0..<threadCount { jobsAvailable.signal() }
        threadsFinished.wait()
    }

    private func runJobs() {
        while true {
            jobsAvailable.wait()
            let job: (@Sendable () -> Void)? = queue.withLock { queue in
                guard queue.head < queue.jobs.count else { return nil }
                let job = queue.jobs[queue.head]
                queue.head += 1
                if queue.head == queue.jobs.count {
                    queue.jobs.removeAll(keepingCapacity: true)
                    queue.head = 0
                } else if queue.head >= 1024 && queue.head * 2 >= queue.jobs.count {
                    queue.jobs.removeFirst(queue.head)
                    queue.head = 0
                }
                return job
            }
            if let job {
                job()
            } else if queue.withLock({ $0.isStopping }) {
                return
            }
        }
    }
}
