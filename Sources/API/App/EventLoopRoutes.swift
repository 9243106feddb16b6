import HTTPCore

/// Which requests the HTTP event loop may answer itself (`HTTPServerConfiguration.runsOnEventLoop`)
/// instead of handing them to the worker pool.
///
/// A handler run on a loop stalls every other connection of that loop while it runs, so only
/// routes whose whole way through the middleware chain is CPU work bounded by the index are
/// listed: reading the in-memory index, no database, no password hashing, no lock held
/// across I/O. Everything else (sign-in, cart, orders, chat, health and readiness, which ask
/// the database, the page's files, which read the disk) stays on the workers.
///
/// `uplyft serve` turns it on (`ServeCommand`), as does the API tests' server
/// (`ShopServerFixture`). Measured: on the idle 2-core machine search at 64 connections went
/// from 2,438 to 7,175 req/s (Benchmarks/results/http16-idle.md); on the same machine shared
/// with other builds it ran about a third slower than through the pool (http16.md).
extension ShopApplication {
    /// GET (and HEAD) paths answered on the loop; exact paths, as the router matches them.
    static let eventLoopPaths: Set<String> = ["/api/search/", "/api/suggest/"]

    /// How far ahead the index holder's next look at the files sends requests to the workers:
    /// the request that reaches it may open and verify a new index. Far longer than any
    /// listed handler takes, so one that started before the margin ends before the check.
    private static let indexCheckMarginNanoseconds: UInt64 = 100_000_000

    /// Has the index files looked at by a background timer from now on (`IndexHolder.watchFiles`),
    /// so that no request waits for a new index and every search may run on an event loop.
    public func watchIndexFiles() {
        indexes.watchFiles()
    }

    /// Whether `request` may run on the event loop that read it; quick and thread-safe.
    public func runsOnEventLoop(_ request: HTTPRequest) -> Bool {
        guard request.method == "GET" || request.method == "HEAD",
              Self.eventLoopPaths.contains(request.path) else { return false }
        return !indexes.mayCheckFilesSoon(marginNanoseconds: Self.indexCheckMarginNanoseconds)
    }
}
