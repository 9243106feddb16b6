import Dispatch
import Foundation
import HTTPCore
import Synchronization
import Testing
@testable import API

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
        let events = HashingPoolEvents()
        let pool = PasswordHashingPool(threadCount: 1, queueCapacity: 2, observer: events.observer)
        let held = HeldWork()
        let running = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "a", presence: ClientPresence(), held.body()) }
        held.started.wait()
        let queued = ["b", "c"].map { client in
            let outcome = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: client, presence: ClientPresence(), held.body()) }
            #expect(events.wait(for: .admitted(client: client)))
            return outcome
        }
        // One running and two queued: the next callers are answered here, on this thread,
        // while every admitted job is still held.
        for client in ["d", "e", "f"] {
            #expect(throws: PasswordHashingPool.Refusal.self) {
                try pool.run(client: client, presence: ClientPresence()) { 0 }
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
        let running = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "a", presence: ClientPresence(), held.body()) }
        held.started.wait()
        do {
            _ = try pool.run(client: "a", presence: ClientPresence()) { 0 }
            Issue.record("a second job of the same client was admitted")
        } catch {
            guard case .busy(let seconds) = error else { Issue.record("\(error)"); return }
            #expect((1...60).contains(seconds))
        }
        held.gate.signal()
        _ = running()
    }

    @Test func oneClientGetsOnlyItsShareOfTheQueue() throws {
        let events = HashingPoolEvents()
        let pool = PasswordHashingPool(threadCount: 1, queueCapacity: 4, perClientLimit: 1, observer: events.observer)
        let held = HeldWork()
        let running = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "flood", presence: ClientPresence(), held.body()) }
        held.started.wait()
        // The queue has room, but "flood" already has its one job in the pool.
        #expect(throws: PasswordHashingPool.Refusal.self) { try pool.run(client: "flood", presence: ClientPresence()) { 0 } }
        // Another client still gets in.
        let other = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "shopper", presence: ClientPresence()) { 7 } }
        #expect(events.wait(for: .admitted(client: "shopper")))
        held.gate.signal()
        _ = running()
        #expect(try other().get() == 7)
    }

    /// A client that asks little is not kept out by clients that ask a lot: it takes the
    /// queued place of the most demanding one.
    @Test func aNewcomerTakesTheQueuedPlaceOfAMoreDemandingClient() throws {
        let events = HashingPoolEvents()
        let pool = PasswordHashingPool(threadCount: 1, queueCapacity: 1, perClientLimit: 1, observer: events.observer)
        // "flood" has asked before (and been refused too).
        #expect(try pool.run(client: "flood", presence: ClientPresence()) { 1 } == 1)
        let held = HeldWork()
        let running = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "other", presence: ClientPresence(), held.body()) }
        held.started.wait()
        let flooded = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "flood", presence: ClientPresence()) { 2 } }
        // The flood's first job was admitted above; wait for this second one to be queued.
        #expect(events.wait(for: .admitted(client: "flood"), times: 2))
        let newcomer = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "newcomer", presence: ClientPresence()) { 3 } }
        #expect(events.wait(for: .evicted(client: "flood")))
        if case .failure(.busy) = flooded() {} else { Issue.record("the flood's queued job should have been answered busy") }
        held.gate.signal()
        _ = running()
        #expect(try newcomer().get() == 3)
    }

    @Test func queuedJobsRunLeastDemandingClientFirst() throws {
        let events = HashingPoolEvents()
        let pool = PasswordHashingPool(threadCount: 1, queueCapacity: 3, perClientLimit: 2, observer: events.observer)
        let held = HeldWork()
        let running = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "busy", presence: ClientPresence(), held.body()) }
        held.started.wait()
        let order = Mutex<[String]>([])
        // "busy" queues a second job first; "quiet" (asking for the first time) queues after it.
        let second = Self.inBackground { () throws(PasswordHashingPool.Refusal) in
            try pool.run(client: "busy", presence: ClientPresence()) { order.withLock { $0.append("busy") } }
        }
        #expect(events.wait(for: .admitted(client: "busy"), times: 2))
        let quiet = Self.inBackground { () throws(PasswordHashingPool.Refusal) in
            try pool.run(client: "quiet", presence: ClientPresence()) { order.withLock { $0.append("quiet") } }
        }
        #expect(events.wait(for: .admitted(client: "quiet")))
        held.gate.signal()
        _ = running()
        _ = try second().get()
        _ = try quiet().get()
        #expect(order.withLock { $0 } == ["quiet", "busy"])
    }

    @Test func aQueuedJobWhoseClientHungUpIsDroppedUnhashed() throws {
        let events = HashingPoolEvents()
        let pool = PasswordHashingPool(threadCount: 1, queueCapacity: 2, observer: events.observer)
        let held = HeldWork()
        let running = Self.inBackground { () throws(PasswordHashingPool.Refusal) in try pool.run(client: "a", presence: ClientPresence(), held.body()) }
        held.started.wait()
        let presence = ClientPresence()
        let ranForGoneClient = Mutex(false)
        let queued = Self.inBackground { () throws(PasswordHashingPool.Refusal) in
            try pool.run(client: "b", presence: presence) { ranForGoneClient.withLock { $0 = true } }
        }
        #expect(events.wait(for: .admitted(client: "b")))
        presence.markGone()
        held.gate.signal()
        _ = running()
        if case .failure(.clientGone) = queued() {} else { Issue.record("the gone client's job should have been dropped") }
        #expect(ranForGoneClient.withLock { $0 } == false)
        #expect(events.all.contains(.dropped(client: "b")))
        // A client already gone is refused without queueing.
        let gone = ClientPresence()
        gone.markGone()
        #expect(throws: PasswordHashingPool.Refusal.clientGone) { try pool.run(client: "c", presence: gone) { 0 } }
    }
}
