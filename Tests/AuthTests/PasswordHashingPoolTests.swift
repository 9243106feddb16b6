import Dispatch
import Foundation
import Synchronization
import TestSupport
import Testing
@testable import Auth

/// The hashing pool's promises, each checked by holding jobs on a gate and watching the
/// pool's events: nothing here is timed.
@Suite struct PasswordHashingPoolTests {
    /// A job body that announces it started and waits for its gate.
    final class HeldWork: Sendable {
        let started = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        private let runs = Mutex(0)
        var runCount: Int { runs.withLock { $0 } }

        func body() -> @Sendable () -> Int {
            { [self] in
                runs.withLock { $0 += 1 }
                started.signal()
                gate.wait()
                return 42
            }
        }
    }

    /// A client's connection as the pool sees it (`isClientGone`): there until the test
    /// hangs it up.
    final class Connection: Sendable {
        private let gone = Atomic<Bool>(false)
        func hangUp() { gone.store(true, ordering: .releasing) }
        var isGone: @Sendable () -> Bool { { [self] in gone.load(ordering: .acquiring) } }
    }

    /// Runs `run` on its own thread; the returned function waits for its outcome.
    static func inBackground<T: Sendable>(_ run: @escaping @Sendable () throws(PasswordHashingPool.Refusal) -> T)
        -> () -> Result<T, PasswordHashingPool.Refusal> {
        let outcome = Mutex<Result<T, PasswordHashingPool.Refusal>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            let result: Result<T, PasswordHashingPool.Refusal>
            do throws(PasswordHashingPool.Refusal) { result = .success(try run()) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }.start()
        return {
            done.wait()
            return outcome.withLock { $0 }!
        }
    }

