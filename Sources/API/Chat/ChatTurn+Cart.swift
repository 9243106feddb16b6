import Foundation
import Query

/// The cart part of a turn: adding, removing, showing, and checking out in two steps (show
/// the order, then place it on the shopper's yes: `CheckoutConfirmation`).
extension ChatTurn {
    mutating func addToCart(_ understanding: MessageUnderstanding) -> ChatAnswer {
        let products = referencedProducts(understanding)
        guard !products.isEmpty else {
            return reply(state.listed.isEmpty ? "Find a product first, then say \"add the first one to my cart\"."
                                              : "Which one should I add? Say \"the first one\" or \"#2\".",
                         intent: understanding.intent, suggestions: state.listed.isEmpty ? starterSuggestions() : ["add the first one to my cart"])
        }
        let quantity = understanding.quantity ?? 1
        var added: [String] = []
        for product in products {
            guard product.stock.map({ $0 > 0 }) ?? true else {
                added.append("\(product.name) is out of stock, so I did not add it")
                continue
            }
            do {
                let line = try carts.add(userID: userID, productID: product.id, quantity: quantity, now: now)
                added.append("\(quantity) × \(product.name)\(line.quantity > quantity ? " (now \(line.quantity) in your cart)" : "")")
            } catch {
                return reply("Sorry, I could not update your cart just now. Please try again.", intent: understanding.intent, suggestions: [])
            }
        }
        state.focus = products.last?.id
        let total = cartTotal()
        return ChatAnswer(text: "Added \(added.joined(separator: "; ")). Your cart: \(total.count) item\(total.count == 1 ? "" : "s"), \(Self.money(total.sum)).",
                          intent: understanding.intent.rawValue, products: products.map { ProductSummaryJSON($0) },
                          suggestions: ["show my cart", "checkout", "show me more"], stateJSON: nil)
    }

    mutating func removeFromCart(_ understanding: MessageUnderstanding) -> ChatAnswer {
        let items = (try? carts.items(userID: userID)) ?? []
        var targets = referencedProducts(understanding).map(\.id).filter { id in items.contains { $0.productID == id } }
        if targets.isEmpty, items.count == 1 { targets = [items[0].productID] }
        guard !targets.isEmpty else {
            return reply(items.isEmpty ? "Your cart is empty." : "Which one should I remove? Say \"show my cart\" to see it.",
                         intent: understanding.intent, suggestions: items.isEmpty ? starterSuggestions() : ["show my cart"])
        }
        for id in targets { _ = try? carts.remove(userID: userID, productID: id) }
        let names = targets.compactMap { try? index.product(id: $0)?.name }
        let total = cartTotal()
        return reply("Removed \(names.joined(separator: " and ")). Your cart: \(total.count) item\(total.count == 1 ? "" : "s"), \(Self.money(total.sum)).",
                     intent: understanding.intent, suggestions: ["show my cart", "checkout"])
    }

    func cartLines() -> [(item: CartItem, product: StoredProduct)] {
        ((try? carts.items(userID: userID)) ?? []).compactMap { item in
            (try? index.product(id: item.productID)).flatMap { $0 }.map { (item, $0) }
        }
    }

    /// Units and dollars, for display (orders are totalled in cents by `CheckoutConfirmation`).
    func cartTotal() -> (count: Int, sum: Double) {
        cartLines().reduce((0, 0)) { ($0.0 + $1.item.quantity, $0.1 + Double($1.item.quantity) * ($1.product.price ?? 0)) }
    }

    mutating func showCart() -> ChatAnswer {
        let lines = cartLines()
        guard !lines.isEmpty else {
            return reply("Your cart is empty.", intent: .cartShow, suggestions: starterSuggestions())
        }
        let total = cartTotal()
        let listing = lines.map { "\($0.item.quantity) × \($0.product.name) (\(($0.product.price).map(Self.money) ?? "no price"))" }
        state.listed = lines.map(\.product.id)
        return ChatAnswer(text: "In your cart: \(listing.joined(separator: "; ")). Total \(Self.money(total.sum)).",
                          intent: MessageUnderstanding.Intent.cartShow.rawValue, products: lines.map { ProductSummaryJSON($0.product) },
                          suggestions: ["checkout", "remove the first one", "show me more"], stateJSON: nil)
    }

    // MARK: - Checkout, in two steps

