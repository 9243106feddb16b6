/// One line of a shopper's cart.
public struct CartItem: Sendable, Equatable, Codable {
    public let productID: String
    public let quantity: Int
    public let addedAtMilliseconds: Int64
}

/// Shopping carts, one per shopper, and the orders they become at checkout.
public struct CartStore: Sendable {
    let database: Database
    /// A cart line above this is a typo or abuse, not a purchase.
    public static let maximumQuantity = 99

    public init(database: Database) {
        self.database = database
    }

    /// Adds `quantity` of a product (to any already in the cart, capped); returns the line.
    @discardableResult
    public func add(userID: Int64, productID: String, quantity: Int, now: Int64) throws(StoreError) -> CartItem {
        let clamped = Int64(min(max(quantity, 1), Self.maximumQuantity))
        return try database.transaction { connection throws(StoreError) in
            try connection.query("""
                INSERT INTO cart_items (user_id, product_id, quantity, added_at_ms) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = MIN(quantity + excluded.quantity, ?)
                """, [.integer(userID), .text(productID), .integer(clamped), .integer(now), .integer(Int64(Self.maximumQuantity))])
            let row = try connection.query("SELECT quantity, added_at_ms FROM cart_items WHERE user_id = ? AND product_id = ?",
                                           [.integer(userID), .text(productID)]).first
            return CartItem(productID: productID, quantity: Int(row?[0].integer ?? clamped), addedAtMilliseconds: row?[1].integer ?? now)
        }
    }

    /// Removes a product from the cart; false when it was not there.
    public func remove(userID: Int64, productID: String) throws(StoreError) -> Bool {
        try database.transaction { connection throws(StoreError) in
            try connection.query("DELETE FROM cart_items WHERE user_id = ? AND product_id = ?", [.integer(userID), .text(productID)])
            return connection.changes > 0
        }
    }

    public func items(userID: Int64) throws(StoreError) -> [CartItem] {
        try database.read { connection throws(StoreError) in
            try connection.query("SELECT product_id, quantity, added_at_ms FROM cart_items WHERE user_id = ? ORDER BY added_at_ms, product_id",
                                 [.integer(userID)]).compactMap { row in
                guard let id = row[0].text, let quantity = row[1].integer, let added = row[2].integer else { return nil }
                return CartItem(productID: id, quantity: Int(quantity), addedAtMilliseconds: added)
            }
        }
    }

    public func clear(userID: Int64) throws(StoreError) {
        try database.transaction { connection throws(StoreError) in
            try connection.query("DELETE FROM cart_items WHERE user_id = ?", [.integer(userID)])
        }
    }

    /// A priced order line: the price is the one shown at checkout, kept with the order.
    public struct OrderLine: Sendable, Equatable {
        public let productID: String
        public let name: String
        public let priceCents: Int64
        public let quantity: Int

        public init(productID: String, name: String, priceCents: Int64, quantity: Int) {
            self.productID = productID
            self.name = name
            self.priceCents = priceCents
            self.quantity = quantity
        }
    }

    /// Turns the given lines into an order and empties the cart, both or neither.
    public func placeOrder(userID: Int64, lines: [OrderLine], now: Int64) throws(StoreError) -> Int64 {
        try database.transaction { connection throws(StoreError) in
            let total = lines.reduce(Int64(0)) { $0 + $1.priceCents * Int64($1.quantity) }
            try connection.query("INSERT INTO orders (user_id, total_cents, created_at_ms) VALUES (?, ?, ?)",
                                 [.integer(userID), .integer(total), .integer(now)])
            let orderID = connection.lastInsertedRowID
            for line in lines {
                try connection.query("INSERT INTO order_items (order_id, product_id, name, price_cents, quantity) VALUES (?, ?, ?, ?, ?)",
                                     [.integer(orderID), .text(line.productID), .text(line.name), .integer(line.priceCents), .integer(Int64(line.quantity))])
            }
            try connection.query("DELETE FROM cart_items WHERE user_id = ?", [.integer(userID)])
            return orderID
        }
    }
}
