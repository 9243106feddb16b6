import Foundation
import Synchronization
import Testing
@testable import Store

/// The throttles' shared counts (`ThrottleStore`) on both engines: a window and a bucket
/// count the same as their in-memory counterparts (`FailureWindows`, `TokenBuckets`), two
/// nodes count one set of attempts, parallel reservations on both nodes never pass a limit,
/// and expired rows go. Clocks are numbers passed in; nothing waits.
@Suite struct ThrottleStoreTests {
    static func window(_ subject: String = "alice", limit: Int = 3) -> ThrottleStore.Window {
        ThrottleStore.Window(scope: "login-account", subject: subject, limit: limit, windowSeconds: 100)
    }

    static func bucket(_ subject: String = "198.51.100.7", capacity: Int = 3) -> ThrottleStore.Bucket {
        ThrottleStore.Bucket(scope: "login-address", subject: subject, capacity: capacity, refillSeconds: 10)
    }

    /// Failures recorded alternately on two nodes close the window for both, with the wait
    /// until the oldest failure leaves it, as one node counting them all would.
    @Test(arguments: StoreBackend.all) func failuresOnTwoNodesCloseOneWindow(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let nodes = [ThrottleStore(database: test.database), ThrottleStore(database: try test.secondNode())]
        let window = Self.window()
        for number in 0..<3 {
            let node = nodes[number % 2]
            #expect(try node.reserve(attempt: "a\(number)", windows: [window], bucket: nil, now: 1000 + Int64(number)) == nil)
            try node.recordFailure(attempt: "a\(number)", windows: [window], now: 1000 + Int64(number))
        }
        #expect(try nodes[0].reserve(attempt: "late", windows: [window], bucket: nil, now: 1050) == 50)
        #expect(try nodes[1].reserve(attempt: "late", windows: [window], bucket: nil, now: 1050) == 50)
        #expect(try nodes[1].reserve(attempt: "other", windows: [Self.window("bob")], bucket: nil, now: 1050) == nil, "subjects are independent")
        #expect(try nodes[1].reserve(attempt: "after", windows: [window], bucket: nil, now: 1100) == nil, "the first failure left the window")
    }

