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
/// Fairness between clients (keys from `ClientAddressResolver`), after fair queueing's rule
/// of serving the least demanding flow first:
/// - a client has at most `perClientLimit` jobs queued or running, so one address cannot
///   take every slot;
/// - each client's *demand* is how many jobs it has asked for lately, admitted or refused,
///   as a count that halves every `demandHalfLifeSeconds`;
/// - the queue runs the job of the least demanding client first, not the oldest job;
/// - when the queue is full, a newcomer less demanding than the most demanding client in the
///   queue takes that job's place (that caller is answered `.busy`).
/// A flooding address asks many times a second; a shopper signing in asks once or twice.
/// So while one address or many flood, the shopper waits about one hash per thread, not for
/// the flood to end. (Clients that each ask as rarely as a shopper look like shoppers: no
/// queue can tell them apart, and the per-address throttles are what limit them.)
///
/// A queued job whose client has hung up (its `isClientGone` answers true) is dropped, never
/// hashed. Threads start on demand up to `threadCount` and end when the queue is empty.
public final class PasswordHashingPool: Sendable {
    public enum Refusal: Error, Equatable {
        /// Queue full (or this client's share used): try again after the given seconds.
        case busy(retryAfterSeconds: Int)
        /// The client disconnected before its job ran; the job was dropped.
        case clientGone
    }

    /// What happened to a job, for tests that watch the pool without timing it.
    public enum Event: Sendable, Equatable {
        case admitted(client: String)
        case refused(client: String)
        case evicted(client: String)
        case dropped(client: String)
        case started(client: String)
    }

    private final class Job: Sendable {
        let client: String
        let isClientGone: @Sendable () -> Bool
        let sequence: UInt64
        let work: @Sendable () -> Void
        let finished = DispatchSemaphore(value: 0)
        let refusal = Mutex<Refusal?>(nil)

        init(client: String, isClientGone: @escaping @Sendable () -> Bool, sequence: UInt64, work: @escaping @Sendable () -> Void) {
            self.client = client
            self.isClientGone = isClientGone
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
        /// Each client's demand when last updated, and when (monotonic nanoseconds).
        var demand: [String: (count: Double, updatedAt: UInt64)] = [:]
        var nextSequence: UInt64 = 0
        /// Moving average of a job's duration, for Retry-After. Starts at a typical hash.
        var averageJobNanoseconds: Double = 250_000_000
        var completedJobs = 0

        /// The client's demand at `now`: its recorded count, halved per half-life since.
        func demand(of client: String, now: UInt64) -> Double {
            guard let entry = demand[client] else { return 0 }
            let elapsedSeconds = Double(now &- entry.updatedAt) / 1e9
            return entry.count * exp2(-elapsedSeconds / PasswordHashingPool.demandHalfLifeSeconds)
        }

        /// Counts one more request of `client`; forgets the least demanding half of the
        /// clients when too many are remembered (forgotten ones count as new, which favours
        /// only clients that asked little anyway).
        mutating func recordRequest(of client: String, now: UInt64) {
            demand[client] = (demand(of: client, now: now) + 1, now)
            if demand.count > PasswordHashingPool.maximumRememberedClients {
                let kept = demand.map { ($0.key, demand(of: $0.key, now: now)) }.sorted { $0.1 > $1.1 }
                    .prefix(PasswordHashingPool.maximumRememberedClients / 2)
                demand = Dictionary(uniqueKeysWithValues: kept.map { ($0.0, (count: $0.1, updatedAt: now)) })
            }
        }

        mutating func release(_ client: String) {
            let remaining = jobsPerClient[client, default: 1] - 1
            jobsPerClient[client] = remaining > 0 ? remaining : nil
        }
    }

    /// Clients remembered for fairness; beyond this the least demanding half is forgotten.
    static let maximumRememberedClients = 8192
    /// A client's demand halves over this time: long enough to remember a flood between its
    /// bursts, short enough that a shopper who retried a few times is soon new again.
    static let demandHalfLifeSeconds = 30.0

    public let threadCount: Int
    public let queueCapacity: Int
    let perClientLimit: Int
    private let state = Mutex(State())
    private let observer: (@Sendable (Event) -> Void)?

