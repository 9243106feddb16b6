import Foundation
import Testing
import TestSupport
@testable import API
@testable import Store

/// The cart over HTTP (issue 15): the signed-in shopper's cart, shared with the assistant,
/// with every number from the request checked and every refusal a 4xx with a stable code.
@Suite struct CartOverTheWireTests {
    typealias Shop = ShopServerFixture

    static func cart(_ shop: Shop, _ access: String) throws -> [String: Any] {
        let response = try shop.get("/api/cart/", bearer: access)
        #expect(response.status == 200, "\(response.text)")
        return try response.jsonObject()
    }

    static func add(_ shop: Shop, _ access: String, _ body: String) throws -> RawHTTPClient.Response {
        try shop.post("/api/cart/items/", body, bearer: access)
    }

    static func lines(_ cart: [String: Any]) -> [String: Int] {
        var quantities: [String: Int] = [:]
        for line in cart["lines"] as? [[String: Any]] ?? [] {
            quantities[line["product_id"] as? String ?? "?"] = line["quantity"] as? Int
        }
        return quantities
    }

    /// "409 cart_changed": the status and the error's code.
    static func refusal(_ response: RawHTTPClient.Response) throws -> String {
        "\(response.status) \(try errorCode(response) ?? "-")"
    }

    static func errorCode(_ response: RawHTTPClient.Response) throws -> String? {
        (try response.jsonObject()["error"] as? [String: Any])?["code"] as? String
    }

