import Foundation
import Synchronization

/// Runs password hashes and checks (about 0.22 s of one core each at 1,000,000 PBKDF2
/// iterations) on a few threads of their own, so that a flood of sign-ups or sign-ins cannot
/// occupy the HTTP workers that serve search, the page and chat.
///
/// Handlers are synchronous, so the HTTP worker that calls `run` waits while its job is
/// queued and hashed. The pool bounds how many workers can be waiting that way: a job is
/// either running (at most `threadCount`) or queued (at most `queueCapacity`); every other
/// caller is refused at once with `.busy`, which the API answers with 503 and Retry-After.
/// `ShopConfiguration.minimumHTTPWorkerCount` keeps `threadCount + queueCapacity` at most
/// half the HTTP workers, so the other half always serve everything else.
///
/// Fairness between clients (keys from `ClientAddressResolver`):
/// - a client has at most `perClientLimit` jobs queued or running, so one address cannot
///   take every slot;
/// - the queue runs the job of the client served least recently first (never served first),
///   not the oldest job;
/// - when the queue is full, a newcomer served less recently than the most recently served
///   client in the queue takes that job's place (that caller is answered `.busy`).
/// So while any number of addresses flood, a client that has not been hashing waits about
/// one hash per thread, not for the flood to end.
///
/// A queued job whose client has hung up (`ClientPresence.isGone`) is dropped, never hashed.
/// Threads start on demand up to `threadCount` and end when the queue is empty.
final class PasswordHashingPool: Sendable {
    enum Refusal: Error, Equatable {
        /// Queue full (or this client's share used): try again after the given seconds.
        case busy(retryAfterSeconds: Int)
        /// The client disconnected before its job ran; the job was dropped.
        case clientGone
    }

    /// What happened to a job, for tests that watch the pool without timing it.
    enum Event: Sendable, Equatable {
        case admitted(client: String)
        case refused(client: String)
        case evicted(client: String)
        case dropped(client: String)
        case started(client: String)
    }

    private final class Job: Sendable {
        let client: String
        let presence: ClientPresence
        let sequence: UInt64
        let work: @Sendable () -> Void
        let finished = DispatchSemaphore(value: 0)
        let refusal = Mutex<Refusal?>(nil)

        init(client: String, presence: ClientPresence, sequence: UInt64, work: @escaping @Sendable () -> Void) {
            self.client = client
            self.presence = presence
            self.sequence = sequence
            self.work = work
        }

        func refuse(_ reason: Refusal) {
            refusal.withLock { $0 = reason }
            finished.signal()
        }
    }

    private struct State {
        var queue: [Job] = []
        var running = 0
        var jobsPerClient: [String: Int] = [:]
        /// When each client's latest job started (monotonic nanoseconds); absent = never.
        var lastServed: [String: UInt64] = [:]
        var nextSequence: UInt64 = 0
        /// Moving average of a job's duration, for Retry-After. Starts at a typical hash.
        var averageJobNanoseconds: Double = 250_000_000
        var completedJobs = 0

        func served(_ client: String) -> UInt64 { lastServed[client] ?? 0 }

        mutating func release(_ client: String) {
            let remaining = jobsPerClient[client, default: 1] - 1
            jobsPerClient[client] = remaining > 0 ? remaining : nil
        }
    }

    /// Clients remembered for fairness; beyond this the longest-idle half is forgotten
    /// (forgotten clients count as never served, which only favours them once).
    static let maximumRememberedClients = 8192

    let threadCount: Int
    let queueCapacity: Int
    let perClientLimit: Int
    private let state = Mutex(State())
    private let observer: (@Sendable (Event) -> Void)?

    init(threadCount: Int, queueCapacity: Int, perClientLimit: Int = 1, observer: (@Sendable (Event) -> Void)? = nil) {
        self.threadCount = max(1, threadCount)
        self.queueCapacity = max(1, queueCapacity)
        self.perClientLimit = max(1, perClientLimit)
        self.observer = observer
    }

    /// Jobs that ran to completion (tests count hasher calls with it).
    var completedJobs: Int { state.withLock { $0.completedJobs } }

