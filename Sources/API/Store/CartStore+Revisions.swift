/// A cart's revision, and the changes the shop page makes that the chat does not: setting a
/// line's quantity outright and reading the cart together with its revision.
///
/// Why revisions: a checkout review shows a cart, and its confirmation must place exactly that
/// cart. The revision moves on with every change (an addition, a removal, a new quantity, an
/// order placed, the cart cleared), in the same transaction as the change, so a review that
/// names revision 7 knows that nothing happened to the cart if it still is at 7, even a change
/// undone since (add one, remove it) or an identical cart filled again after an order.
extension CartStore {
    /// The cart's lines and its revision, read together (one read transaction).
    public struct Snapshot: Sendable, Equatable {
        public let items: [CartItem]
        /// 0 for a cart never changed.
        public let revision: Int64
    }

    public func snapshot(userID: Int64) throws(StoreError) -> Snapshot {
        try database.read { connection throws(StoreError) in
            var items: [CartItem] = []
            for row in try connection.query("SELECT \(CartItem.columns) FROM cart_items WHERE user_id = ? ORDER BY added_at_ms, product_id",
                                            [.integer(userID)]) {
                if let item = try CartItem(row: row) { items.append(item) }
            }
            return Snapshot(items: items, revision: try Self.revision(userID: userID, connection))
        }
    }

    /// What `setQuantity` did.
    public enum QuantityChange: Sendable, Equatable {
        /// The line holds `line.quantity` now; `previousQuantity` is 0 when it is new.
        case set(CartItem, previousQuantity: Int)
        /// Nothing changed: the quantity is outside 1...`limit` (`limit` as given, at most
        /// `maximumQuantity`).
        case overQuantityLimit(limit: Int)
        /// Nothing changed: the product is new and the cart already holds `maximumLines` others.
        case cartFull
    }

    /// Sets a product's line to `quantity` units, adding the line when the product is not in
    /// the cart; a quantity outside 1...min(`limit`, `maximumQuantity`) changes nothing.
    public func setQuantity(userID: Int64, productID: String, quantity: Int, now: Int64,
                            limit: Int = CartStore.maximumQuantity) throws(StoreError) -> QuantityChange {
        let limit = max(0, min(limit, Self.maximumQuantity))
        guard quantity >= 1, quantity <= limit else { return .overQuantityLimit(limit: limit) }
        return try database.transaction { connection throws(StoreError) in
            if let current = try Self.line(of: productID, userID: userID, connection) {
                if current.quantity != quantity {
                    try Self.moveRevision(userID: userID, connection)
                    try connection.query("UPDATE cart_items SET quantity = ? WHERE user_id = ? AND product_id = ?",
                                         [.integer(Int64(quantity)), .integer(userID), .text(productID)])
                }
                return .set(CartItem(productID: productID, quantity: quantity, addedAtMilliseconds: current.addedAtMilliseconds),
                            previousQuantity: current.quantity)
            }
            let lines = try connection.query("SELECT COUNT(*) AS count FROM cart_items WHERE user_id = ?", [.integer(userID)]).first?.integer("count") ?? 0
            guard lines < Int64(Self.maximumLines) else { return .cartFull }
            try Self.moveRevision(userID: userID, connection)
            try connection.query("INSERT INTO cart_items (user_id, product_id, quantity, added_at_ms) VALUES (?, ?, ?, ?)",
                                 [.integer(userID), .text(productID), .integer(Int64(quantity)), .integer(now)])
            return .set(CartItem(productID: productID, quantity: quantity, addedAtMilliseconds: now), previousQuantity: 0)
        }
    }

    /// The cart's revision inside a transaction; 0 for a cart never changed.
    static func revision(userID: Int64, _ connection: any StoreConnection) throws(StoreError) -> Int64 {
        try connection.query("SELECT revision FROM cart_revisions WHERE user_id = ?", [.integer(userID)]).first?.integer("revision") ?? 0
    }

    /// Moves the cart's revision on; called inside the transaction of every change to the cart.
    static func moveRevision(userID: Int64, _ connection: any StoreConnection) throws(StoreError) {
        try connection.query("""
            INSERT INTO cart_revisions (user_id, revision) VALUES (?, 1)
            ON CONFLICT(user_id) DO UPDATE SET revision = cart_revisions.revision + 1
            """, [.integer(userID)])
    }
}