    @Test func theCartHoldsProductsPricesStockAndTheSubtotalInCents() throws {
        let shop = try Shop()
        let login = try shop.signUpAndLogIn("cart-reader")
        #expect(Self.lines(try Self.cart(shop, login.access)).isEmpty)
        #expect(try Self.add(shop, login.access, #"{"product_id": "jbl-tune-510bt", "quantity": 3}"#).status == 200)
        let added = try Self.add(shop, login.access, #"{"product_id": "ceramic-mug"}"#)
        #expect(added.status == 200)
        let cart = try added.jsonObject()
        #expect(Self.lines(cart) == ["jbl-tune-510bt": 3, "ceramic-mug": 1])
        // 3 × $49.95 + $9.99, in whole cents.
        #expect(cart["subtotal_cents"] as? Int == 3 * 4995 + 999)
        #expect(cart["item_count"] as? Int == 4)
        let first = try #require((cart["lines"] as? [[String: Any]])?.first)
        #expect(first["name"] as? String == "JBL Tune 510BT Wireless On-Ear Headphones")
        #expect(first["price_cents"] as? Int == 4995 && first["line_total_cents"] as? Int == 14985)
        #expect(first["stock"] as? Int == 40)
        #expect(first["problem"] is NSNull)
    }

    /// The page and the assistant share one cart: what one adds, the other shows.
    @Test func theChatAndThePageShareTheCart() throws {
        let shop = try Shop()
        let login = try shop.signUpAndLogIn("sharer")
        #expect(try Self.add(shop, login.access, #"{"product_id": "atomic-habits", "quantity": 2}"#).status == 200)
        let shown = try shop.post("/api/chat/", Shop.jsonBody(["message": "show my cart"]), bearer: login.access)
        #expect((try shown.jsonObject()["reply"] as? String)?.contains("2 × Atomic Habits") == true, "\(shown.text)")
        _ = try shop.post("/api/chat/", Shop.jsonBody(["message": "headphones"]), bearer: login.access)
        _ = try shop.post("/api/chat/", Shop.jsonBody(["message": "add the JBL to my cart"]), bearer: login.access)
        #expect(Self.lines(try Self.cart(shop, login.access)) == ["atomic-habits": 2, "jbl-tune-510bt": 1])
    }

    /// Quantities are JSON whole numbers from 1 to 99; anything else is 400 naming the field,
    /// and nothing is added.
    @Test(arguments: ["0", "-1", "100", "1.5", "\"2\"", "1e300", "99999999999999999999", "null", "true", "[1]", "{}"])
    func quantitiesOutsideTheRangeOrNotWholeNumbersAreRefused(_ quantity: String) throws {
        let shop = try Shop()
        let login = try shop.signUpAndLogIn("numbers")
        let added = try Self.add(shop, login.access, #"{"product_id": "ceramic-mug", "quantity": \#(quantity)}"#)
        #expect(added.status == 400, "\(quantity): \(added.text)")
        #expect(try Self.errorCode(added) == "invalid_field")
        #expect((try added.jsonObject()["error"] as? [String: Any])?["field"] as? String == "quantity")
        let set = try shop.request("PUT", "/api/cart/items/ceramic-mug/", json: #"{"quantity": \#(quantity)}"#,
                                   headers: [("Authorization", "Bearer \(login.access)")])
        #expect(try Self.refusal(set) == "400 invalid_field", "\(quantity): \(set.text)")
        #expect(Self.lines(try Self.cart(shop, login.access)).isEmpty)
    }

    @Test func productsThatCannotBeOrderedAreRefusedWithTheirCodes() throws {
        let shop = try Shop()
        let login = try shop.signUpAndLogIn("refused")
        let unknown = try Self.add(shop, login.access, #"{"product_id": "no-such-thing"}"#)
        #expect(try Self.refusal(unknown) == "400 unknown_product")
        let missing = try Self.add(shop, login.access, #"{"quantity": 1}"#)
        #expect(try Self.refusal(missing) == "400 missing_field")
        // bose-qc45 has a stock of 0.
        let soldOut = try Self.add(shop, login.access, #"{"product_id": "bose-qc45"}"#)
        #expect(try Self.refusal(soldOut) == "409 out_of_stock")
        // instant-pot-duo has 5 in stock: 5 fit, a sixth does not, and the line stays at 5.
        #expect(try Self.add(shop, login.access, #"{"product_id": "instant-pot-duo", "quantity": 5}"#).status == 200)
        let sixth = try Self.add(shop, login.access, #"{"product_id": "instant-pot-duo"}"#)
        #expect(try Self.refusal(sixth) == "409 not_enough_stock", "\(sixth.text)")
        // anker-usb-c-cable has 100 in stock: the cart's own limit of 99 applies.
        #expect(try Self.add(shop, login.access, #"{"product_id": "anker-usb-c-cable", "quantity": 99}"#).status == 200)
        let hundredth = try Self.add(shop, login.access, #"{"product_id": "anker-usb-c-cable"}"#)
        #expect(try Self.refusal(hundredth) == "409 quantity_limit", "\(hundredth.text)")
        #expect(Self.lines(try Self.cart(shop, login.access)) == ["instant-pot-duo": 5, "anker-usb-c-cable": 99])
    }

    @Test func aLineCanBeSetAndRemoved() throws {
        let shop = try Shop()
        let login = try shop.signUpAndLogIn("setter")
        let bearer = [("Authorization", "Bearer \(login.access)")]
        // PUT adds the line when it is not there, then sets it.
        #expect(try shop.request("PUT", "/api/cart/items/kindle-paperwhite/", json: #"{"quantity": 2}"#, headers: bearer).status == 200)
        let set = try shop.request("PUT", "/api/cart/items/kindle-paperwhite/", json: #"{"quantity": 7}"#, headers: bearer)
        #expect(set.status == 200)
        #expect(Self.lines(try set.jsonObject()) == ["kindle-paperwhite": 7])
        // 8 in stock.
        let over = try shop.request("PUT", "/api/cart/items/kindle-paperwhite/", json: #"{"quantity": 9}"#, headers: bearer)
        #expect(try Self.refusal(over) == "409 not_enough_stock")
        #expect(try shop.request("PUT", "/api/cart/items/no-such-thing/", json: #"{"quantity": 1}"#, headers: bearer).status == 404)
        #expect(try shop.request("DELETE", "/api/cart/items/ceramic-mug/", headers: bearer).status == 404)
        let removed = try shop.request("DELETE", "/api/cart/items/kindle-paperwhite/", headers: bearer)
        #expect(removed.status == 200)
        #expect(Self.lines(try removed.jsonObject()).isEmpty)
    }

    /// Every cart and order route is the signed-in shopper's: no token, no cart.
    @Test func everyCartAndOrderRouteNeedsAnAccessToken() throws {
        let shop = try Shop()
        for (method, path) in [("GET", "/api/cart/"), ("POST", "/api/cart/items/"), ("PUT", "/api/cart/items/ceramic-mug/"),
                               ("DELETE", "/api/cart/items/ceramic-mug/"), ("POST", "/api/checkout/"), ("POST", "/api/orders/"),
                               ("GET", "/api/orders/"), ("GET", "/api/orders/1/")] {
            let response = try shop.request(method, path, json: method == "GET" || method == "DELETE" ? nil : #"{"quantity": 1}"#)
            #expect(response.status == 401, "\(method) \(path): \(response.status)")
        }
    }
}
