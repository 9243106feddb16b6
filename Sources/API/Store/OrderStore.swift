/// Orders: placed from a reviewed cart exactly once, then read back by their shopper.
///
/// Placing follows the two steps of a shop's checkout: a review shows the cart at a revision
/// (`CartStore.Snapshot`) with a token naming it, and the confirmation sends the token back.
/// The order is written only if the cart is still at that revision, in the transaction that
/// empties the cart and moves its revision on, and the token is kept on the order (unique per
/// account), so a confirmation sent twice, from two tabs at once or replayed later, finds the
/// order it placed instead of placing another.
public struct OrderStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// An order as its shopper sees it: what was bought at which price, in cents.
    public struct Order: Sendable, Equatable {
        public let id: Int64
        public let totalCents: Int64
        public let createdAtMilliseconds: Int64
        public let lines: [CartStore.OrderLine]
    }

    /// One order in a list: no lines, their count of units.
    public struct Summary: Sendable, Equatable {
        public let id: Int64
        public let totalCents: Int64
        public let createdAtMilliseconds: Int64
        public let itemCount: Int64
    }

    /// What `place` did.
    public enum Placement: Sendable, Equatable {
        case placed(orderID: Int64)
        /// The token's order exists already: nothing was placed now.
        case alreadyPlaced(orderID: Int64)
        /// The cart is no longer at the reviewed revision: nothing was placed.
        case cartChanged
    }

    /// Places `lines` as an order if the cart is still at `revision` and `checkoutToken` was
    /// never placed by this shopper; empties the cart and moves its revision on, all in one
    /// transaction. The total is the sum of the lines, which the caller has checked for overflow.
    public func place(userID: Int64, lines: [CartStore.OrderLine], totalCents: Int64, revision: Int64,
                      checkoutToken: String, now: Int64) throws(StoreError) -> Placement {
        try database.transaction { connection throws(StoreError) in
            if let existing = try Self.orderID(userID: userID, checkoutToken: checkoutToken, connection) {
                return .alreadyPlaced(orderID: existing)
            }
            guard try CartStore.revision(userID: userID, connection) == revision else { return .cartChanged }
            guard let orderID = try connection.query(
                "INSERT INTO orders (user_id, total_cents, created_at_ms, checkout_token) VALUES (?, ?, ?, ?) RETURNING id",
                [.integer(userID), .integer(totalCents), .integer(now), .text(checkoutToken)]).first?.integer("id") else {
                throw StoreError(operation: "place an order", code: 0, message: "the new order's id was not returned")
            }
            for (position, line) in lines.enumerated() {
                try connection.query("INSERT INTO order_items (order_id, product_id, name, price_cents, quantity, position) VALUES (?, ?, ?, ?, ?, ?)",
                                     [.integer(orderID), .text(line.productID), .text(line.name), .integer(line.priceCents),
                                      .integer(Int64(line.quantity)), .integer(Int64(position))])
            }
            try connection.query("DELETE FROM cart_items WHERE user_id = ?", [.integer(userID)])
            try CartStore.moveRevision(userID: userID, connection)
            return .placed(orderID: orderID)
        }
    }

    /// The order a checkout token placed, if any.
    public func orderID(userID: Int64, checkoutToken: String) throws(StoreError) -> Int64? {
        try database.read { connection throws(StoreError) in try Self.orderID(userID: userID, checkoutToken: checkoutToken, connection) }
    }

    static func orderID(userID: Int64, checkoutToken: String, _ connection: any StoreConnection) throws(StoreError) -> Int64? {
        try connection.query("SELECT id FROM orders WHERE user_id = ? AND checkout_token = ?",
                             [.integer(userID), .text(checkoutToken)]).first?.integer("id")
    }

    /// A page of the shopper's orders, newest first, and how many there are in all.
    public func orders(userID: Int64, offset: Int, limit: Int) throws(StoreError) -> (total: Int, orders: [Summary]) {
        try database.read { connection throws(StoreError) in
            let total = try connection.query("SELECT COUNT(*) AS count FROM orders WHERE user_id = ?", [.integer(userID)])
                .first?.integer("count") ?? 0
            var orders: [Summary] = []
            for row in try connection.query("""
                SELECT orders.id AS id, total_cents, created_at_ms, COALESCE(SUM(order_items.quantity), 0) AS units
                FROM orders LEFT JOIN order_items ON order_items.order_id = orders.id
                WHERE user_id = ? GROUP BY orders.id ORDER BY orders.id DESC LIMIT ? OFFSET ?
                """, [.integer(userID), .integer(Int64(limit)), .integer(Int64(offset))]) {
                guard let id = try row.integer("id"), let total = try row.integer("total_cents"),
                      let created = try row.integer("created_at_ms"), let units = try row.integer("units") else { continue }
                orders.append(Summary(id: id, totalCents: total, createdAtMilliseconds: created, itemCount: units))
            }
            return (Int(clamping: total), orders)
        }
    }

    /// One of the shopper's orders with its lines; nil when it is not theirs or does not exist.
    public func order(userID: Int64, id: Int64) throws(StoreError) -> Order? {
        try database.read { connection throws(StoreError) in
            guard let row = try connection.query("SELECT total_cents, created_at_ms FROM orders WHERE id = ? AND user_id = ?",
                                                 [.integer(id), .integer(userID)]).first,
                  let total = try row.integer("total_cents"), let created = try row.integer("created_at_ms") else { return nil }
            var lines: [CartStore.OrderLine] = []
            for line in try connection.query("SELECT product_id, name, price_cents, quantity FROM order_items WHERE order_id = ? ORDER BY position, product_id",
                                             [.integer(id)]) {
                guard let productID = try line.text("product_id"), let name = try line.text("name"),
                      let price = try line.integer("price_cents"), let quantity = try line.integer("quantity") else { continue }
                lines.append(CartStore.OrderLine(productID: productID, name: name, priceCents: price, quantity: Int(clamping: quantity)))
            }
            return Order(id: id, totalCents: total, createdAtMilliseconds: created, lines: lines)
        }
    }
}
