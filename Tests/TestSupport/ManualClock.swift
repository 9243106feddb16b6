import Synchronization

/// A clock (Unix seconds) that moves only when a test moves it, so tests about intervals and
/// windows never wait and never race the wall clock.
public final class ManualClock: Sendable {
    private let seconds: Mutex<Int64>

    public init(_ start: Int64 = 1_800_000_000) {
        seconds = Mutex(start)
    }

    public var now: Int64 { seconds.withLock { $0 } }

    public func advance(by delta: Int64) {
        seconds.withLock { $0 += delta }
    }

    /// For `ShopServerFixture(clock:)` and the stores.
    public var function: @Sendable () -> Int64 { { [self] in now } }
}
