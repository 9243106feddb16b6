import Foundation
import Testing
import Synchronization
import TestSupport
@testable import API
@testable import Store

/// Checkout in two steps over HTTP (issue 15): a review that places nothing, then one
/// confirmation that places the reviewed cart exactly once; orders listed and shown to their
/// shopper only.
@Suite struct OrdersOverTheWireTests {
    typealias Shop = ShopServerFixture

    static func review(_ shop: Shop, _ access: String) throws -> RawHTTPClient.Response {
        try shop.post("/api/checkout/", bearer: access)
    }

    static func confirm(_ shop: Shop, _ access: String, _ token: String) throws -> RawHTTPClient.Response {
        try shop.post("/api/orders/", Shop.jsonBody(["checkout_token": token]), bearer: access)
    }

    static func token(_ response: RawHTTPClient.Response) throws -> String {
        #expect(response.status == 200, "\(response.text)")
        return try #require(try response.jsonObject()["checkout_token"] as? String)
    }

    static func orderCount(_ shop: Shop) throws -> Int64 {
        try shop.application.database.read { connection throws(StoreError) in
            try connection.query("SELECT COUNT(*) FROM orders").first?.first?.integer ?? -1
        }
    }

    /// "409 cart_changed": the status and the error's code.
    static func refusal(_ response: RawHTTPClient.Response) throws -> String {
        "\(response.status) \(try code(response) ?? "-")"
    }

    static func code(_ response: RawHTTPClient.Response) throws -> String? {
        (try response.jsonObject()["error"] as? [String: Any])?["code"] as? String
    }

