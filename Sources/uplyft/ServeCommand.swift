import API
import HTTPCore
import Foundation
#if canImport(Glibc)
import Glibc
import DurableFiles
#endif

/// `uplyft serve`: the shop's HTTP server. Settings come from `UPLYFT_*` variables, then
/// flags; SIGTERM or SIGINT shut it down gracefully (requests in flight finish first), also
/// when they come while it starts (`StopSignals`).
enum ServeCommand {
    static let usage = """
        usage: uplyft serve [--index PATH] [--synonyms FILE] [--port N] [--host ADDR] [--data-dir DIR]
                            [--web-root DIR] [--trusted-proxy ADDR[/BITS],...] [--database-url URL]

        environment: UPLYFT_INDEX, UPLYFT_SYNONYMS (synonyms file, read again when it changes; none by
        default), UPLYFT_PORT, UPLYFT_HOST, UPLYFT_DATA_DIR, UPLYFT_WEB_ROOT,
        UPLYFT_SECRET (token signing secret; default: generated into the data directory),
        UPLYFT_ACCESS_SECONDS (300), UPLYFT_REFRESH_SECONDS (86400), UPLYFT_REGISTRATION (on),
        UPLYFT_PASSWORD_ITERATIONS (1000000), UPLYFT_SECURE_COOKIES (on unless serving on loopback;
        off for plain HTTP off loopback, on behind an HTTPS proxy),
        UPLYFT_REFRESH_REUSE_SECONDS (5), UPLYFT_TRUSTED_PROXIES (none), UPLYFT_REGISTRATIONS_PER_HOUR (10),
        UPLYFT_HASHING_THREADS (half the cores), UPLYFT_HASHING_QUEUE (2 per core less the threads),
        UPLYFT_DATABASE_URL (postgresql://USER:PASSWORD@HOST:PORT/DB; default: SQLite in the data
        directory; prefer the variable to the flag, which other users can see in the process list),
        UPLYFT_DATABASE_POOL_SIZE (8), UPLYFT_DATABASE_ACQUIRE_SECONDS (5),
        UPLYFT_ACCESS_LOG (text, json or off; text), UPLYFT_DRAIN_SECONDS (0; after SIGTERM, serve this long
        with /api/ready/ answering 503 so a load balancer moves away first), UPLYFT_METRICS (who may read /metrics: loopback, on or off; loopback)
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        if arguments.contains("--help") {
            print(usage)
            return 0
        }
        let options = try CommandLineArguments(arguments, valueOptions: ["--index", "--synonyms", "--port", "--host", "--data-dir", "--web-root", "--trusted-proxy", "--database-url"], flagOptions: [])
        guard options.positional.isEmpty else { throw UsageError("unexpected argument \(options.positional[0])\n\(usage)") }
        var configuration = try ShopConfiguration.fromEnvironment()
        if let index = options.string("--index") { configuration.indexPath = index }
        if let synonyms = options.string("--synonyms") { configuration.synonymsPath = synonyms }
        if let host = options.string("--host") { configuration.host = host }
        if options.string("--port") != nil { configuration.port = try options.int("--port", default: configuration.port, range: 0...65535) }
        if let directory = options.string("--data-dir") { configuration.dataDirectory = directory }
        if let root = options.string("--web-root") { configuration.webRoot = root }
        if let proxies = options.string("--trusted-proxy") { configuration.trustedProxies = [proxies] }
        if let url = options.string("--database-url") { configuration.databaseURL = try ShopConfiguration.databaseURL(url, name: "--database-url") }

        // Before any other thread starts (see StopSignals): a stop is never lost, even mid-start.
        // Shutting down blocks the signal thread until it is done, which is what it is for.
        let readiness = Readiness()
        let drainSeconds = configuration.drainSeconds
        let stop = StopSignals.install { server in
            if drainSeconds > 0 {
                // Still serving, but the balancer's health check now sees 503 and sends new
                // shoppers elsewhere before this node refuses connections.
                readiness.beginDraining()
                printError("draining: /api/ready/ answers 503 for \(drainSeconds) s, then the server stops")
                sleep(UInt32(drainSeconds))
            }
            printError("shutting down: finishing requests in flight")
            server.shutdown(timeoutSeconds: 10)
        }

        let application = try ShopApplication(configuration: configuration, readiness: readiness, log: { printError($0) })
        guard !stop.isRequested else {
            printError("stopped before serving")
            return 0
        }
        var serverConfiguration = HTTPServerConfiguration()
        serverConfiguration.host = configuration.host
        serverConfiguration.port = configuration.port
        // Each password being hashed or queued holds an HTTP worker until it is done; with at
        // least twice as many workers, half of them always serve search, the page and chat.
        serverConfiguration.workerCount = max(serverConfiguration.workerCount, configuration.minimumHTTPWorkerCount)
        // Behind a trusted proxy every shopper has the proxy's address: the proxy may hold
        // more than one client's share of the body budget (still within the total).
        serverConfiguration.isSharedFrontEnd = { application.isTrustedProxy(peerAddress: $0) }
        // Search and suggest (index reads only) are answered on the event loop that read them:
        // on the idle machine that took /api/search/ at 64 connections from 2,438 to 7,175 req/s
        // (Benchmarks/results/http16-idle.md).
        // A background timer looks for a rebuilt index, so the loops never wait for one.
        application.watchIndexFiles()
        serverConfiguration.runsOnEventLoop = { application.runsOnEventLoop($0) }
        switch configuration.accessLogFormat {
        // One write per batch: a loop hands over the lines of a whole pass at once.
        case .text: serverConfiguration.accessLog = { printError($0.map(AccessLogLine.text).joined(separator: "\n")) }
        case .json:
            serverConfiguration.accessLog = { entries in
                let now = Date().timeIntervalSince1970
                printError(entries.map { AccessLogLine.json($0, secondsSince1970: now) }.joined(separator: "\n"))
            }
        case .off: serverConfiguration.accessLog = nil
        }
        let server = HTTPServer(configuration: serverConfiguration, handler: { application.handle($0) })
        // A busy port fails here with HTTPServerError.addressInUse, printed as one line by
        // `UplyftCommand` (exit 1); binding first means no demo password is shown by a run
        // that then cannot serve.
        let port = try server.start()
        do {
            if let password = try application.createDemoAccountIfNoUsers() {
                printNow("created account demo with password \(password) (shown once; `uplyft user` manages accounts)")
            }
        } catch {
            server.shutdown(timeoutSeconds: 1)
            throw error
        }
        application.startMaintenance()
        printNow("serving \(configuration.baseURL(port: port))/ (index \(configuration.indexPath), data \(configuration.dataDirectory)"
                 + (configuration.databaseURLForLogs.map { ", database \($0)" } ?? "") + ")")
        if let warning = configuration.plainHTTPCookieWarning(port: port) { printError(warning) }
        if stop.serving(server) {
            printError("shutting down: finishing requests in flight")
            server.shutdown(timeoutSeconds: 10)
        }
        server.wait()
        application.stopMaintenance()
        printError("stopped")
        return 0
    }

    /// Writes a line to stdout unbuffered: scripts and tests wait for these lines on a pipe.
    private static func printNow(_ line: String) {
        _ = writeAll(Array((line + "\n").utf8), to: STDOUT_FILENO)
    }
}
