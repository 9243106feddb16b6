import Foundation
import Search
import Store

/// The JSON of the cart and order routes, with their schemas. Money is in whole cents
/// (`*_cents`), never floating-point dollars, so that totals add up exactly on the client.

/// One line of the cart: the product as the index has it now, the quantity, and what (if
/// anything) stops it from being ordered.
struct CartLineJSON: Encodable, DocumentedJSON {
    static let schemaName = "CartLine"
    static let schema = JSONSchema.object(properties: [
        ("product_id", .string), ("name", .nullableString), ("brand", .nullableString), ("image", .nullableString),
        ("url", .string), ("price_cents", .nullableInteger), ("stock", .nullableInteger),
        ("quantity", .keywords(["type": "integer", "minimum": 1, "maximum": .integer(CartStore.maximumQuantity)])),
        ("line_total_cents", .nullableInteger),
        ("problem", .keywords(["enum": .array(PricedCart.Problem.allCases.map { .string($0.rawValue) } + [.null]),
                               "description": "Why the line cannot be ordered as it is; null when it can"])),
    ], required: ["product_id", "url", "quantity", "price_cents", "line_total_cents", "problem"])

    let productId: String
    let name: String?
    let brand: String?
    let image: String?
    let url: String
    let priceCents: Int64?
    let stock: Int?
    let quantity: Int
    let lineTotalCents: Int64?
    let problem: String?

    init(_ line: PricedCart.Line) {
        productId = line.item.productID
        name = line.product?.name
        brand = line.product?.brand
        image = line.product.map(ProductJSON.imageAddress(of:))
        url = ProductJSON.pageURL(of: line.item.productID)
        priceCents = line.priceCents
        stock = line.product?.stock
        quantity = line.item.quantity
        lineTotalCents = line.totalCents
        problem = line.problem?.rawValue
    }

    enum CodingKeys: String, CodingKey { case productId, name, brand, image, url, priceCents, stock, quantity, lineTotalCents, problem }

    /// The nullable numbers are always present (null when unknown), so a client tells "no
    /// price" from a field it forgot to read.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(productId, forKey: .productId)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(brand, forKey: .brand)
        try container.encodeIfPresent(image, forKey: .image)
        try container.encode(url, forKey: .url)
        try container.encode(priceCents, forKey: .priceCents)
        try container.encode(stock, forKey: .stock)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(lineTotalCents, forKey: .lineTotalCents)
        try container.encode(problem, forKey: .problem)
    }
}

/// The cart: lines oldest first, units and the subtotal of the lines with a price.
struct CartJSON: Encodable, DocumentedJSON {
    static let schemaName = "Cart"
    static let schema = JSONSchema.object(properties: [
        ("lines", .array(of: .reference(CartLineJSON.self))), ("item_count", .integer),
        ("subtotal_cents", .keywords(["type": ["integer", "null"], "description": "Null when the sum is too large to hold"])),
        ("max_quantity", .integer), ("max_lines", .integer),
    ], required: ["lines", "item_count", "subtotal_cents", "max_quantity", "max_lines"])

    let lines: [CartLineJSON]
    let itemCount: Int
    let subtotalCents: Int64?
    let maxQuantity = CartStore.maximumQuantity
    let maxLines = CartStore.maximumLines

    init(_ cart: PricedCart) {
        lines = cart.lines.map(CartLineJSON.init)
        itemCount = cart.itemCount
        subtotalCents = cart.subtotalCents
    }

    enum CodingKeys: String, CodingKey { case lines, itemCount, subtotalCents, maxQuantity, maxLines }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lines, forKey: .lines)
        try container.encode(itemCount, forKey: .itemCount)
        try container.encode(subtotalCents, forKey: .subtotalCents)
        try container.encode(maxQuantity, forKey: .maxQuantity)
        try container.encode(maxLines, forKey: .maxLines)
    }
}

/// A checkout review: the order as it would be placed, and the token that confirms exactly it.
struct CheckoutReviewJSON: Encodable, DocumentedJSON {
    static let schemaName = "CheckoutReview"
    static let schema = JSONSchema.object(properties: [
        ("lines", .array(of: .reference(CartLineJSON.self))), ("item_count", .integer), ("total_cents", .integer),
        ("checkout_token", .keywords(["type": "string", "description": "Send it to POST /api/orders/ to place this order, once"])),
    ], required: ["lines", "item_count", "total_cents", "checkout_token"])

    let lines: [CartLineJSON]
    let itemCount: Int
    let totalCents: Int64
    let checkoutToken: String
}

/// One line of a placed order, at the price it was ordered at.
struct OrderLineJSON: Encodable, DocumentedJSON {
    static let schemaName = "OrderLine"
    static let schema = JSONSchema.object(properties: [
        ("product_id", .string), ("name", .string), ("url", .string), ("price_cents", .integer), ("quantity", .integer),
        ("line_total_cents", .integer),
    ], required: ["product_id", "name", "url", "price_cents", "quantity", "line_total_cents"])

    let productId: String
    let name: String
    let url: String
    let priceCents: Int64
    let quantity: Int
    let lineTotalCents: Int64

    init(_ line: CartStore.OrderLine) {
        productId = line.productID
        name = line.name
        url = ProductJSON.pageURL(of: line.productID)
        priceCents = line.priceCents
        quantity = line.quantity
        // Stored lines were checked when placed; saturating keeps a damaged row from trapping.
        let (total, overflow) = line.priceCents.multipliedReportingOverflow(by: Int64(line.quantity))
        lineTotalCents = overflow ? Int64.max : total
    }
}

/// An order with its lines.
struct OrderJSON: Encodable, DocumentedJSON {
    static let schemaName = "Order"
    static let schema = JSONSchema.object(properties: [
        ("id", .integer), ("created_at", .keywords(["type": "string", "format": "date-time"])), ("total_cents", .integer),
        ("item_count", .integer), ("lines", .array(of: .reference(OrderLineJSON.self))),
    ], required: ["id", "created_at", "total_cents", "item_count", "lines"])

    let id: Int64
    let createdAt: String
    let totalCents: Int64
    let itemCount: Int
    let lines: [OrderLineJSON]

    init(_ order: OrderStore.Order) {
        id = order.id
        createdAt = OrderSummaryJSON.timestamp(order.createdAtMilliseconds)
        totalCents = order.totalCents
        itemCount = order.lines.reduce(0) { sum, line in sum.addingReportingOverflow(line.quantity).overflow ? Int.max : sum + line.quantity }
        lines = order.lines.map(OrderLineJSON.init)
    }
}

/// An order in the list of a shopper's orders.
struct OrderSummaryJSON: Encodable, DocumentedJSON {
    static let schemaName = "OrderSummary"
    static let schema = JSONSchema.object(properties: [
        ("id", .integer), ("created_at", .keywords(["type": "string", "format": "date-time"])), ("total_cents", .integer),
        ("item_count", .integer),
    ], required: ["id", "created_at", "total_cents", "item_count"])

    let id: Int64
    let createdAt: String
    let totalCents: Int64
    let itemCount: Int64

    init(_ summary: OrderStore.Summary) {
        id = summary.id
        createdAt = Self.timestamp(summary.createdAtMilliseconds)
        totalCents = summary.totalCents
        itemCount = summary.itemCount
    }

    /// Milliseconds since 1970 as an ISO 8601 date-time, as the chat history writes them.
    static func timestamp(_ milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

extension JSONSchema {
    static let nullableInteger = JSONSchema.keywords(["type": ["integer", "null"]])
}