    /// Runs `work` on a hashing thread and returns its result, waiting while it is queued and
    /// run; or refuses at once when the pool is full, or when the client is gone.
    func run<Result: Sendable>(client: String, presence: ClientPresence,
                               _ work: @escaping @Sendable () -> Result) throws(Refusal) -> Result {
        let result = Mutex<Result?>(nil)
        var refusal: Refusal?
        var startsThread = false
        var dropped: [Job] = []
        var evicted: Job?
        let job: Job = state.withLock { state in
            let job = Job(client: client, presence: presence, sequence: state.nextSequence) { result.withLock { $0 = work() } }
            state.nextSequence += 1
            dropped = Self.removeGoneJobs(from: &state)
            if presence.isGone {
                refusal = .clientGone
            } else if state.jobsPerClient[client, default: 0] >= perClientLimit {
                refusal = .busy(retryAfterSeconds: retryAfterSeconds(state))
            } else if state.queue.count >= queueCapacity {
                // The queued job of the most recently served client (the newest of equals)
                // gives way to a newcomer served less recently than that client.
                let victimIndex = state.queue.indices.max { left, right in
                    (state.served(state.queue[left].client), state.queue[left].sequence)
                        < (state.served(state.queue[right].client), state.queue[right].sequence)
                }
                if let victimIndex, state.served(client) < state.served(state.queue[victimIndex].client) {
                    let victim = state.queue.remove(at: victimIndex)
                    state.release(victim.client)
                    evicted = victim
                } else {
                    refusal = .busy(retryAfterSeconds: retryAfterSeconds(state))
                }
            }
            if refusal == nil {
                state.queue.append(job)
                state.jobsPerClient[client, default: 0] += 1
                if state.running < threadCount {
                    state.running += 1
                    startsThread = true
                }
            }
            return job
        }
        for gone in dropped {
            observer?(.dropped(client: gone.client))
            gone.refuse(.clientGone)
        }
        if let evicted {
            observer?(.evicted(client: evicted.client))
            evicted.refuse(.busy(retryAfterSeconds: state.withLock { retryAfterSeconds($0) }))
        }
        if let refusal {
            observer?(.refused(client: client))
            throw refusal
        }
        observer?(.admitted(client: client))
        if startsThread {
            let thread = Thread { [self] in drain() }
            thread.name = "password-hashing"
            thread.start()
        }
        job.finished.wait()
        if let reason = job.refusal.withLock({ $0 }) { throw reason }
        guard let value = result.withLock({ $0 }) else {
            // The job's closure always stores its result before the semaphore is signalled.
            preconditionFailure("hashing job finished without a result")
        }
        return value
    }

    /// A hashing thread: runs queued jobs, least recently served client first, and ends when
    /// the queue is empty.
    private func drain() {
        while true {
            var dropped: [Job] = []
            let next: Job? = state.withLock { state in
                dropped = Self.removeGoneJobs(from: &state)
                let chosen = state.queue.indices.min { left, right in
                    (state.served(state.queue[left].client), state.queue[left].sequence)
                        < (state.served(state.queue[right].client), state.queue[right].sequence)
                }
                guard let chosen else {
                    state.running -= 1
                    return nil
                }
                let job = state.queue.remove(at: chosen)
                state.lastServed[job.client] = MonotonicClock.now()
                if state.lastServed.count > Self.maximumRememberedClients {
                    let kept = state.lastServed.sorted { $0.value > $1.value }.prefix(Self.maximumRememberedClients / 2)
                    state.lastServed = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
                }
                return job
            }
            for gone in dropped {
                observer?(.dropped(client: gone.client))
                gone.refuse(.clientGone)
            }
            guard let job = next else { return }
            observer?(.started(client: job.client))
            let start = MonotonicClock.now()
            job.work()
            let elapsed = Double(MonotonicClock.now() &- start)
            state.withLock { state in
                state.release(job.client)
                state.completedJobs += 1
                state.averageJobNanoseconds = 0.8 * state.averageJobNanoseconds + 0.2 * elapsed
            }
            job.finished.signal()
        }
    }

    /// Takes out queued jobs whose clients have disconnected; the caller refuses them
    /// outside the lock.
    private static func removeGoneJobs(from state: inout State) -> [Job] {
        let gone = state.queue.filter { $0.presence.isGone }
        guard !gone.isEmpty else { return [] }
        state.queue.removeAll { $0.presence.isGone }
        for job in gone { state.release(job.client) }
        return gone
    }

    /// How long until a new job would likely get a place: the work ahead of it spread over
    /// the threads, from 1 to 60 seconds.
    private func retryAfterSeconds(_ state: State) -> Int {
        let ahead = Double(state.queue.count + state.running)
        let seconds = (ahead * state.averageJobNanoseconds / Double(threadCount) / 1e9).rounded(.up)
        return Int(min(60, max(1, seconds.isFinite ? seconds : 1)))
    }
}
