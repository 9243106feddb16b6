import Foundation
import Testing
@testable import API
import TestSupport

/// U+0000 in text a client sends: legal in JSON (`\u0000`) and in a percent-encoded path
/// (`%00`), but PostgreSQL's text type cannot hold it (SQLSTATE 22021, once a 500 there) while
/// SQLite stored it. Both engines now answer the same 400 naming the field, and nothing is
/// stored: every JSON text field (`BodyFields.optionalText`) and every path parameter
/// (`Router`) is checked before a store sees it.
@Suite struct TextWithNULTests {
    enum Engine: String, CustomTestStringConvertible, Sendable {
        case sqlite, postgres
        var testDescription: String { rawValue }
        static var all: [Engine] {
            (ProcessInfo.processInfo.environment["UPLYFT_TEST_DATABASE_URL"] ?? "").isEmpty ? [.sqlite] : [.sqlite, .postgres]
        }
    }

    private func withShop(_ engine: Engine, _ body: (ShopServerFixture) throws -> Void) throws {
        switch engine {
        case .sqlite: try body(try ShopServerFixture())
        case .postgres: try SharedThrottleTests.withDatabase { url in try body(try ShopServerFixture { $0.databaseURL = url }) }
        }
    }

    private func field(_ response: RawHTTPClient.Response) -> String? {
        ((try? response.jsonObject())?["error"] as? [String: Any])?["field"] as? String
    }

    @Test(arguments: Engine.all) func jsonTextWithNULIsRefusedOnBothEngines(_ engine: Engine) throws {
        try withShop(engine) { shop in
            let login = try shop.signUpAndLogIn("nul-shopper")
            let product = try #require(ShopServerFixture.products.first { $0.price != nil && ($0.stock ?? 1) > 0 }?.id)
            let cases: [(path: String, body: [String: String], field: String)] = [
                ("/api/chat/", ["message": "show me\u{0} headphones"], "message"),
                ("/api/register/", ["username": "nul\u{0}name", "password": "correct horse battery"], "username"),
                ("/api/login/", ["username": "nul-shopper\u{0}", "password": "correct horse battery"], "username"),
                ("/api/cart/items/", ["product_id": product + "\u{0}"], "product_id"),
                ("/api/orders/", ["checkout_token": "token\u{0}"], "checkout_token"),
            ]
            for item in cases {
                let response = try shop.post(item.path, ShopServerFixture.jsonBody(item.body), bearer: login.access)
                #expect(response.status == 400, "\(item.path): \(response.status) \(response.text)")
                #expect(response.errorCode == "invalid_field", "\(item.path)")
                #expect(field(response) == item.field, "\(item.path)")
            }
            let history = try shop.get("/api/chat/history/", bearer: login.access).jsonObject()
            #expect(history["count"] as? Int == 0, "nothing of the refused message was stored")
            #expect((try shop.get("/api/cart/", bearer: login.access).jsonObject()["lines"] as? [Any])?.count == 0)
        }
    }

    @Test(arguments: Engine.all) func pathParametersWithNULAreRefusedOnBothEngines(_ engine: Engine) throws {
        try withShop(engine) { shop in
            let login = try shop.signUpAndLogIn("nul-path")
            let bearer = [("Authorization", "Bearer \(login.access)")]
            for (method, json) in [("DELETE", nil), ("PUT", #"{"quantity": 1}"#)] as [(String, String?)] {
                let response = try shop.request(method, "/api/cart/items/sku%00x/", json: json, headers: bearer)
                #expect(response.status == 400, "\(method): \(response.status) \(response.text)")
                #expect(response.errorCode == "invalid_parameter", "\(method)")
            }
            #expect(try shop.get("/api/products/sku%00x/").status == 400)
        }
    }
}
