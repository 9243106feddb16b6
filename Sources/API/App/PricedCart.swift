import Crypto
import Foundation
import Query
import Search
import Store

/// A shopper's cart as the page shows it and checkout orders it: each line with its product
/// from the current index, its price in cents, and what would stop it from being ordered.
///
/// Money is whole cents (`Int64`) from here on: a catalog price in dollars becomes cents once,
/// rounded to the nearest cent, and every product and sum is checked for overflow rather than
/// trusted, since an index or a database row could be damaged.
struct PricedCart {
    /// Why a line cannot be ordered as it is, as the API names it (`CartLineJSON.problem`).
    enum Problem: String, CaseIterable {
        case notInCatalog = "not_in_catalog"
        case noPrice = "no_price"
        case outOfStock = "out_of_stock"
        case notEnoughStock = "not_enough_stock"
    }

    struct Line {
        let item: CartItem
        /// Nil when the index no longer has the product.
        let product: StoredProduct?
        /// Nil without a product, without a price, or for a price no cents value holds.
        let priceCents: Int64?
        /// `priceCents` times the quantity; nil when either is missing or the product overflows.
        let totalCents: Int64?
        let problem: Problem?
    }

    let revision: Int64
    let lines: [Line]
    /// Units in the cart (saturating: rows hold at most 99 each, a damaged one anything).
    let itemCount: Int
    /// The sum of the lines that have a total; nil when it would not fit in cents.
    let subtotalCents: Int64?

    /// Reads the cart and its products; a database that cannot be reached is a 503, another
    /// database or index failure a 500 saying which.
    init(userID: Int64, carts: CartStore, index: SearchIndex) throws(APIError) {
        let snapshot: CartStore.Snapshot
        do {
            snapshot = try carts.snapshot(userID: userID)
        } catch {
            throw .store(error, otherwise: "Your cart could not be read.")
        }
        var lines: [Line] = []
        for item in snapshot.items {
            let product: StoredProduct?
            do {
                product = try index.product(id: item.productID)
            } catch {
                throw .internalError("The products in your cart could not be read from the index.")
            }
            lines.append(Self.line(item, product))
        }
        self.init(revision: snapshot.revision, lines: lines)
    }

    init(revision: Int64, lines: [Line]) {
        self.revision = revision
        self.lines = lines
        var units = 0
        var subtotal: Int64? = 0
        for line in lines {
            let (sum, overflow) = units.addingReportingOverflow(line.item.quantity)
            units = overflow ? Int.max : sum
            if let lineTotal = line.totalCents {
                subtotal = subtotal.flatMap { total in
                    let (next, overflow) = total.addingReportingOverflow(lineTotal)
                    return overflow ? nil : next
                }
            }
        }
        itemCount = units
        subtotalCents = subtotal
    }

    static func line(_ item: CartItem, _ product: StoredProduct?) -> Line {
        guard let product else { return Line(item: item, product: nil, priceCents: nil, totalCents: nil, problem: .notInCatalog) }
        let cents = product.price.flatMap(cents(ofDollars:))
        let total = cents.flatMap { price -> Int64? in
            let (product, overflow) = price.multipliedReportingOverflow(by: Int64(item.quantity))
            return overflow ? nil : product
        }
        var problem: Problem?
        if cents == nil {
            problem = .noPrice
        } else if let stock = product.stock, stock <= 0 {
            problem = .outOfStock
        } else if let stock = product.stock, stock < item.quantity {
            problem = .notEnoughStock
        }
        return Line(item: item, product: product, priceCents: cents, totalCents: total, problem: problem)
    }

    /// Dollars as whole cents, rounded to the nearest; nil for a negative, non-finite or
    /// unrepresentable amount.
    static func cents(ofDollars dollars: Double) -> Int64? {
        guard dollars.isFinite, dollars >= 0 else { return nil }
        return Int64(exactly: (dollars * 100).rounded())
    }

    /// Why this cart cannot be ordered, as a 409 naming every line at fault; nil when it can.
    /// An empty cart is refused too: there is nothing to order.
    var orderProblem: APIError? {
        guard !lines.isEmpty else { return .conflict("Your cart is empty, so there is nothing to order.", code: "cart_empty") }
        let faulty = lines.filter { $0.problem != nil }
        if let first = Problem.allCases.first(where: { kind in faulty.contains { $0.problem == kind } }) {
            let reasons = faulty.map { line -> String in
                let name = line.product?.name ?? line.item.productID
                switch line.problem {
                case .notInCatalog?: return "\(name) is no longer sold"
                case .noPrice?: return "\(name) has no price"
                case .outOfStock?: return "\(name) is out of stock"
                default: return "only \(line.product?.stock ?? 0) of \(name) are in stock and your cart holds \(line.item.quantity)"
                }
            }
            return .conflict("This cart cannot be ordered as it is: \(reasons.joined(separator: "; ")). Change it and review the order again.",
                             code: first.rawValue)
        }
        guard subtotalCents != nil, lines.allSatisfy({ $0.totalCents != nil }) else {
            return .conflict("This cart's total is too large to order. Remove something and try again.", code: "total_too_large")
        }
        return nil
    }

    /// The lines as they would be ordered (only meaningful when `orderProblem` is nil).
    var orderLines: [CartStore.OrderLine] {
        lines.compactMap { line in
            guard let product = line.product, let cents = line.priceCents else { return nil }
            return CartStore.OrderLine(productID: product.id, name: product.name, priceCents: cents, quantity: line.item.quantity)
        }
    }

    /// Names this cart exactly as reviewed: its revision, every line's product, quantity and
    /// price in cents, and the total (SHA-256 of a canonical listing, as hex). A confirmation
    /// must bring back the token of the cart as it is then, so a price that changed with a
    /// new index, like any change to the cart, needs a new review.
    var checkoutToken: String {
        var text = "revision \(revision)\n"
        for line in lines.sorted(by: { $0.item.productID < $1.item.productID }) {
            // Length-prefixed ids: no id can pose as the end of another line.
            text += "\(line.item.productID.utf8.count):\(line.item.productID) \(line.item.quantity) \(line.priceCents.map(String.init) ?? "-")\n"
        }
        text += "total \(subtotalCents.map(String.init) ?? "-")"
        return Crypto.sha256(Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension APIError {
    /// 409: the request is well formed but the cart or order is not in a state that allows it.
    static func conflict(_ message: String, code: String) -> APIError {
        APIError(status: 409, code: code, message: message)
    }
}