    /// Attempts in progress count until settled: three reserved, the fourth waits a second;
    /// a cancelled one leaves no trace; a success clears the failures but not another
    /// attempt still in progress.
    @Test(arguments: StoreBackend.all) func attemptsInProgressCountUntilSettled(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let store = ThrottleStore(database: test.database)
        let window = Self.window()
        for number in 0..<3 { #expect(try store.reserve(attempt: "p\(number)", windows: [window], bucket: nil, now: 1000) == nil) }
        #expect(try store.reserve(attempt: "p3", windows: [window], bucket: nil, now: 1000) == 1)
        try store.cancel(attempt: "p0", windows: [window], bucket: nil)
        try store.recordFailure(attempt: "p1", windows: [window], now: 1001)
        #expect(try store.reserve(attempt: "p4", windows: [window], bucket: nil, now: 1002) == nil)
        try store.recordSuccess(attempt: "p4", windows: [window], bucket: nil)
        // p2 is still in progress; p1's failure is gone with the success.
        #expect(try store.reserve(attempt: "p5", windows: [window], bucket: nil, now: 1003) == nil)
        #expect(try store.reserve(attempt: "p6", windows: [window], bucket: nil, now: 1003) == nil)
        #expect(try store.reserve(attempt: "p7", windows: [window], bucket: nil, now: 1003) == 1)
    }

    /// The bucket as `TokenBuckets`: a burst of `capacity`, then one per refill; a given-back
    /// token is free again; a refused attempt takes nothing.
    @Test(arguments: StoreBackend.all) func bucketsAllowABurstThenOnePerRefill(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let nodes = [ThrottleStore(database: test.database), ThrottleStore(database: try test.secondNode())]
        let bucket = Self.bucket()
        for number in 0..<3 { #expect(try nodes[number % 2].reserve(attempt: "b\(number)", windows: [], bucket: bucket, now: 0) == nil) }
        #expect(try nodes[0].reserve(attempt: "b3", windows: [], bucket: bucket, now: 0) == 10)
        #expect(try nodes[1].reserve(attempt: "b4", windows: [], bucket: bucket, now: 4) == 6)
        #expect(try nodes[1].reserve(attempt: "b5", windows: [], bucket: bucket, now: 10) == nil)
        #expect(try nodes[0].reserve(attempt: "b6", windows: [], bucket: bucket, now: 10) == 10, "one refill period at most")
        try nodes[0].cancel(attempt: "b5", windows: [], bucket: bucket)
        #expect(try nodes[1].reserve(attempt: "b7", windows: [], bucket: bucket, now: 10) == nil, "the given-back token")
        #expect(try nodes[1].reserve(attempt: "b8", windows: [], bucket: Self.bucket("203.0.113.9"), now: 10) == nil, "addresses are independent")
    }

    /// A window refusing the attempt writes nothing: the bucket keeps its token.
    @Test(arguments: StoreBackend.all) func aRefusedAttemptTakesNoToken(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let store = ThrottleStore(database: test.database)
        let window = Self.window(limit: 1), bucket = Self.bucket(capacity: 1)
        #expect(try store.reserve(attempt: "x", windows: [window], bucket: nil, now: 0) == nil)
        #expect(try store.reserve(attempt: "y", windows: [window], bucket: bucket, now: 0) == 1)
        #expect(try store.reserve(attempt: "z", windows: [Self.window("bob", limit: 1)], bucket: bucket, now: 0) == nil)
    }

    /// Parallel reservations from two nodes, each with its own pool: exactly `limit` pass,
    /// whatever the interleaving (each reservation is one serialized transaction).
    @Test(arguments: StoreBackend.all) func parallelReservationsOnTwoNodesNeverPassTheLimit(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let nodes = [ThrottleStore(database: test.database), ThrottleStore(database: try test.secondNode())]
        let window = Self.window("target", limit: 5)
        let attempts = 16
        let passed = Atomic<Int>(0)
        let failures = Mutex<[String]>([])
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for number in 0..<attempts {
            group.enter()
            Thread.detachNewThread {
                start.wait()
                do throws(StoreError) {
                    if try nodes[number % 2].reserve(attempt: "par\(number)", windows: [window], bucket: nil, now: 500) == nil {
                        passed.add(1, ordering: .relaxed)
                    }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
                group.leave()
            }
        }
        for _ in 0..<attempts { start.signal() }
        group.wait()
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(passed.load(ordering: .relaxed) == 5)
    }

    /// Expired rows go: a reservation prunes its own subject's, `prune` every subject's, so
    /// a flood of made-up names leaves nothing behind once its window has passed.
    @Test(arguments: StoreBackend.all) func expiredRowsArePruned(_ backend: StoreBackend) throws {
        let test = try backend.makeDatabase()
        let store = ThrottleStore(database: test.database)
        for number in 0..<40 {
            let window = Self.window("name-\(number)")
            #expect(try store.reserve(attempt: "f\(number)", windows: [window], bucket: nil, now: 1000) == nil)
            try store.recordFailure(attempt: "f\(number)", windows: [window], now: 1000)
        }
        #expect(try store.reserve(attempt: "spray", windows: [], bucket: Self.bucket(), now: 1040) == nil)
        #expect(try store.rowCount() == 41)
        #expect(try store.prune(now: 1045) == 0, "nothing has expired yet")
        #expect(try store.prune(now: 1100) > 0)
        #expect(try store.rowCount() == 0)
        let window = Self.window()
        for number in 0..<3 {
            _ = try store.reserve(attempt: "g\(number)", windows: [window], bucket: nil, now: 2000)
            try store.recordFailure(attempt: "g\(number)", windows: [window], now: 2000)
        }
        #expect(try store.reserve(attempt: "g4", windows: [window], bucket: nil, now: 2100) == nil)
        #expect(try store.rowCount() == 1, "the subject's expired failures went with the reservation")
    }
}