    @Test func aReviewedOrderIsPlacedOnceThenListedAndShown() throws {
        let shop = try Shop()
        let login = try shop.signUpAndLogIn("buyer")
        _ = try shop.post("/api/cart/items/", #"{"product_id": "nike-pegasus-40", "quantity": 2}"#, bearer: login.access)
        _ = try shop.post("/api/cart/items/", #"{"product_id": "cafe-bustelo-beans"}"#, bearer: login.access)
        let review = try Self.review(shop, login.access)
        let token = try Self.token(review)
        #expect(try review.jsonObject()["total_cents"] as? Int == 2 * 12999 + 1449)
        #expect(try Self.orderCount(shop) == 0, "a review places nothing")
        let placed = try Self.confirm(shop, login.access, token)
        #expect(placed.status == 201, "\(placed.text)")
        let order = try placed.jsonObject()
        let id = try #require(order["id"] as? Int)
        #expect(order["total_cents"] as? Int == 27447 && order["item_count"] as? Int == 3)
        #expect(CartOverTheWireTests.lines(try CartOverTheWireTests.cart(shop, login.access)).isEmpty, "the cart is emptied")
        // The same confirmation again: the order it placed, nothing more.
        let again = try Self.confirm(shop, login.access, token)
        #expect(try Self.refusal(again) == "409 order_already_placed", "\(again.text)")
        #expect(again.text.contains("#\(id)"))
        #expect(try Self.orderCount(shop) == 1)
        let list = try shop.get("/api/orders/", bearer: login.access).jsonObject()
        #expect(list["count"] as? Int == 1)
        #expect(((list["results"] as? [[String: Any]])?.first?["id"] as? Int) == id)
        let shown = try shop.get("/api/orders/\(id)/", bearer: login.access)
        #expect(shown.status == 200)
        #expect((try shown.jsonObject()["lines"] as? [Any])?.count == 2)
        // The same cart filled again is a new order, not the old one confirmed twice.
        _ = try shop.post("/api/cart/items/", #"{"product_id": "nike-pegasus-40", "quantity": 2}"#, bearer: login.access)
        _ = try shop.post("/api/cart/items/", #"{"product_id": "cafe-bustelo-beans"}"#, bearer: login.access)
        let second = try Self.token(try Self.review(shop, login.access))
        #expect(second != token)
        #expect(try Self.confirm(shop, login.access, second).status == 201)
        #expect(try Self.orderCount(shop) == 2)
    }

    /// Any change after the review, even one undone, needs a new review.
    @Test(arguments: ["add", "quantity", "remove", "add and remove", "chat"])
    func aCartChangedSinceTheReviewIsNotOrdered(_ change: String) throws {
        let shop = try Shop()
        let login = try shop.signUpAndLogIn("changer")
        let bearer = [("Authorization", "Bearer \(login.access)")]
        _ = try shop.post("/api/cart/items/", #"{"product_id": "ceramic-mug", "quantity": 2}"#, bearer: login.access)
        _ = try shop.post("/api/cart/items/", #"{"product_id": "atomic-habits"}"#, bearer: login.access)
        let token = try Self.token(try Self.review(shop, login.access))
        switch change {
        case "add": _ = try shop.post("/api/cart/items/", #"{"product_id": "ceramic-mug"}"#, bearer: login.access)
        case "quantity": _ = try shop.request("PUT", "/api/cart/items/ceramic-mug/", json: #"{"quantity": 3}"#, headers: bearer)
        case "remove": _ = try shop.request("DELETE", "/api/cart/items/atomic-habits/", headers: bearer)
        case "add and remove":
            _ = try shop.post("/api/cart/items/", #"{"product_id": "kindle-paperwhite"}"#, bearer: login.access)
            _ = try shop.request("DELETE", "/api/cart/items/kindle-paperwhite/", headers: bearer)
        default:
            _ = try shop.post("/api/chat/", Shop.jsonBody(["message": "show my cart"]), bearer: login.access)
            _ = try shop.post("/api/chat/", Shop.jsonBody(["message": "add the first one to my cart"]), bearer: login.access)
        }
        let refused = try Self.confirm(shop, login.access, token)
        #expect(try Self.refusal(refused) == "409 cart_changed", "\(change): \(refused.text)")
        #expect(try Self.orderCount(shop) == 0)
    }

    @Test func emptyCartsAndCartsThatCannotBeOrderedAreRefused() throws {
        let shop = try Shop()
        let login = try shop.signUpAndLogIn("blocked")
        let empty = try Self.review(shop, login.access)
        #expect(try Self.refusal(empty) == "409 cart_empty")
        let blind = try Self.confirm(shop, login.access, String(repeating: "0", count: 64))
        #expect(try Self.refusal(blind) == "409 cart_empty")
        // Lines the page cannot add but a cart can hold: the product sold out or left the catalog
        // after it was added (written to the store directly here).
        let user = try #require(try shop.application.users.credentials(username: "blocked")?.user)
        let carts = CartStore(database: shop.application.database)
        try carts.add(userID: user.id, productID: "bose-qc45", quantity: 1, now: 1)
        let soldOut = try Self.review(shop, login.access)
        #expect(try Self.refusal(soldOut) == "409 out_of_stock", "\(soldOut.text)")
        _ = try carts.remove(userID: user.id, productID: "bose-qc45")
        try carts.add(userID: user.id, productID: "withdrawn-product", quantity: 1, now: 2)
        let gone = try Self.review(shop, login.access)
        #expect(try Self.refusal(gone) == "409 not_in_catalog", "\(gone.text)")
        #expect(try Self.orderCount(shop) == 0)
    }

    /// Two confirmations of one review sent at once place one order.
    @Test func concurrentConfirmationsPlaceOneOrder() throws {
        let shop = try Shop()
        let login = try shop.signUpAndLogIn("double-clicker")
        _ = try shop.post("/api/cart/items/", #"{"product_id": "ceramic-mug"}"#, bearer: login.access)
        let token = try Self.token(try Self.review(shop, login.access))
        let port = shop.port
        let body = Shop.jsonBody(["checkout_token": token])
        let statuses = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let status = (try? Shop.request(port: port, "POST", "/api/orders/", json: body,
                                             headers: [("Authorization", "Bearer \(login.access)")]).status) ?? -1
            statuses.withLock { $0.append(status) }
        }
        #expect(statuses.withLock { $0.sorted() } == [201, 409, 409, 409])
        #expect(try Self.orderCount(shop) == 1)
    }

    @Test func ordersAreShownOnlyToTheirShopper() throws {
        let shop = try Shop()
        let owner = try shop.signUpAndLogIn("owner")
        let other = try shop.signUpAndLogIn("other")
        _ = try shop.post("/api/cart/items/", #"{"product_id": "ceramic-mug"}"#, bearer: owner.access)
        let placed = try Self.confirm(shop, owner.access, try Self.token(try Self.review(shop, owner.access)))
        let id = try #require(try placed.jsonObject()["id"] as? Int)
        #expect(try shop.get("/api/orders/\(id)/", bearer: other.access).status == 404)
        #expect(try shop.get("/api/orders/", bearer: other.access).jsonObject()["count"] as? Int == 0)
        for bad in ["0", "-1", "abc", "1e3", "99999999999999999999999", "1.0", "%2F"] {
            #expect(try shop.get("/api/orders/\(bad)/", bearer: owner.access).status == 404, "\(bad)")
        }
        #expect(try shop.get("/api/orders/?page=0", bearer: owner.access).status == 400)
    }
}
