/// A real `ShopApplication` for fuzz targets: a small generated index and a fresh database in
/// tmpfs, a signed-in demo user, and password hashing cut to one iteration so sign-up and
/// login cost microseconds rather than the production quarter second.
import API
import HTTPCore
import CatalogGenerator
import Foundation
import Indexer

public struct ShopFixture: Sendable {
    public let application: ShopApplication
    /// `Authorization` header value for the demo user.
    public let bearer: String
    /// A refresh token of the demo user (inputs may revoke it; the access token stays valid).
    public let refreshToken: String
    public let productIDs: [String]

    public init(name: String, productCount: Int = 40) {
        let directory = "/dev/shm/uplyft-fuzz-\(name)-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        do {
            try FileManager.default.createDirectory(atPath: directory + "/web", withIntermediateDirectories: true)
            var generator = CatalogGenerator(seed: 42)
            var builder = IndexBuilder()
            var ids: [String] = []
            for _ in 0..<productCount {
                let product = generator.next()
                ids.append(product.id)
                builder.add(product)
            }
            _ = try builder.write(to: directory + "/catalog.uplyft")
            productIDs = ids

            var configuration = ShopConfiguration()
            configuration.indexPath = directory + "/catalog.uplyft"
            configuration.dataDirectory = directory
            configuration.webRoot = directory + "/web"
            configuration.secret = String(repeating: "fuzz-secret-", count: 4)
            configuration.passwordIterations = 1
            // Inputs run for hours; the one access token must outlive the run.
            configuration.accessLifetimeSeconds = 10 * 365 * 86_400
            application = try ShopApplication(configuration: configuration, log: { _ in })
            guard let password = try application.createDemoAccountIfNoUsers() else {
                fatalError("the fresh database already had users")
            }
            let credentials = try JSONSerialization.data(withJSONObject: ["username": "demo", "password": password])
            let response = application.handle(try HTTPRequest(
                method: "POST", target: "/api/token/", headers: [("Content-Type", "application/json")],
                body: Array(credentials)))
            guard response.status == 200,
                  let pair = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                  let access = pair["access"] as? String, let refresh = pair["refresh"] as? String
            else {
                fatalError("demo login failed: \(response.status) \(String(decoding: response.body, as: UTF8.self))")
            }
            bearer = "Bearer " + access
            refreshToken = refresh
        } catch {
            fatalError("cannot set up the shop fixture in \(directory): \(error)")
        }
        // Remove the directory when libFuzzer exits normally (a crash leaves it for inspection).
        ShopFixture.directoryToRemove = directory
        atexit { if let directory = ShopFixture.directoryToRemove { try? FileManager.default.removeItem(atPath: directory) } }
    }

    nonisolated(unsafe) static var directoryToRemove: String?

    /// Handles `request` and checks what every answer must satisfy: no server error on client
    /// input, and API bodies that claim to be JSON parse as JSON.
    public func handleChecked(_ request: HTTPRequest) -> HTTPResponse {
        let response = application.handle(request)
        if response.status >= 500 && response.status != 503 {
            fatalError("\(request.method) \(request.target) body \(String(decoding: request.body, as: UTF8.self).debugDescription) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
        let contentType = response.headers.first { $0.name.lowercased() == "content-type" }?.value ?? ""
        if contentType.hasPrefix("application/json") && !response.body.isEmpty {
            guard (try? JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed])) != nil else {
                fatalError("\(request.method) \(request.target) answered invalid JSON: \(String(decoding: response.body, as: UTF8.self))")
            }
        }
        return response
    }
}