    public init(threadCount: Int, queueCapacity: Int, perClientLimit: Int = 1, observer: (@Sendable (Event) -> Void)? = nil) {
        self.threadCount = max(1, threadCount)
        self.queueCapacity = max(1, queueCapacity)
        self.perClientLimit = max(1, perClientLimit)
        self.observer = observer
    }

    /// Jobs that ran to completion (tests count hasher calls with it).
    var completedJobs: Int { state.withLock { $0.completedJobs } }

    /// Jobs hashing now and jobs waiting, as `/metrics` reports them.
    public var load: (running: Int, queued: Int) { state.withLock { ($0.running, $0.queue.count) } }

    /// Runs `work` on a hashing thread and returns its result, waiting while it is queued and
    /// run; or refuses at once when the pool is full, or when the client is gone.
    /// `isClientGone` is asked on admission and whenever the queue is looked at, so a
    /// client that hangs up while queued is dropped (for HTTP: its `ClientPresence`).
    public func run<Result: Sendable>(client: String, isClientGone: @escaping @Sendable () -> Bool,
                                      _ work: @escaping @Sendable () -> Result) throws(Refusal) -> Result {
        let result = Mutex<Result?>(nil)
        var refusal: Refusal?
        var startsThread = false
        var dropped: [Job] = []
        var evicted: Job?
        let job: Job = state.withLock { state in
            let job = Job(client: client, isClientGone: isClientGone, sequence: state.nextSequence) { result.withLock { $0 = work() } }
            state.nextSequence += 1
            let now = DispatchTime.now().uptimeNanoseconds
            state.recordRequest(of: client, now: now)
            dropped = Self.removeGoneJobs(from: &state)
            if isClientGone() {
                refusal = .clientGone
            } else if state.jobsPerClient[client, default: 0] >= perClientLimit {
                refusal = .busy(retryAfterSeconds: retryAfterSeconds(state))
            } else if state.queue.count >= queueCapacity {
                // The queued job of the most demanding client (the newest of equals) gives
                // way to a newcomer less demanding than that client.
                let victimIndex = state.queue.indices.max { left, right in
                    (state.demand(of: state.queue[left].client, now: now), state.queue[left].sequence)
                        < (state.demand(of: state.queue[right].client, now: now), state.queue[right].sequence)
                }
                if let victimIndex, state.demand(of: client, now: now) < state.demand(of: state.queue[victimIndex].client, now: now) {
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

    /// A hashing thread: runs queued jobs, least demanding client first (the oldest job of
    /// equals), and ends when the queue is empty.
    private func drain() {
        while true {
            var dropped: [Job] = []
            let next: Job? = state.withLock { state in
                dropped = Self.removeGoneJobs(from: &state)
                let now = DispatchTime.now().uptimeNanoseconds
                let chosen = state.queue.indices.min { left, right in
                    (state.demand(of: state.queue[left].client, now: now), state.queue[left].sequence)
                        < (state.demand(of: state.queue[right].client, now: now), state.queue[right].sequence)
                }
                guard let chosen else {
                    state.running -= 1
                    return nil
                }
                return state.queue.remove(at: chosen)
            }
            for gone in dropped {
                observer?(.dropped(client: gone.client))
                gone.refuse(.clientGone)
            }
            guard let job = next else { return }
            observer?(.started(client: job.client))
            let start = DispatchTime.now().uptimeNanoseconds
            job.work()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds &- start)
            state.withLock { state in
                state.release(job.client)
                state.completedJobs += 1
                state.averageJobNanoseconds = 0.8 * state.averageJobNanoseconds + 0.2 * elapsed
            }
            job.finished.signal()
        }
    }

    /// Takes out queued jobs whose clients have disconnected; the caller refuses them
    /// outside the lock. Each client is asked once: a job taken out is exactly a job refused.
    private static func removeGoneJobs(from state: inout State) -> [Job] {
        var kept: [Job] = [], gone: [Job] = []
        for job in state.queue {
            if job.isClientGone() { gone.append(job) } else { kept.append(job) }
        }
        guard !gone.isEmpty else { return [] }
        state.queue = kept
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
