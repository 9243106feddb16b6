import Testing
@testable import Auth

/// The two counting structures under the throttles, on their edges: reservations count
/// until settled, waits are bounded as documented, and keys that hold nothing are forgotten
/// (a flood of refused attempts leaves no state behind).
@Suite struct RateLimitTests {
    @Test func failureWindowsCountAttemptsInProgressAndAgeFailuresOut() {
        var windows = FailureWindows(limit: 3, windowSeconds: 100)
        for _ in 0..<3 {
            #expect(windows.wait("acct", now: 1000) == nil)
            windows.reserve("acct")
        }
        #expect(windows.wait("acct", now: 1000) == 1, "three in progress: come back in a second")
        windows.recordFailure("acct", now: 1000)
        windows.recordFailure("acct", now: 1010)
        windows.release("acct")
        #expect(windows.wait("acct", now: 1020) == nil, "two failures, nothing in progress")
        windows.reserve("acct")
        windows.recordFailure("acct", now: 1020)
        // Three failures: the oldest leaves the window at 1100.
        #expect(windows.wait("acct", now: 1050) == 50)
        #expect(windows.wait("acct", now: 1100) == nil)
        windows.clearFailures("acct")
        #expect(windows.trackedKeys == 0)
    }

    @Test func failureWindowsForgetKeysThatHoldNothing() {
        var windows = FailureWindows(limit: 5, windowSeconds: 300)
        for number in 0..<1000 {
            windows.reserve("name-\(number)")
            windows.release("name-\(number)")
        }
        #expect(windows.trackedKeys == 0)
        windows.reserve("failed")
        windows.recordFailure("failed", now: 10)
        #expect(windows.trackedKeys == 1)
        _ = windows.wait("other", now: 311)
        #expect(windows.trackedKeys == 0, "swept once its failure left the window")
    }

    @Test func tokenBucketsAllowABurstThenOnePerRefill() {
        var buckets = TokenBuckets(capacity: 3, refillSeconds: 10)
        for _ in 0..<3 {
            #expect(buckets.reserve("addr", now: 0) == nil)
            buckets.spend("addr", now: 0)
        }
        #expect(buckets.reserve("addr", now: 0) == 10)
        #expect(buckets.reserve("addr", now: 4) == 6)
        #expect(buckets.reserve("addr", now: 10) == nil)
        buckets.spend("addr", now: 10)
        #expect(buckets.reserve("addr", now: 10) == 10, "never more than one refill period once nothing is reserved")
        #expect(buckets.reserve("other", now: 10) == nil, "keys are independent")
    }

    @Test func tokenBucketsGiveBackReleasedTokensAndForgetFullBuckets() {
        var buckets = TokenBuckets(capacity: 2, refillSeconds: 60)
        #expect(buckets.reserve("addr", now: 0) == nil)
        #expect(buckets.reserve("addr", now: 0) == nil)
        #expect(buckets.reserve("addr", now: 0) != nil, "both tokens reserved")
        buckets.release("addr")
        #expect(buckets.reserve("addr", now: 0) == nil, "a released token is free again")
        buckets.release("addr")
        buckets.release("addr")
        #expect(buckets.trackedKeys == 0)
        for number in 0..<1000 {
            _ = buckets.reserve("client-\(number)", now: 0)
            buckets.release("client-\(number)")
        }
        #expect(buckets.trackedKeys == 0)
    }
}
