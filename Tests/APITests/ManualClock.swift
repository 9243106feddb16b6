import Synchronization

/// A clock (Unix seconds) that moves only when a test moves it, so tests about intervals and
/// windows never wait and never race the wall clock.
final class ManualClock: Sendable {
    private let seconds: Mutex<Int64>

    init(_ start: Int64 = 1_800_000_000) {
        seconds = Mutex(start)
    }

    var now: Int64 { seconds.withLock { $0 } }

    func advance(by delta: Int64) {
        seconds.withLock { $0 += delta }
    }

    /// For `ShopServerFixture(clock:)` and the stores.
    var function: @Sendable () -> Int64 { { [self] in now } }
}
