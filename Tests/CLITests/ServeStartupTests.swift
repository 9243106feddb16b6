import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// What `uplyft serve` says at start-up, read from a real server process.
@Suite struct ServeStartupTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Starts `uplyft serve` on `host` (port 0), waits for its `serving` line (a bounded poll
    /// of its output file), stops it with SIGTERM and returns everything it wrote to stderr.
    private func startupErrors(host: String, environment extra: [String: String] = [:],
                               whileServing: (_ port: Int, _ pid: Int32) throws -> Void = { _, _ in }) throws -> String {
        let directory = try TemporaryDirectory()
        #expect(try UplyftProcess.run(["gen", "--seed", "2", "--count", "50", "-o", "catalog.jsonl"], in: directory.path).status == 0)
        #expect(try UplyftProcess.run(["index", "catalog.jsonl", "-o", "catalog.uplyft"], in: directory.path).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try UplyftProcess.binaryPath())
        process.arguments = ["serve", "--index", "catalog.uplyft", "--data-dir", "data", "--host", host, "--port", "0",
                             "--web-root", Self.repositoryRoot + "/web"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        // Only what the test chooses: an UPLYFT_SECURE_COOKIES of the caller must not leak in.
        process.environment = ["PATH": "/usr/bin:/bin", "UPLYFT_PASSWORD_ITERATIONS": "1000"].merging(extra) { $1 }
        let outputPath = directory.file("serve.out"), errorPath = directory.file("serve.err")
        #expect(FileManager.default.createFile(atPath: outputPath, contents: nil))
        #expect(FileManager.default.createFile(atPath: errorPath, contents: nil))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var served = false
        var port: Int?
        while !served, process.isRunning, Date() < deadline {
            let output = try String(contentsOfFile: outputPath, encoding: .utf8)
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("serving http://") }) {
                served = true
                // "serving http://HOST:PORT/ (...)": the digits after the last colon of the URL.
                port = line.split(separator: " ")[1].split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) }
            }
            if !served { usleep(50_000) }
        }
        if served, let port { try whileServing(port, process.processIdentifier) }
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        let errors = try String(contentsOfFile: errorPath, encoding: .utf8)
        #expect(served, "no serving line; stderr: \(errors)")
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "stopped by SIGTERM: \(errors)")
        return errors
    }

    /// Starts `uplyft serve` on a fresh data directory, sends SIGTERM the moment a line starting
    /// with `moment` appears on its stdout, and returns how it ended and its stderr.
    private func stop(at moment: String) throws -> (status: Int32, reason: Process.TerminationReason, errors: String) {
        let directory = try TemporaryDirectory()
        #expect(try UplyftProcess.run(["gen", "--seed", "3", "--count", "50", "-o", "catalog.jsonl"], in: directory.path).status == 0)
        #expect(try UplyftProcess.run(["index", "catalog.jsonl", "-o", "catalog.uplyft"], in: directory.path).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try UplyftProcess.binaryPath())
        process.arguments = ["serve", "--index", "catalog.uplyft", "--data-dir", "data", "--port", "0",
                             "--web-root", Self.repositoryRoot + "/web"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        process.environment = ["PATH": "/usr/bin:/bin", "UPLYFT_PASSWORD_ITERATIONS": "1000"]
        let outputPath = directory.file("serve.out"), errorPath = directory.file("serve.err")
        #expect(FileManager.default.createFile(atPath: outputPath, contents: nil))
        #expect(FileManager.default.createFile(atPath: errorPath, contents: nil))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
        var deadline = Date().addingTimeInterval(60)
        var seen = false
        while !seen, process.isRunning, Date() < deadline {
            seen = try String(contentsOfFile: outputPath, encoding: .utf8).split(separator: "\n").contains { $0.hasPrefix(moment) }
            if !seen { usleep(2_000) }
        }
        #expect(seen, "no line starting with \(moment)")
        kill(process.processIdentifier, SIGTERM)
        // A lost signal leaves the server running: give it a bounded time, then kill it.
        deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        let hung = process.isRunning
        if hung { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let errors = try String(contentsOfFile: errorPath, encoding: .utf8)
        #expect(!hung, "SIGTERM was lost: the server still ran 30 s later")
        return (process.terminationStatus, process.terminationReason, errors)
    }

    /// A SIGTERM while the server starts (after its demo account, before it serves) or right
    /// as it serves is a graceful stop: never a death by the signal, never lost.
    @Test(arguments: ["created account demo", "serving http://"])
    func aStopDuringStartUpIsCarriedOutGracefully(moment: String) throws {
        for _ in 0..<3 {
            let ended = try stop(at: moment)
            #expect(ended.reason == .exit && ended.status == 0, "ended by \(ended.reason) \(ended.status): \(ended.errors)")
            #expect(ended.errors.split(separator: "\n").last?.hasPrefix("stopped") == true, "\(ended.errors)")
        }
    }

    @Test func servingOnEveryAddressWithSecureCookiesWarnsOnce() throws {
        let errors = try startupErrors(host: "0.0.0.0")
        let warnings = errors.split(separator: "\n").filter { $0.hasPrefix("warning: cookies are marked Secure") }
        #expect(warnings.count == 1, "\(errors)")
        #expect(warnings.first?.contains("UPLYFT_SECURE_COOKIES=off") == true)
    }

    @Test func loopbackOrAnExplicitSettingGivesNoWarning() throws {
        #expect(!(try startupErrors(host: "127.0.0.1")).contains("warning: cookies"))
        #expect(!(try startupErrors(host: "0.0.0.0", environment: ["UPLYFT_SECURE_COOKIES": "off"])).contains("warning: cookies"))
    }

    /// `UPLYFT_ACCESS_LOG=json`: one JSON object a line per answer, with the path and never
    /// the query (issue 17, "A JSON access-log option").
    @Test func theJSONAccessLogWritesOneObjectPerAnswer() throws {
        let errors = try startupErrors(host: "127.0.0.1", environment: ["UPLYFT_ACCESS_LOG": "json"]) { port, _ in
            for target in ["/api/health/", "/api/search/?q=secret-words", "/api/products/a%22b%0Ac/"] {
                let client = try RawHTTPClient(port: port)
                try client.send(Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
                _ = try client.readResponse(headRequest: false)
            }
        }
        let objects = errors.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        #expect(objects.count == 3, "\(errors)")
        #expect(objects.map { $0["path"] as? String } == ["/api/health/", "/api/search/", "/api/products/a\"b\nc/"])
        #expect(objects.map { $0["status"] as? Int } == [200, 200, 404])
        #expect(objects.allSatisfy { $0["ts"] is Double && $0["duration_us"] is Int && $0["method"] as? String == "GET" })
        #expect(!errors.contains("secret-words"))
    }

    @Test func theAccessLogCanBeSwitchedOff() throws {
        let errors = try startupErrors(host: "127.0.0.1", environment: ["UPLYFT_ACCESS_LOG": "off"]) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(Array("GET /api/health/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
            #expect(try client.readResponse(headRequest: false).status == 200)
        }
        #expect(!errors.contains("/api/health/"), "\(errors)")
    }

    /// A decoded control character in a path cannot forge a line of the text access log.
    @Test func theTextAccessLogEscapesDecodedControlCharacters() throws {
        let errors = try startupErrors(host: "127.0.0.1") { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(Array("GET /x%0A127.0.0.1%20GET%20/forged HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
            _ = try client.readResponse(headRequest: false)
        }
        let lines = errors.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("127.0.0.1 GET /forged") }, "\(errors)")
        #expect(lines.contains { $0.contains("GET /x\\n127.0.0.1 GET /forged 404") }, "\(errors)")
    }

    /// UPLYFT_DRAIN_SECONDS: after SIGTERM the node answers 503 at /api/ready/ while it still
    /// serves everything else, then stops cleanly.
    @Test func sigtermDrainsBeforeTheServerStops() throws {
        let drainSeconds = 4.0
        var stopped = Date()
        let errors = try startupErrors(host: "127.0.0.1", environment: ["UPLYFT_DRAIN_SECONDS": "\(Int(drainSeconds))"]) { port, pid in
            func get(_ target: String) throws -> Int {
                let client = try RawHTTPClient(port: port)
                try client.send(Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
                return try client.readResponse(headRequest: false).status
            }
            #expect(try get("/api/ready/") == 200)
            stopped = Date()
            kill(pid, SIGTERM)
            var readyStatus = 200
            while readyStatus == 200, Date().timeIntervalSince(stopped) < drainSeconds { readyStatus = try get("/api/ready/") }
            #expect(readyStatus == 503)
            let healthStatus = try? get("/api/health/")
            // Within the drain window the node still serves; past it (a very slow machine) it may not.
            if Date().timeIntervalSince(stopped) < drainSeconds - 0.5 { #expect(healthStatus == 200) }
        }
        #expect(errors.contains("draining: /api/ready/ answers 503"), "\(errors)")
        #expect(Date().timeIntervalSince(stopped) >= drainSeconds - 0.5)
    }
}
