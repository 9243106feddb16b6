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
    /// Different products one cart holds at most: it bounds what reading, showing and
    /// totalling a cart costs, and the longest list the chat shows ("show my cart"), so that a
    /// position past it is in no list (`MessageParser.maximumPosition`).
    public static let maximumLines = 100

    public init(database: Database) {
        self.database = database
    }

    /// What `add` did. Nothing is ever clamped: a quantity that does not fit is refused whole,
    /// so that what a caller reports is what happened.
    public enum Addition: Sendable, Equatable {
        /// Added: the line as it is now, and the quantity it had before (0 when it is new).
        case added(CartItem, previousQuantity: Int)
        /// Nothing added: the line would pass `maximumQuantity` (or the quantity asked was
        /// outside 1...`maximumQuantity`). `current` is the line as it is, nil when the product
        /// is not in the cart.
        case overQuantityLimit(current: CartItem?)
        /// Nothing added: the product is new and the cart already holds `maximumLines` others.
        case cartFull

        public var isAdded: Bool {
            if case .added = self { true } else { false }
        }
    }

    /// Adds `quantity` of a product to any already in the cart, or refuses it whole (see
    /// `Addition`); the check and the write are one transaction, so another tab cannot slip
    /// units in between. `limit` lowers the most one line may hold (the units in stock);
    /// above `maximumQuantity` it changes nothing.
    @discardableResult
    public func add(userID: Int64, productID: String, quantity: Int, now: Int64,
                    limit: Int = CartStore.maximumQuantity) throws(StoreError) -> Addition {
        let limit = max(0, min(limit, Self.maximumQuantity))
        return try database.transaction { connection throws(StoreError) in
            let current = try Self.line(of: productID, userID: userID, connection)
            // Compared without a sum: a damaged row could hold any integer.
            guard (1...Self.maximumQuantity).contains(quantity), quantity <= limit,
                  (current?.quantity ?? 0) <= limit - quantity else { return .overQuantityLimit(current: current) }
            if let current {
                try Self.moveRevision(userID: userID, connection)
                try connection.query("UPDATE cart_items SET quantity = ? WHERE user_id = ? AND product_id = ?",
                                     [.integer(Int64(current.quantity + quantity)), .integer(userID), .text(productID)])
                return .added(CartItem(productID: productID, quantity: current.quantity + quantity, addedAtMilliseconds: current.addedAtMilliseconds),
                              previousQuantity: current.quantity)
            }
            let lines = try connection.query("SELECT COUNT(*) AS count FROM cart_items WHERE user_id = ?", [.integer(userID)]).first?.integer("count") ?? 0
            guard lines < Int64(Self.maximumLines) else { return .cartFull }
            try Self.moveRevision(userID: userID, connection)
            try connection.query("INSERT INTO cart_items (user_id, product_id, quantity, added_at_ms) VALUES (?, ?, ?, ?)",
                                 [.integer(userID), .text(productID), .integer(Int64(quantity)), .integer(now)])
            return .added(CartItem(productID: productID, quantity: quantity, addedAtMilliseconds: now), previousQuantity: 0)
        }
    }

    /// Removes a product from the cart; false when it was not there.
    public func remove(userID: Int64, productID: String) throws(StoreError) -> Bool {
        try remove(userID: userID, productID: productID, quantity: nil) != nil
    }

    /// What `remove(userID:productID:quantity:)` did: units taken out and units left.
    public struct Removal: Sendable, Equatable {
        public let removed: Int
        public let remaining: Int
    }

    /// Takes `quantity` units of a product out of the cart, or the whole line when `quantity`
    /// is nil or at least what the line holds; nil when the product was not in the cart.
    public func remove(userID: Int64, productID: String, quantity: Int?) throws(StoreError) -> Removal? {
        try database.transaction { connection throws(StoreError) in
            guard let current = try Self.line(of: productID, userID: userID, connection) else { return nil }
            try Self.moveRevision(userID: userID, connection)
            if let quantity, quantity >= 1, quantity < current.quantity {
                try connection.query("UPDATE cart_items SET quantity = ? WHERE user_id = ? AND product_id = ?",
                                     [.integer(Int64(current.quantity - quantity)), .integer(userID), .text(productID)])
                return Removal(removed: quantity, remaining: current.quantity - quantity)
            }
            try connection.query("DELETE FROM cart_items WHERE user_id = ? AND product_id = ?", [.integer(userID), .text(productID)])
            return Removal(removed: current.quantity, remaining: 0)
        }
    }

    static func line(of productID: String, userID: Int64, _ connection: any StoreConnection) throws(StoreError) -> CartItem? {
        // product_id = ? compares bytes (BINARY collation), so the row's id is `productID` itself.
        guard let row = try connection.query("SELECT \(CartItem.columns) FROM cart_items WHERE user_id = ? AND product_id = ?",
                                             [.integer(userID), .text(productID)]).first else { return nil }
        return try CartItem(row: row)
    }

    public func items(userID: Int64) throws(StoreError) -> [CartItem] {
        try database.read { connection throws(StoreError) in
            var items: [CartItem] = []
            for row in try connection.query("SELECT \(CartItem.columns) FROM cart_items WHERE user_id = ? ORDER BY added_at_ms, product_id",
                                            [.integer(userID)]) {
                if let item = try CartItem(row: row) { items.append(item) }
            }
            return items
        }
    }

    public func clear(userID: Int64) throws(StoreError) {
        try database.transaction { connection throws(StoreError) in
            try connection.query("DELETE FROM cart_items WHERE user_id = ?", [.integer(userID)])
            try Self.moveRevision(userID: userID, connection)
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
    ///
    /// The order is placed only while the cart holds every line of `lines` in the quantity
    /// ordered, checked in the same transaction: a second confirmation of the
    /// same order (another tab, another node, a retried request) finds the cart emptied by
    /// the first and places nothing, so an order is placed once. Throws `StoreError` of kind
    /// `.conflict` then.
    public func placeOrder(userID: Int64, lines: [OrderLine], now: Int64) throws(StoreError) -> Int64 {
        try database.transaction { connection throws(StoreError) in
            var cart: [String: Int] = [:]
            for row in try connection.query("SELECT \(CartItem.columns) FROM cart_items WHERE user_id = ?", [.integer(userID)]) {
                if let item = try CartItem(row: row) { cart[item.productID] = item.quantity }
            }
            let ordered = Dictionary(lines.map { ($0.productID, $0.quantity) }, uniquingKeysWith: +)
            guard !lines.isEmpty, ordered.allSatisfy({ cart[$0.key] == $0.value }) else {
                throw StoreError(operation: "place an order", code: 0,
                                 message: "the cart no longer holds what the order lists (placed already, or changed); no order was placed",
                                 kind: .conflict)
            }
            let total = lines.reduce(Int64(0)) { $0 + $1.priceCents * Int64($1.quantity) }
            let inserted = try connection.query("INSERT INTO orders (user_id, total_cents, created_at_ms) VALUES (?, ?, ?) RETURNING id",
                                                [.integer(userID), .integer(total), .integer(now)])
            guard let orderID = try inserted.first?.integer("id") else {
                throw StoreError(operation: "place an order", code: 0, message: "the insert returned no id")
            }
            for (position, line) in lines.enumerated() {
                try connection.query("INSERT INTO order_items (order_id, product_id, name, price_cents, quantity, position) VALUES (?, ?, ?, ?, ?, ?)",
                                     [.integer(orderID), .text(line.productID), .text(line.name), .integer(line.priceCents),
                                      .integer(Int64(line.quantity)), .integer(Int64(position))])
            }
            try connection.query("DELETE FROM cart_items WHERE user_id = ?", [.integer(userID)])
            try Self.moveRevision(userID: userID, connection)
            return orderID
        }
    }
}

extension CartItem {
    /// The columns of `cart_items` a `CartItem` is read from, for SELECT lists.
    static let columns = "product_id, quantity, added_at_ms"

    /// The line in a row that selected `columns`; nil when a value is missing or of another type.
    init?(row: DatabaseRow) throws(StoreError) {
        guard let productID = try row.text("product_id"), let quantity = try row.integer("quantity"),
              let added = try row.integer("added_at_ms") else { return nil }
        // Rows hold 1...maximumQuantity (`add` writes no other, the schema checks > 0); clamping
        // keeps a damaged row from trapping where Int is narrower than SQLite's integers.
        self.init(productID: productID, quantity: Int(clamping: quantity), addedAtMilliseconds: added)
    }
}
