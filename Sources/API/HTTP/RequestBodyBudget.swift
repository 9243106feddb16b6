import Synchronization

/// The server-wide bound on request body bytes held in memory before their handlers have
/// finished with them, shared by every event loop.
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
/// The count is of body bytes committed, not of allocator capacity: arrays may hold up to
/// twice what they use, so the memory behind a full budget is between one and about two
/// times `limitBytes`.
final class RequestBodyBudget: Sendable {
    let limitBytes: Int
    private let reserved = Atomic<Int>(0)

    init(limitBytes: Int) {
        self.limitBytes = max(0, limitBytes)
    }

    /// Bytes reserved right now, across all connections.
    var reservedBytes: Int { reserved.load(ordering: .relaxed) }

    /// Reserves `bytes` more if the total stays within the limit. False, with nothing
    /// reserved, otherwise. Compare-and-exchange rather than add-then-check, so a refused
    /// reservation never makes the total briefly exceed the limit for other loops, and the
    /// sum can never overflow.
    func reserve(_ bytes: Int) -> Bool {
        guard bytes > 0 else { return bytes == 0 }
        var current = reserved.load(ordering: .relaxed)
        while true {
            guard current <= limitBytes - bytes else { return false }
            let (exchanged, original) = reserved.compareExchange(
                expected: current, desired: current + bytes, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }

    /// Gives back bytes an earlier `reserve` took.
    func release(_ bytes: Int) {
        guard bytes > 0 else { return }
        reserved.subtract(bytes, ordering: .relaxed)
    }
}
