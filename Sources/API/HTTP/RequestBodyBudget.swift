import Synchronization

/// The server-wide bound on request body bytes held in memory before their handlers have
/// finished with them, shared by every event loop, and each peer's share of it.
///
/// Each connection may buffer one body of up to `maxBodyBytes`, and it does so before any
/// handler (so before authentication) has seen the request. Without a shared bound, N slow
/// clients that each announce a large body cost N times that: 300 of them added 304 MiB, and
/// the 10,000 connections allowed would need about 10 GiB. A connection reserves its body's
/// size here when the body starts to arrive (a declared Content-Length at once; a chunked
/// body chunk by chunk, each chunk's declared size as its size line arrives) and gives it
/// back when its request has been answered, refused, or the connection closes. A reservation
/// that would pass the limit fails, and that connection alone is refused with 503.
///
/// The total alone let one address take all of it: 70 connections announcing 1 MiB each
/// and sending a byte every 30 s refused every other client's body. So each peer
/// (`PeerGroup`: an IPv4 address or an IPv6 /64) may hold at most `limitBytesPerPeer`, and a
/// greedy peer is refused while the rest of the budget stays open to the others; filling
/// the total now takes limitBytes / limitBytesPerPeer peers (8 at the defaults). A peer that
/// is a shared front end (a reverse proxy every client comes through) is exempt from the
/// share, since its connections are many clients, but not from the total.
///
/// The count is of body bytes committed, not of allocator capacity: arrays may hold up to
/// twice what they use, so the memory behind a full budget is between one and about two
/// times `limitBytes`.
final class RequestBodyBudget: Sendable {
    enum Outcome: Equatable {
        case reserved
        /// The peer already holds its share; other peers may still have room.
        case peerShareExhausted
        /// The whole budget is taken.
        case budgetExhausted
    }

    /// The totals, kept together so a reservation checks and updates both at once.
    private struct Ledger {
        var totalBytes = 0
        /// Peers holding any bytes; a peer is removed when it holds none, so the table never
        /// outgrows the connections that have a body in flight.
        var bytesByPeer: [PeerGroup: Int] = [:]
    }

    let limitBytes: Int
    let limitBytesPerPeer: Int
    /// One lock for both counts. It is taken only when a body starts or grows (once per
    /// Content-Length body, once per chunk of a chunked one) and once when it ends: a request
    /// without a body never gets here (`Connection.reserveBodyBytes` returns before calling
    /// when nothing is to be added, `releaseBodyBytes` when nothing is held). Held for a
    /// dictionary lookup and two additions, and shared by the event loops only (2 on this
    /// machine), so it is almost never contended; uncontended, a Mutex costs two atomic
    /// operations (take, give back) where the total alone cost one compare-and-exchange:
    /// nanoseconds, next to the microseconds of reading the body that needs them.
    private let ledger = Mutex(Ledger())

    init(limitBytes: Int, limitBytesPerPeer: Int) {
        self.limitBytes = max(0, limitBytes)
        self.limitBytesPerPeer = max(0, limitBytesPerPeer)
    }

    /// Bytes reserved right now, across all connections.
    var reservedBytes: Int { ledger.withLock { $0.totalBytes } }

    /// Bytes reserved right now by the connections of `peer`.
    func reservedBytes(for peer: PeerGroup) -> Int {
        ledger.withLock { $0.bytesByPeer[peer] ?? 0 }
    }

    /// Peers holding any bytes right now (0 once every body has ended).
    var peersHoldingBytes: Int { ledger.withLock { $0.bytesByPeer.count } }

    /// Reserves `bytes` more for `peer` if the total stays within `limitBytes` and, unless
    /// `exemptFromShare`, the peer's bytes within `limitBytesPerPeer`. Otherwise nothing is
    /// reserved, and the outcome says which bound refused (the peer's share first: a greedy
    /// peer is told so even when the total is full too). Limits are compared as
    /// `current <= limit - bytes`, so a huge request can never overflow a sum.
    func reserve(_ bytes: Int, for peer: PeerGroup, exemptFromShare: Bool) -> Outcome {
        guard bytes > 0 else { return bytes == 0 ? .reserved : .budgetExhausted }
        return ledger.withLock { ledger in
            let peerBytes = ledger.bytesByPeer[peer] ?? 0
            if !exemptFromShare && peerBytes > limitBytesPerPeer - bytes { return .peerShareExhausted }
            guard ledger.totalBytes <= limitBytes - bytes else { return .budgetExhausted }
            ledger.totalBytes += bytes
            ledger.bytesByPeer[peer] = peerBytes + bytes
            return .reserved
        }
    }

    /// Gives back bytes an earlier `reserve` for the same peer took.
    func release(_ bytes: Int, for peer: PeerGroup) {
        guard bytes > 0 else { return }
        ledger.withLock { ledger in
            ledger.totalBytes -= bytes
            let remaining = (ledger.bytesByPeer[peer] ?? 0) - bytes
            ledger.bytesByPeer[peer] = remaining > 0 ? remaining : nil
        }
    }
}
