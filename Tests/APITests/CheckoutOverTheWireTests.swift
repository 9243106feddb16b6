import Testing
@testable import API
@testable import Chat
@testable import Store

/// Placing an order over the wire (issue 11, section 3): the rules of `CheckoutConfirmation`
/// (tested message by message in ChatTests) hold through the real server and its database.
@Suite struct CheckoutOverTheWireTests {
    /// The real server: "checkout" places nothing, the yes right after it places one order,
    /// and a second yes none.
    @Test func anOrderIsPlacedOnlyAfterCheckoutAndYes() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("careful-buyer")
        func send(_ message: String) throws -> [String: Any] {
            let response = try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": message]), bearer: login.access)
            #expect(response.status == 200, "\(message): \(response.status)")
            return try response.jsonObject()
        }
        func orders() throws -> Int64 {
            try shop.application.database.read { connection throws(StoreError) in
                try connection.query("SELECT COUNT(*) FROM orders").first?.first?.integer ?? -1
            }
        }
        _ = try send("headphones")
        let added = try send("add the JBL to my cart")["reply"] as? String ?? ""
        #expect(added.hasPrefix("Added 1 × JBL"), "\(added)")
        let asked = try send("checkout")
        #expect((asked["reply"] as? String)?.contains("Shall I place it?") == true, "\(asked)")
        #expect((asked["suggestions"] as? [String])?.first == CheckoutConfirmation.confirmationSuggestion)
        #expect(try orders() == 0)
        let placed = try send(CheckoutConfirmation.confirmationSuggestion)
        #expect((placed["reply"] as? String)?.hasPrefix("Order #") == true)
        #expect(try orders() == 1)
        _ = try send("yes")
        #expect(try orders() == 1)
    }
}
