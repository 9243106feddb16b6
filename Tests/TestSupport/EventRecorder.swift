import Dispatch
import Synchronization

/// Collects the events an observed component reports (through `observer`) and lets a test
/// wait until a given one has happened, so that tests of concurrent code follow what
/// happened instead of timing it. Used for the password-hashing pool's events.
public final class EventRecorder<Event: Equatable & Sendable>: Sendable {
    private let events = Mutex<[Event]>([])
    private let signal = DispatchSemaphore(value: 0)

    public init() {}

    /// The function to give the component as its observer.
    public var observer: @Sendable (Event) -> Void {
        { [self] event in
            events.withLock { $0.append(event) }
            signal.signal()
        }
    }

    /// Every event so far, in the order reported.
    public var all: [Event] { events.withLock { $0 } }

    /// Blocks until `event` has happened `times` times in all (at most `seconds`, so a bug
    /// fails instead of hanging).
    public func wait(for event: Event, times: Int = 1, seconds: Double = 10) -> Bool {
        func happened() -> Bool { all.filter { $0 == event }.count >= times }
        while !happened() {
            if signal.wait(timeout: .now() + seconds) == .timedOut { return happened() }
        }
        return true
    }
}
