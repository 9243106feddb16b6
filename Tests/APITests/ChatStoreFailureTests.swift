import Foundation
import Testing
@testable import API
@testable import Query
@testable import Store
import TestSupport

/// A chat turn whose database or index work fails is answered as a failure (issue 12): an
/// error status and a message saying what could not be done and what was done before it,
/// never a reply that claims the change ("Removed ..." after a failed delete, "Your cart
/// changed" after a failed read, "I found nothing" after a failed search).
///
/// Faults are real SQLite errors: a trigger that aborts the statement, or a table renamed
/// away, made through the server's own connection; and index bytes damaged in place under
/// the server's mapping, as a file overwritten by hand would be.
@Suite struct ChatStoreFailureTests {
    /// A signed-in shopper on a real server who has searched for headphones.
    final class Shopper {
        let shop: ShopServerFixture
        let access: String
        /// The products the search listed, in order.
        private(set) var listed: [(id: String, name: String, inStock: Bool)] = []

        init(_ name: String) throws {
            shop = try ShopServerFixture()
            access = try shop.signUpAndLogIn(name).access
            let page = try send("headphones")
            #expect(page.status == 200)
            let products = try page.jsonObject()["products"] as? [[String: Any]] ?? []
            listed = products.compactMap { product in
                guard let id = product["id"] as? String, let name = product["name"] as? String else { return nil }
                return (id, name, product["in_stock"] as? Bool ?? true)
            }
        }

        func send(_ message: String) throws -> RawHTTPClient.Response {
            try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": message]), bearer: access)
        }

        /// Sends `message`, which must succeed, and returns its reply.
        @discardableResult
        func reply(_ message: String) throws -> String {
            let response = try send(message)
            #expect(response.status == 200, "\(message): \(response.status) \(response.text)")
            return try response.jsonObject()["reply"] as? String ?? ""
        }

        /// Runs `sql` on the server's own database connection: the fault to inject.
        func inject(_ sql: String) throws {
            try shop.application.database.transaction { connection throws(StoreError) in try connection.execute(sql) }
        }

        /// The product ids in the shopper's cart, read past any fault (the table may be renamed).
        func cart(table: String = "cart_items") throws -> [String] {
            try shop.application.database.read { connection throws(StoreError) in
                try connection.query("SELECT product_id FROM \(table) ORDER BY product_id").compactMap { $0.first?.text }
            }
        }

        func orderCount() throws -> Int64 {
            try shop.application.database.read { connection throws(StoreError) in
                try connection.query("SELECT COUNT(*) FROM orders").first?.first?.integer ?? -1
            }
        }

        /// The 1-based positions of the first two listed products in stock.
        func twoInStock() throws -> [(position: Int, id: String, name: String)] {
            let found = listed.enumerated().filter(\.element.inStock).prefix(2)
                .map { (position: $0.offset + 1, id: $0.element.id, name: $0.element.name) }
            try #require(found.count == 2, "the fixture lists two headphones in stock")
            return found
        }
    }

    /// The failure as the route answers it: status and the message for people.
    static func failure(_ response: RawHTTPClient.Response) throws -> (status: Int, message: String) {
        let error = try response.jsonObject()["error"] as? [String: Any]
        return (response.status, error?["message"] as? String ?? "")
    }

    static let abort = "SELECT RAISE(ABORT, 'injected fault: the disk is failing')"

    @Test func aRemoveThatFailsIsAnErrorAndClaimsNothing() throws {
        let shopper = try Shopper("remove-fails")
        let product = try shopper.twoInStock()[0]
        try shopper.reply("add #\(product.position) to my cart")
        try shopper.inject("CREATE TRIGGER refuse_delete BEFORE DELETE ON cart_items BEGIN \(Self.abort); END")
        try shopper.inject("CREATE TRIGGER refuse_update BEFORE UPDATE ON cart_items BEGIN \(Self.abort); END")
        let (status, message) = try Self.failure(try shopper.send("remove it from my cart"))
        #expect(status == 500)
        #expect(!message.contains("Removed"), "\(message)")
        #expect(message.contains("could not remove \(product.name)"), "\(message)")
        #expect(try shopper.cart() == [product.id])
    }

    @Test func anAddThatFailsIsAnErrorAndClaimsNothing() throws {
        let shopper = try Shopper("add-fails")
        let product = try shopper.twoInStock()[0]
        try shopper.inject("CREATE TRIGGER refuse_insert BEFORE INSERT ON cart_items BEGIN \(Self.abort); END")
        let (status, message) = try Self.failure(try shopper.send("add #\(product.position) to my cart"))
        #expect(status == 500)
        #expect(!message.contains("Added"), "\(message)")
        #expect(message.contains("could not add \(product.name)"), "\(message)")
        #expect(try shopper.cart().isEmpty)
    }