    /// The cart as an order: priced lines and the total in cents, or nil when a sum would not
    /// fit (prices come from the index, at most $42,949,672.94, and quantities are at most
    /// 99, so only a damaged index gets there).
    func orderLines() -> (lines: [CartStore.OrderLine], totalCents: Int64)? {
        var lines: [CartStore.OrderLine] = []
        var total: Int64 = 0
        for (item, product) in cartLines() {
            guard let cents = Int64(exactly: ((product.price ?? 0) * 100).rounded()),
                  case let (lineTotal, lineOverflow) = cents.multipliedReportingOverflow(by: Int64(item.quantity)), !lineOverflow,
                  case let (sum, sumOverflow) = total.addingReportingOverflow(lineTotal), !sumOverflow else { return nil }
            lines.append(CartStore.OrderLine(productID: product.id, name: product.name, priceCents: cents, quantity: item.quantity))
            total = sum
        }
        return (lines, total)
    }

    /// "checkout": shows the order and asks for a yes; nothing is placed yet.
    mutating func checkout() -> ChatAnswer {
        guard let order = orderLines() else {
            return reply("Sorry, I can't total this cart. Please remove something and try again.", intent: .checkout, suggestions: ["show my cart"])
        }
        guard !order.lines.isEmpty else {
            return reply("Your cart is empty, so there is nothing to check out yet.", intent: .checkout, suggestions: starterSuggestions())
        }
        state.pendingCheckout = .init(cartDigest: CheckoutConfirmation.digest(order.lines, totalCents: order.totalCents),
                                      shownAtMilliseconds: now)
        let listing = order.lines.map { "\($0.quantity) × \($0.name) (\(Self.money(Double($0.priceCents) / 100))\($0.quantity > 1 ? " each" : ""))" }
        let units = order.lines.reduce(0) { $0 + $1.quantity }
        return reply("Your order: \(listing.joined(separator: "; ")). \(units) item\(units == 1 ? "" : "s"), total \(Self.money(Double(order.totalCents) / 100)). Shall I place it? Say \"\(CheckoutConfirmation.confirmationSuggestion)\" to confirm, or anything else to keep shopping.",
                     intent: .checkout, suggestions: [CheckoutConfirmation.confirmationSuggestion, "no, keep shopping", "show my cart"])
    }

    /// The shopper's yes: places the order shown by the last message, if it is still the cart
    /// and was shown recently; otherwise says why not. `pending` is what the last answer left.
    mutating func confirmCheckout(_ pending: ConversationState.PendingCheckout?) -> ChatAnswer {
        guard let pending else {
            return reply("There is no order waiting for your confirmation, so I placed none. Say \"checkout\" to see your order first.",
                         intent: .checkout, suggestions: ["checkout", "show my cart"])
        }
        let elapsed = now.subtractingReportingOverflow(pending.shownAtMilliseconds)
        guard !elapsed.overflow, (0...CheckoutConfirmation.windowMilliseconds).contains(elapsed.partialValue) else {
            return reply("That confirmation came more than \(CheckoutConfirmation.windowMilliseconds / 60_000) minutes after I showed the order, so I did not place it. Say \"checkout\" to see it again.",
                         intent: .checkout, suggestions: ["checkout", "show my cart"])
        }
        guard let order = orderLines(), !order.lines.isEmpty,
              CheckoutConfirmation.digest(order.lines, totalCents: order.totalCents) == pending.cartDigest else {
            return reply("Your cart changed since I showed you the order, so I did not place it. Say \"checkout\" to see the order as it is now.",
                         intent: .checkout, suggestions: ["checkout", "show my cart"])
        }
        guard let placed = try? carts.placeOrder(userID: userID, lines: order.lines, now: now) else {
            return reply("Sorry, I could not place the order just now. Your cart is unchanged.", intent: .checkout, suggestions: ["checkout"])
        }
        state.listed = []
        state.focus = nil
        let units = order.lines.reduce(0) { $0 + $1.quantity }
        return reply("Order #\(placed) placed: \(units) item\(units == 1 ? "" : "s"), total \(Self.money(Double(order.totalCents) / 100)). Thank you! (This shop is a demo: nothing will ship.)",
                     intent: .checkout, suggestions: starterSuggestions())
    }

    /// The shopper's no while an order waits: nothing is placed and the cart stays.
    func declineCheckout() -> ChatAnswer {
        reply("OK, I did not place the order. Your cart is unchanged.", intent: .checkout, suggestions: ["show my cart", "checkout"])
    }
}
