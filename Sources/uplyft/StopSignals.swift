import HTTPCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM and SIGINT for `uplyft serve`, received without a moment in which one is lost or
/// kills the server half-started.
///
/// `install` runs before any other thread exists: it blocks the two signals in the main thread,
/// and so in every thread started after it (threads inherit the mask), and starts one thread
/// that takes them with `sigwait`. A blocked signal stays pending until that thread takes it,
/// so none is ever discarded, whenever it comes. A stop that comes while the server is still
/// starting is remembered and carried out as soon as it serves (or before it serves).
///
/// Two earlier schemes lost signals. SIG_IGN plus Dispatch signal sources made after the
/// `serving` line: a SIGTERM before SIG_IGN killed the server mid-start, one between SIG_IGN and
/// libdispatch's asynchronous registration was discarded. Blocking plus Dispatch sources:
/// libdispatch adds its signalfd to its epoll set before it links the source to it, so a signal
/// already pending then can be read and dropped. Each left a server that never stopped, seen
/// in scripts that send SIGTERM as soon as the server is up, under CPU load (the second with
/// nothing pending and the handler never run).
final class StopSignals: Sendable {
    private struct State {
        var requested = false
        var server: HTTPServer?
    }

    private let state = Mutex(State())

    private init() {}

    /// Blocks SIGTERM and SIGINT in the calling thread and starts the thread that waits for
    /// them; `onStop` runs on that thread, once per signal received while serving. Call it
    /// before any other thread starts.
    static func install(onStop: @escaping @Sendable (HTTPServer) -> Void) -> StopSignals {
        let stop = StopSignals()
        var signals = stopSignalSet()
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let waiter = Thread {
            var waited = stopSignalSet()
            while true {
                var number: Int32 = 0
                guard sigwait(&waited, &number) == 0 else { continue }
                if let server = stop.requestStop() { onStop(server) }
            }
        }
        waiter.name = "uplyft-signals"
        waiter.start()
        return stop
    }

    private static func stopSignalSet() -> sigset_t {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        return signals
    }

    /// Records a stop; returns the server to shut down when it is already serving, nil when it
    /// is still starting (then `serving(_:)` reports the request).
    private func requestStop() -> HTTPServer? {
        state.withLock { state in
            state.requested = true
            return state.server
        }
    }

    /// True once a stop was requested.
    var isRequested: Bool { state.withLock { $0.requested } }

    /// Marks `server` as serving; true when a stop was requested before, so it must stop now.
    func serving(_ server: HTTPServer) -> Bool {
        state.withLock { state in
            state.server = server
            return state.requested
        }
    }
}
