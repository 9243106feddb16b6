import Foundation
import Query
import Testing
@testable import API

/// Numbers that come from outside, through the chat and the search API (issue 11, section 1):
/// every spelling of a number a shopper or a client can send is answered, never a trap.
/// `headphones under $1e19` used to reach `Int(_:)` in the reply and end the server. How the
/// chat reads each form: `NumericInputTests` in ChatTests.
@Suite struct NumericInputTests {
    // MARK: - The examples, over the wire

    /// Each of these stopped the whole server ("Double value cannot be converted to Int").
    @Test(arguments: ["headphones under $1e19", "over $10000000000000000000", "around $8e18"])
    func hugeChatPricesAreAnsweredNotFatal(message: String) throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("big-spender")
        let response = try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": message]), bearer: login.access)
        #expect(response.status == 200)
        let reply = try response.jsonObject()["reply"] as? String ?? ""
        #expect(reply.contains("prices that high"), "\(reply)")
        #expect(try shop.get("/api/health/").status == 200)
        // The shopper can go on: the conversation was stored and answers the next message.
        let next = try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": "headphones under $100"]), bearer: login.access)
        #expect(next.status == 200)
    }

    // MARK: - Numeric forms through the search API

    @Test(arguments: [
        "min_price=0", "max_price=0", "max_price=-0", "max_price=10.5", "max_price=1E2", "max_price=1e-5",
        "max_price=42949672.94", "min_price=", "page=1", "page=%2B1", "page_size=100", "page=10000",
    ])
    func searchAcceptsNumbersInRange(query: String) throws {
        let shop = try ShopServerFixture()
        let response = try shop.get("/api/search/?q=headphones&\(query)")
        #expect(response.status == 200, "\(query): \(response.text)")
    }

    @Test(arguments: [
        "max_price=1e19", "max_price=1e300", "min_price=1e309", "max_price=42949672.95", "max_price=123456789012345678901234",
        "max_price=nan", "max_price=NaN", "max_price=inf", "max_price=-inf", "max_price=infinity", "min_price=-1",
        "max_price=0x10", "max_price=1,000", "max_price=%241000", "max_price=2k", "max_price=%EF%BC%91%EF%BC%90", "max_price=%D9%A3",
        "max_price=%2B5", "max_price=%2010", "max_price=10%20", "max_price=.5", "max_price=5.", "max_price=1e", "max_price=--1",
        "page=1e3", "page=99999999999999999999", "page=-0", "page=%D9%A3", "page=%EF%BC%91", "page=10001", "page_size=1e2",
        "page_size=-9223372036854775808",
    ])
    func searchRefusesNumbersOutOfRangeOrMisspelt(query: String) throws {
        let shop = try ShopServerFixture()
        let response = try shop.get("/api/search/?q=headphones&\(query)")
        #expect(response.status == 400, "\(query): \(response.status) \(response.text)")
        #expect(response.errorCode == "invalid_parameter", "\(query)")
        #expect(try shop.get("/api/health/").status == 200)
    }

    /// The documented bounds are the enforced ones, so generated clients (and schemathesis)
    /// send only what the server takes.
    @Test func theOpenAPIDocumentStatesThePriceAndPageBounds() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(try ShopServerFixture().application.openAPIDocument.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let search = try #require(paths["/api/search/"]?["get"] as? [String: Any])
        let parameters = try #require(search["parameters"] as? [[String: Any]])
        func schema(_ name: String) -> [String: Any]? {
            parameters.first { $0["name"] as? String == name }?["schema"] as? [String: Any]
        }
        for name in ["min_price", "max_price"] {
            #expect(schema(name)?["minimum"] as? Double == 0, "\(name)")
            #expect(schema(name)?["maximum"] as? Double == SearchFilter.maximumPrice, "\(name)")
        }
        #expect(schema("page")?["maximum"] as? Int == 10_000)
        #expect(schema("page_size")?["maximum"] as? Int == CatalogRoutes.maximumPageSize)
    }

    @Test(arguments: ["page=1e3", "page=99999999999999999999", "page=1000001", "page_size=201", "page_size=-1", "page=%D9%A3"])
    func chatHistoryRefusesNumbersOutOfRange(query: String) throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("history-pager")
        let response = try shop.get("/api/chat/history/?\(query)", bearer: login.access)
        #expect(response.status == 400, "\(query): \(response.status)")
        #expect(response.errorCode == "invalid_parameter", "\(query)")
    }
}
