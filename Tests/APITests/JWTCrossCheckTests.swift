import Foundation
import Testing
@testable import API

/// Our tokens checked by an independent JWT implementation (PyJWT), and PyJWT's tokens
/// accepted by our server: a shared misreading of RFC 7519 between our signer and our
/// verifier would pass every other test but fail here.
///
/// PyJWT runs from a virtual environment made by `scripts/python-venv.sh`. Without Python
/// the suite is skipped, except on CI (`CI` set), where a missing Python is a failure.
@Suite(.enabled(if: PyJWTRunner.isRequired || PyJWTRunner.python.isSuccess,
                "Python with venv and PyJWT is unavailable (set CI=true to make this a failure)"))
struct JWTCrossCheckTests {
    @Test func pyJWTAcceptsOurAccessAndRefreshTokens() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("alice")
        let userID = try #require((try login.response.jsonObject()["user"] as? [String: Any])?["id"] as? Int)

        let access = try PyJWTRunner.run(["verify", ShopServerFixture.secret, login.access])
        #expect(access.status == 0, "\(access.errors)")
        let claims = try #require(try JSONSerialization.jsonObject(with: Data(access.output.utf8)) as? [String: Any])
        #expect(claims["sub"] as? String == String(userID))
        #expect(claims["type"] as? String == "access")
        let issuedAt = try #require(claims["iat"] as? Int)
        #expect(claims["exp"] as? Int == issuedAt + 300)
        #expect((claims["jti"] as? String)?.isEmpty == false)

        let refresh = try PyJWTRunner.run(["verify", ShopServerFixture.secret, login.refreshCookie])
        #expect(refresh.status == 0, "\(refresh.errors)")
        let refreshClaims = try JSONSerialization.jsonObject(with: Data(refresh.output.utf8)) as? [String: Any]
        #expect(refreshClaims?["type"] as? String == "refresh")
    }

    /// Shows the check above is a real one: PyJWT refuses our token under another secret.
    @Test func pyJWTRefusesOurTokenUnderAnotherSecret() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("bob-smith")
        let result = try PyJWTRunner.run(["verify", "another-secret-that-is-long-enough-for-hs256", login.access])
        #expect(result.status == 1)
        #expect(result.errors.contains("InvalidSignatureError"))
    }

    @Test func ourServerAcceptsAnAccessTokenSignedByPyJWT() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("carol")
        let userID = try #require((try login.response.jsonObject()["user"] as? [String: Any])?["id"] as? Int)

        let signed = try PyJWTRunner.run(["sign", ShopServerFixture.secret, String(userID)])
        #expect(signed.status == 0, "\(signed.errors)")
        let token = signed.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let chat = try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": "wireless headphones"]), bearer: token)
        #expect(chat.status == 200)
        let me = try shop.get("/api/me/", bearer: token)
        #expect((try me.jsonObject()["user"] as? [String: Any])?["username"] as? String == "carol")
    }

    @Test func ourServerRefusesPyJWTTokensOfTheWrongTypeOrSecret() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("dave")
        let userID = try #require((try login.response.jsonObject()["user"] as? [String: Any])?["id"] as? Int)
        let body = ShopServerFixture.jsonBody(["message": "headphones"])

        let refreshType = try PyJWTRunner.run(["sign", ShopServerFixture.secret, String(userID), "refresh"])
        #expect(refreshType.status == 0, "\(refreshType.errors)")
        let asBearer = try shop.post("/api/chat/", body, bearer: refreshType.output.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(asBearer.status == 401 && asBearer.errorCode == "token_not_valid")

        let otherSecret = try PyJWTRunner.run(["sign", "another-secret-that-is-long-enough-for-hs256", String(userID)])
        #expect(otherSecret.status == 0, "\(otherSecret.errors)")
        let forged = try shop.post("/api/chat/", body, bearer: otherSecret.output.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(forged.status == 401 && forged.errorCode == "token_not_valid")
    }
}

/// Runs `Tests/APITests/pyjwt_crosscheck.py` with the test venv's Python.
enum PyJWTRunner {
    static let requirement = "PyJWT==2.10.1"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    struct Outcome {
        let status: Int32
        let output: String
        let errors: String
    }

    /// CI must run the cross-check; a developer machine without Python may skip it.
    static var isRequired: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? ""
        return !value.isEmpty && !["0", "false", "no"].contains(value)
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The venv's python, set up once per test run.
    static let python: Result<String, Failure> = {
        do {
            let outcome = try execute("/bin/bash", [repositoryRoot + "/scripts/python-venv.sh", requirement])
            let path = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
            guard outcome.status == 0, FileManager.default.isExecutableFile(atPath: path) else {
                return .failure(Failure(description: "python-venv.sh failed (\(outcome.status)): \(outcome.errors)"))
            }
            return .success(path)
        } catch {
            return .failure(Failure(description: "cannot run python-venv.sh: \(error)"))
        }
    }()

    static func run(_ arguments: [String]) throws -> Outcome {
        let python = try python.get()
        return try execute(python, [repositoryRoot + "/Tests/APITests/pyjwt_crosscheck.py"] + arguments)
    }

    private static func execute(_ executable: String, _ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes to the end before waiting, so a chatty child cannot fill one and block.
        let errorData = LockedData()
        let errorReader = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                       errors: String(decoding: errorData.waitForValue(), as: UTF8.self))
    }

    /// Standard error as read by its own thread.
    private final class LockedData: @unchecked Sendable {
        private let condition = NSCondition()
        private var data: Data?

        func set(_ value: Data) {
            condition.lock()
            data = value
            condition.broadcast()
            condition.unlock()
        }

        func waitForValue() -> Data {
            condition.lock()
            defer { condition.unlock() }
            while data == nil { condition.wait() }
            return data ?? Data()
        }
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
