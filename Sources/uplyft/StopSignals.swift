import API
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM and SIGINT for `uplyft serve`, received without a moment in which one is lost or
/// kills the server half-started.
///
/// `blockInThisAndLaterThreads()` runs before any thread exists: the two signals are blocked
/// in the main thread and so in every thread started after it, which keeps them pending until
/// the Dispatch sources read them (libdispatch on Linux reads signals through a signalfd,
/// registered asynchronously on its manager thread). A stop that comes while the server is
/// still starting is remembered and carried out as soon as it serves.
///
/// The earlier scheme set the signals to SIG_IGN and made the sources after printing the
/// `serving` line: a SIGTERM before SIG_IGN killed the server mid-start, and one between
/// SIG_IGN and libdispatch's registration was discarded, leaving a server that never stopped
/// (a script that sent SIGTERM as soon as the serving line appeared hung on it once).
final class StopSignals: Sendable {
    private struct State {
        var requested = false
        var server: HTTPServer?
    }

    private let state = Mutex(State())

    /// Blocks SIGTERM and SIGINT in the calling thread; threads created later inherit the mask.
    static func blockInThisAndLaterThreads() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    /// Records a stop; returns the server to shut down when it is already serving, nil when it
    /// is still starting (then `serving(_:)` reports the request).
    func requestStop() -> HTTPServer? {
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
