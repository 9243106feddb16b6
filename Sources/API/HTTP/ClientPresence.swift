import Synchronization

/// Whether the client that sent a request is still connected, for handlers whose work is
/// only worth doing if someone will read the answer (a queued password hash, for instance).
///
/// The event loop that owns the connection marks it gone when the peer resets the connection
/// or sends its FIN while the request is with the workers (see `Connection`); handlers on
/// worker threads read it. A request built directly (tests, in-process calls) gets one that
/// stays present unless the caller marks it.
public final class ClientPresence: Sendable {
    private let gone = Atomic<Bool>(false)

    public init() {}

    /// True once the peer has closed its side or the connection has failed.
    public var isGone: Bool { gone.load(ordering: .acquiring) }

    /// Called by the connection's event loop (or a test) when the peer is gone. Idempotent.
    public func markGone() {
        gone.store(true, ordering: .releasing)
    }
}