    @Test func aFullQueueRefusesAtOnceAndHoldsAtMostThreadsPlusQueueWaiting() throws {
        let events = EventRecorder<PasswordHashingPool.Event>()
        let pool = PasswordHashingPool(threadCount: 1, queueCapacity: 2, observer: events.observer)
        let held = HeldWork()
        let running = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "a", isClientGone: { false }, held.body()) }
        held.started.wait()
        let queued = ["b", "c"].map { client in
            let outcome = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: client, isClientGone: { false }, held.body()) }
            #expect(events.wait(for: .admitted(client: client)))
            return outcome
        }
        // One running and two queued: the next callers are answered here, on this thread,
        // while every admitted job is still held.
        for client in ["d", "e", "f"] {
            #expect(throws: PasswordHashingPool.Refusal.self) {
                try pool.run(client: client, isClientGone: { false }) { 0 }
            }
        }
        let refusals = events.all.filter { if case .refused = $0 { return true } else { return false } }
        #expect(refusals.count == 3)
        #expect(held.runCount == 1)
        for _ in 0..<3 { held.gate.signal() }
        #expect(try running().get() == 42)
        for outcome in queued { #expect(try outcome().get() == 42) }
        #expect(pool.completedJobs == 3)
    }

    @Test func busyRefusalsCarryASecondsEstimate() throws {
        let pool = PasswordHashingPool(threadCount: 1, queueCapacity: 1)
        let held = HeldWork()
        let running = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "a", isClientGone: { false }, held.body()) }
        held.started.wait()
        do {
            _ = try pool.run(client: "a", isClientGone: { false }) { 0 }
            Issue.record("a second job of the same client was admitted")
        } catch {
            guard case .busy(let seconds) = error else { Issue.record("\(error)"); return }
            #expect((1...60).contains(seconds))
        }
        held.gate.signal()
        _ = running()
    }

    @Test func oneClientGetsOnlyItsShareOfTheQueue() throws {
        let events = EventRecorder<PasswordHashingPool.Event>()
        let pool = PasswordHashingPool(threadCount: 1, queueCapacity: 4, perClientLimit: 1, observer: events.observer)
        let held = HeldWork()
        let running = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "flood", isClientGone: { false }, held.body()) }
        held.started.wait()
        // The queue has room, but "flood" already has its one job in the pool.
        #expect(throws: PasswordHashingPool.Refusal.self) { try pool.run(client: "flood", isClientGone: { false }) { 0 } }
        // Another client still gets in.
        let other = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "shopper", isClientGone: { false }) { 7 } }
        #expect(events.wait(for: .admitted(client: "shopper")))
        held.gate.signal()
        _ = running()
        #expect(try other().get() == 7)
    }

    /// A client that asks little is not kept out by clients that ask a lot: it takes the
    /// queued place of the most demanding one.
    @Test func aNewcomerTakesTheQueuedPlaceOfAMoreDemandingClient() throws {
        let events = EventRecorder<PasswordHashingPool.Event>()
        let pool = PasswordHashingPool(threadCount: 1, queueCapacity: 1, perClientLimit: 1, observer: events.observer)
        // "flood" has asked before (and been refused too).
        #expect(try pool.run(client: "flood", isClientGone: { false }) { 1 } == 1)
        let held = HeldWork()
        let running = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "other", isClientGone: { false }, held.body()) }
        held.started.wait()
        let flooded = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "flood", isClientGone: { false }) { 2 } }
        // The flood's first job was admitted above; wait for this second one to be queued.
        #expect(events.wait(for: .admitted(client: "flood"), times: 2))
        let newcomer = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "newcomer", isClientGone: { false }) { 3 } }
        #expect(events.wait(for: .evicted(client: "flood")))
        if case .failure(.busy) = flooded() {} else { Issue.record("the flood's queued job should have been answered busy") }
        held.gate.signal()
        _ = running()
        #expect(try newcomer().get() == 3)
    }

    @Test func queuedJobsRunLeastDemandingClientFirst() throws {
        let events = EventRecorder<PasswordHashingPool.Event>()
        let pool = PasswordHashingPool(threadCount: 1, queueCapacity: 3, perClientLimit: 2, observer: events.observer)
        let held = HeldWork()
        let running = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "busy", isClientGone: { false }, held.body()) }
        held.started.wait()
        let order = Mutex<[String]>([])
        // "busy" queues a second job first; "quiet" (asking for the first time) queues after it.
        let second = Self.inBackground { () throws(PasswordHashingPool.Refusal) in
            try pool.run(client: "busy", isClientGone: { false }) { order.withLock { $0.append("busy") } }
        }
        #expect(events.wait(for: .admitted(client: "busy"), times: 2))
        let quiet = Self.inBackground { () throws(PasswordHashingPool.Refusal) in
            try pool.run(client: "quiet", isClientGone: { false }) { order.withLock { $0.append("quiet") } }
        }
        #expect(events.wait(for: .admitted(client: "quiet")))
        held.gate.signal()
        _ = running()
        _ = try second().get()
        _ = try quiet().get()
        #expect(order.withLock { $0 } == ["quiet", "busy"])
    }

    @Test func aQueuedJobWhoseClientHungUpIsDroppedUnhashed() throws {
        let events = EventRecorder<PasswordHashingPool.Event>()
        let pool = PasswordHashingPool(threadCount: 1, queueCapacity: 2, observer: events.observer)
        let held = HeldWork()
        let running = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "a", isClientGone: { false }, held.body()) }
        held.started.wait()
        let connection = Connection()
        let ranForGoneClient = Mutex(false)
        let queued = Self.inBackground { () throws(PasswordHashingPool.Refusal) in
            try pool.run(client: "b", isClientGone: connection.isGone) { ranForGoneClient.withLock { $0 = true } }
        }
        #expect(events.wait(for: .admitted(client: "b")))
        connection.hangUp()
        held.gate.signal()
        _ = running()
        if case .failure(.clientGone) = queued() {} else { Issue.record("the gone client's job should have been dropped") }
        #expect(ranForGoneClient.withLock { $0 } == false)
        #expect(events.all.contains(.dropped(client: "b")))
        // A client already gone is refused without queueing.
        let gone = Connection()
        gone.hangUp()
        #expect(throws: PasswordHashingPool.Refusal.clientGone) { try pool.run(client: "c", isClientGone: gone.isGone) { 0 } }
    }

    /// The pool takes each answer of `isClientGone` at its word, once per look at the queue:
    /// a job is either dropped (refused, never run) or kept, never both. When the queue was
    /// filtered and then cleaned with a second question, a client whose answer changed in
    /// between was refused and run anyway (or, the other way round, taken out of the queue
    /// and never answered, its caller waiting forever). A client whose answer changes at every
    /// question makes any such double question show.
    @Test func aJobIsDroppedOrRunNeverBothWhenItsClientChangesItsAnswer() throws {
        let events = EventRecorder<PasswordHashingPool.Event>()
        let pool = PasswordHashingPool(threadCount: 1, queueCapacity: 2, observer: events.observer)
        let held = HeldWork()
        let running = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "a", isClientGone: { false }, held.body()) }
        held.started.wait()
        let answers = Mutex(false)
        let wavering: @Sendable () -> Bool = { answers.withLock { answer in defer { answer.toggle() }; return answer } }
        let ran = Mutex(false)
        let queued = Self.inBackground { () throws(PasswordHashingPool.Refusal) in
            try pool.run(client: "b", isClientGone: wavering) { ran.withLock { $0 = true } }
        }
        #expect(events.wait(for: .admitted(client: "b")))
        held.gate.signal()
        _ = running()
        let outcome = queued()
        // One more job, queued after b's and as demanding: the single thread reaches it only
        // after b's job, had it stayed in the queue.
        #expect(try pool.run(client: "z", isClientGone: { false }) { 1 } == 1)
        let started = events.all.contains(.started(client: "b"))
        switch outcome {
        case .success:
            #expect(ran.withLock { $0 } && started && !events.all.contains(.dropped(client: "b")))
        case .failure(.clientGone):
            #expect(!ran.withLock { $0 } && !started, "b's caller was told its client was gone, yet its job ran")
        case .failure(let refusal):
            Issue.record("unexpected refusal \(refusal)")
        }
    }
}
