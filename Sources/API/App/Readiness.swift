import Synchronization

/// Whether this node wants new requests: a load balancer's health check reads it at
/// `GET /api/ready/`. `uplyft serve` starts draining on SIGTERM, before it stops accepting
/// connections, so the balancer moves shoppers to the other nodes while requests in flight
/// finish here (HAProxy's `option httpchk` with `http-check expect status 200`).
public final class Readiness: Sendable {
    private let draining = Atomic<Bool>(false)

    public init() {}

    /// From now on `/api/ready/` answers 503; everything else is served as before.
    public func beginDraining() {
        draining.store(true, ordering: .releasing)
    }

    public var isDraining: Bool { draining.load(ordering: .acquiring) }
}
