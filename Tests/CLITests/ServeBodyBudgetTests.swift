import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `uplyft serve` hands its trusted-proxy list to the HTTP server: a listed proxy, through
/// which every shopper comes, may hold more than one client's share of the request-body
/// budget (8 MiB of 64 MiB by default); any other address is held to its share.
@Suite struct ServeBodyBudgetTests {
    /// A running `uplyft serve` on 127.0.0.1 and a kernel-chosen port, stopped with SIGTERM
    /// when released.
    final class Server {
        let directory: TemporaryDirectory
        let process = Process()
        private(set) var port = 0
        private var launched = false

        init(arguments: [String]) throws {
            directory = try TemporaryDirectory()
            #expect(try UplyftProcess.run(["gen", "--seed", "4", "--count", "50", "-o", "catalog.jsonl"], in: directory.path).status == 0)
            #expect(try UplyftProcess.run(["index", "catalog.jsonl", "-o", "catalog.uplyft"], in: directory.path).status == 0)
            process.executableURL = URL(fileURLWithPath: try UplyftProcess.binaryPath())
            process.arguments = ["serve", "--index", "catalog.uplyft", "--data-dir", "data", "--host", "127.0.0.1", "--port", "0",
                                 "--web-root", ServeStartupTests.repositoryRoot + "/web"] + arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
            process.environment = ["PATH": "/usr/bin:/bin", "UPLYFT_PASSWORD_ITERATIONS": "1000"]
            let outputPath = directory.file("serve.out")
            #expect(FileManager.default.createFile(atPath: outputPath, contents: nil))
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
            process.standardError = FileHandle.nullDevice
            try process.run()
            launched = true
            // A bounded poll of the output file for the serving line, which names the port.
            let deadline = Date().addingTimeInterval(60)
            while port == 0, process.isRunning, Date() < deadline {
                let lines = try String(contentsOfFile: outputPath, encoding: .utf8).split(separator: "\n")
                if let line = lines.first(where: { $0.hasPrefix("serving http://127.0.0.1:") && $0.contains("/ (") }),
                   let text = line.dropFirst("serving http://127.0.0.1:".count).split(separator: "/").first {
                    port = Int(text) ?? 0
                }
                if port == 0 { usleep(20_000) }
            }
            guard port != 0 else {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                throw UplyftProcess.Failure(description: "uplyft serve printed no serving line")
            }
        }

        deinit {
            guard launched else { return }
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            process.waitUntilExit()
        }
    }

    /// Opens a connection from 127.0.0.1 announcing a body of `length` bytes with
    /// `Expect: 100-continue`, and returns the connection (still open) and the status the
    /// server answered: 100 once the body's bytes are reserved, 503 when refused.
    static func announceBody(port: Int, length: Int) throws -> (client: RawHTTPClient, status: Int) {
        let client = try RawHTTPClient(port: port, receiveTimeoutSeconds: 10)
        try client.send("POST /api/login/ HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: \(length)\r\n\r\n")
        return (client, try client.readResponse().status)
    }

    /// The statuses of `count` bodies of 1 MiB announced from 127.0.0.1, all held open at once.
    static func statusesOfSlowBodies(port: Int, count: Int) throws -> [Int] {
        var opened: [RawHTTPClient] = []
        defer { for client in opened { client.close() } }
        return try (0..<count).map { _ in
            let (client, status) = try announceBody(port: port, length: 1024 * 1024)
            opened.append(client)
            return status
        }
    }

    @Test func anUnlistedAddressIsHeldToItsShare() throws {
        let server = try Server(arguments: [])
        let statuses = try Self.statusesOfSlowBodies(port: server.port, count: 9)
        #expect(statuses == Array(repeating: 100, count: 8) + [503], "\(statuses)")
    }

    @Test func aTrustedProxyMayHoldMoreThanOneShare() throws {
        let server = try Server(arguments: ["--trusted-proxy", "10.0.0.0/8,127.0.0.1"])
        let statuses = try Self.statusesOfSlowBodies(port: server.port, count: 9)
        #expect(statuses == Array(repeating: 100, count: 9), "\(statuses)")
    }
}