    /// Two products, the second refused: the message says the first was added, and only it was.
    @Test func aFailureHalfwaySaysWhatWasDoneBeforeIt() throws {
        let shopper = try Shopper("second-add-fails")
        let products = try shopper.twoInStock()
        try shopper.inject("CREATE TRIGGER refuse_second BEFORE INSERT ON cart_items WHEN NEW.product_id = '\(products[1].id)' BEGIN \(Self.abort); END")
        let (status, message) = try Self.failure(try shopper.send("add #\(products[0].position) and #\(products[1].position) to my cart"))
        #expect(status == 500)
        #expect(message.contains("Added 1 × \(products[0].name)"), "\(message)")
        #expect(message.contains("could not add \(products[1].name)"), "\(message)")
        #expect(try shopper.cart() == [products[0].id])
    }

    @Test func aCartThatCannotBeReadIsAnErrorNotAnEmptyCart() throws {
        let shopper = try Shopper("cart-unreadable")
        let product = try shopper.twoInStock()[0]
        try shopper.reply("add #\(product.position) to my cart")
        try shopper.inject("ALTER TABLE cart_items RENAME TO cart_items_unreachable")
        let (status, message) = try Self.failure(try shopper.send("show my cart"))
        #expect(status == 500)
        #expect(!message.lowercased().contains("empty"), "\(message)")
        #expect(message.contains("could not read your cart"), "\(message)")
        #expect(try shopper.cart(table: "cart_items_unreachable") == [product.id])
    }

    /// A yes whose cart cannot be read places nothing and says so, not "your cart changed".
    @Test func aConfirmationWhoseCartCannotBeReadPlacesNothingAndSaysWhy() throws {
        let shopper = try Shopper("confirm-unreadable")
        try shopper.reply("add #\(try shopper.twoInStock()[0].position) to my cart")
        #expect(try shopper.reply("checkout").contains("Shall I place it?"))
        try shopper.inject("ALTER TABLE cart_items RENAME TO cart_items_unreachable")
        let (status, message) = try Self.failure(try shopper.send("yes"))
        #expect(status == 500)
        #expect(!message.contains("changed"), "\(message)")
        #expect(message.contains("not placed"), "\(message)")
        #expect(try shopper.orderCount() == 0)
    }

    @Test func anOrderThatCannotBeWrittenIsAnErrorAndTheCartStays() throws {
        let shopper = try Shopper("order-fails")
        let product = try shopper.twoInStock()[0]
        try shopper.reply("add #\(product.position) to my cart")
        #expect(try shopper.reply("checkout").contains("Shall I place it?"))
        try shopper.inject("CREATE TRIGGER refuse_order BEFORE INSERT ON orders BEGIN \(Self.abort); END")
        let (status, message) = try Self.failure(try shopper.send("yes"))
        #expect(status == 500)
        #expect(!message.contains("Order #"), "\(message)")
        #expect(message.contains("could not place the order"), "\(message)")
        #expect(try shopper.orderCount() == 0)
        #expect(try shopper.cart() == [product.id])
    }

    /// Damages the index under the server's mapping: every block of the stored-fields table
    /// now claims to start past the last document, so no product's fields can be read (the
    /// mapping sees the bytes at once, as it would a file overwritten in place by hand).
    static func damageStoredFields(of shopper: Shopper) throws {
        let path = shopper.shop.application.indexes.path
        let stored = try #require(try SearchIndex(path: path).sections.first { $0.name == "STORED" })
        let file = try #require(FileHandle(forUpdatingAtPath: path))
        try file.seek(toOffset: stored.offset)
        let blockCount = try #require(try file.read(upToCount: 4)).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        try file.seek(toOffset: stored.offset + 8)
        try file.write(contentsOf: Data(repeating: 0xFF, count: blockCount * 24))
        try file.close()
    }

    /// A search, a product lookup or a cart listing the index cannot answer is an error, not
    /// "I found nothing", a product left out, or an answer about another product.
    @Test(arguments: [
        ([], "headphones", "found nothing"),
        ([], "cheaper ones", "Here"),
        ([], "tell me about the first one", "Which one"),
        ([], "compare the first two", "Tell me which two"),
        ([], "add the first one to my cart", "Added"),
        (["add the JBL to my cart"], "show my cart", "In your cart"),
    ] as [([String], String, String)])
    func whatTheIndexCannotAnswerIsAnError(before: [String], message: String, claim: String) throws {
        let shopper = try Shopper("index-damaged")
        for earlier in before { try shopper.reply(earlier) }
        let cart = try shopper.cart()
        #expect(cart.count == before.count)
        try Self.damageStoredFields(of: shopper)
        let (status, text) = try Self.failure(try shopper.send(message))
        #expect(status == 500, "\(message): \(status)")
        #expect(!text.contains(claim), "\(message): \(text)")
        #expect(text.contains("could not"), "\(message): \(text)")
        #expect(try shopper.cart() == cart)
    }
}
