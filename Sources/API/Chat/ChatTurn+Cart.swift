import Analysis
import Foundation
import Query
import Search
import Store

/// The cart part of a turn: adding, removing, showing, and checking out in two steps (show
/// the order, then place it on the shopper's yes: `CheckoutConfirmation`).
extension ChatTurn {
    /// Adds what the message points at, as many as it asks for, or says why not. The reply is
    /// built from what the cart did (`CartStore.Addition`), never from what was asked: a
    /// quantity that does not fit is refused whole and said so.
    mutating func addToCart(_ understanding: MessageUnderstanding) throws(ChatFailure) -> ChatAnswer {
        if let answer = missingPositionAnswer(understanding) { return answer }
        if let quantity = understanding.unusableQuantity {
            return unusableQuantityAnswer(quantity, verb: "add", intent: understanding.intent)
        }
        var products = try referencedProducts(understanding)
        if understanding.ordinals.isEmpty, let sort = understanding.sort, let first = try listedProduct(firstBy: sort) {
            // "add the cheapest one": the cheapest of the list shown, not a question.
            products = [first]
        }
        if products.isEmpty, understanding.ordinals.isEmpty, !understanding.productWords.isEmpty || understanding.brand != nil {
            // "add the Hydro Flask 24 oz Leakproof Water Bottle to my cart": the product named,
            // when the name is one product's; several are shown to choose from.
            var named = ConversationState.Plan()
            named.productWords = understanding.productWords
            named.brand = understanding.brand
            named.colors = understanding.colors
            // "add the cheapest hiking boots": the first in that order of those in stock.
            named.sort = understanding.sort
            if understanding.sort != nil { named.inStockOnly = true }
            let response = try search(named, partialMatches: false, strict: true, limit: ChatAssistant.pageSize)
            let found = response.hits.compactMap(\.product)
            if response.totalMatches == 1 || understanding.sort != nil, let only = found.first {
                products = [only]
            } else if !found.isEmpty {
                state.plan = named
                state.listed = found.map(\.id)
                state.focus = nil
                let shown = response.totalMatches > found.count ? "\(found.count) of the \(response.totalMatches)" : "the \(found.count)"
                return ChatAnswer(text: "More than one product is called that. Which one should I add? Here are \(shown).",
                                  intent: understanding.intent.rawValue, products: found.map { ProductSummaryJSON($0) },
                                  suggestions: ["add the first one to my cart", "add the second one to my cart"], stateJSON: nil)
            }
        }
        guard !products.isEmpty else {
            return reply(state.listed.isEmpty ? "Find a product first, then say \"add the first one to my cart\"."
                                              : "Which one should I add? Say \"the first one\" or \"#2\".",
                         intent: understanding.intent, suggestions: state.listed.isEmpty ? starterSuggestions() : ["add the first one to my cart"])
        }
        if understanding.setsQuantity, let wanted = understanding.quantity, products.count == 1 {
            // "make it 3": the line holds 3, by adding or taking away the difference.
            let holding: Int
            do {
                holding = try carts.items(userID: userID).first { $0.productID == products[0].id }?.quantity ?? 0
            } catch {
                throw .store(error, couldNot: "read your cart, so nothing was changed")
            }
            if wanted < holding {
                do {
                    _ = try carts.remove(userID: userID, productID: products[0].id, quantity: holding - wanted)
                } catch {
                    throw .store(error, couldNot: "change the quantity of \(products[0].spokenName)")
                }
                state.focus = products[0].id
                let done = ["You now have \(wanted) × \(products[0].spokenName)."]
                return reply((done + [try cartSentence(after: done)]).joined(separator: " "), intent: understanding.intent,
                             suggestions: ["show my cart", "checkout"])
            }
            if wanted == holding {
                let done = ["Your cart already holds \(wanted) × \(products[0].spokenName)."]
                return reply((done + [try cartSentence(after: done)]).joined(separator: " "), intent: understanding.intent,
                             suggestions: ["show my cart", "checkout"])
            }
            var more = understanding
            more.quantity = wanted - holding
            more.setsQuantity = false
            return try addToCart(more)
        }
        let quantity = understanding.quantity ?? 1
        let limit = CartStore.maximumQuantity
        var added: [String] = []
        var notes: [String] = []
        for product in products {
            let name = product.spokenName
            guard product.stock.map({ $0 > 0 }) ?? true else {
                notes.append("\(name) is out of stock, so I did not add it.")
                continue
            }
            let addition: CartStore.Addition
            do {
                // The units in stock bound a line, as the cart API's add does.
                addition = try carts.add(userID: userID, productID: product.id, quantity: quantity, now: now,
                                         limit: product.stock ?? CartStore.maximumQuantity)
            } catch {
                // What was added stays added (each addition is its own transaction): say so.
                throw .store(error, couldNot: "add \(name) to your cart\(product.id == products.last?.id ? "" : " or the products after it")",
                             done: Self.sentences(added: added, notes: notes))
            }
            switch addition {
            case let .added(line, previousQuantity):
                added.append("\(quantity) × \(name)\(previousQuantity > 0 ? " (now \(line.quantity) in your cart)" : "")")
                if product.price == nil { notes.append("\(name) has no price in the catalog yet.") }
            case let .overQuantityLimit(current) where product.stock.map({ $0 < limit }) ?? false:
                let holding = current?.quantity ?? 0
                let stock = product.stock ?? 0
                notes.append("Only \(stock) of \(name) \(stock == 1 ? "is" : "are") in stock"
                    + (holding > 0 ? " and your cart holds \(holding)" : "")
                    + ", so I added none\(stock > holding ? "; I can add up to \(stock - holding)" : "").")
            case let .overQuantityLimit(current):
                let holding = current?.quantity ?? 0
                notes.append(holding >= limit
                    ? "Your cart already holds \(holding) × \(name), the most of one product a cart can hold, so I added none."
                    : "Your cart already holds \(holding) × \(name), and a cart holds at most \(limit) of one product, so I can add up to \(limit - holding) more; I added none.")
            case .cartFull:
                notes.append("Your cart already holds \(CartStore.maximumLines) different products, the most it can, so I did not add \(name). Remove one first.")
            }
        }
        state.focus = products.last?.id
        let done = Self.sentences(added: added, notes: notes)
        let text = done + [try cartSentence(after: done)]
        return ChatAnswer(text: text.joined(separator: " "), intent: understanding.intent.rawValue, products: products.map { ProductSummaryJSON($0) },
                          suggestions: ["show my cart", "checkout", "show me more"], stateJSON: nil)
    }

    /// Removes what the message points at from the cart, all of it or as many as it asks for;
    /// the reply says what was removed and what is left.
    mutating func removeFromCart(_ understanding: MessageUnderstanding) throws(ChatFailure) -> ChatAnswer {
        if let answer = missingPositionAnswer(understanding) { return answer }
        if let quantity = understanding.unusableQuantity {
            return unusableQuantityAnswer(quantity, verb: "remove", intent: understanding.intent)
        }
        let items: [CartItem]
        do {
            items = try carts.items(userID: userID)
        } catch {
            throw .store(error, couldNot: "read your cart, so nothing was removed")
        }
        if understanding.clearsCart { return try emptyCart(items) }
        var named = try referencedIDs(understanding)
        if understanding.ordinals.isEmpty, let sort = understanding.sort, let first = try listedProduct(firstBy: sort) { named = [first.id] }
        var targets = named.filter { id in items.contains { $0.productID == id } }
        if targets.isEmpty, understanding.ordinals.isEmpty, !understanding.productWords.isEmpty {
            // "take the stapler out of my cart": the cart's lines whose names have the words.
            let words = understanding.productWords.map { Set(TextAnalyzer.analyze($0).map(\.term)) }
            targets = try cartLines().filter { line in
                guard let product = line.product else { return false }
                let nameTerms = Set(TextAnalyzer.analyze(product.name + " " + product.brand).map(\.term))
                return words.allSatisfy { !$0.isEmpty && $0.isSubset(of: nameTerms) }
            }.map(\.item.productID)
            if !targets.isEmpty { named = targets }
        }
        // "remove it" with one line in the cart and nothing else in focus: that line.
        if named.isEmpty, items.count == 1 { targets = [items[0].productID] }
        guard !targets.isEmpty else {
            let text: String
            if items.isEmpty {
                text = "Your cart is empty."
            } else if named.isEmpty {
                text = "Which one should I remove? Say \"show my cart\" to see it."
            } else {
                let names = try named.map(spokenName(of:))
                text = "\(ChatWording.list(names)) \(named.count == 1 ? "is" : "are") not in your cart, so I removed nothing."
            }
            return reply(text, intent: understanding.intent, suggestions: items.isEmpty ? starterSuggestions() : ["show my cart"])
        }
        var removed: [String] = []
        var notes: [String] = []
        // Names first: after the first removal, a failure must not hide what was removed.
        let names = try targets.map(spokenName(of:))
        for (id, name) in zip(targets, names) {
            do {
                guard let removal = try carts.remove(userID: userID, productID: id, quantity: understanding.quantity) else {
                    notes.append("\(name) was no longer in your cart.")
                    continue
                }
                if let asked = understanding.quantity, asked > removal.removed {
                    removed.append("all \(removal.removed) × \(name) (you asked for \(asked))")
                } else {
                    removed.append("\(removal.removed) × \(name)\(removal.remaining > 0 ? " (\(removal.remaining) left in your cart)" : "")")
                }
            } catch {
                // What was removed stays removed (each removal is its own transaction): say so.
                throw .store(error, couldNot: "remove \(name) from your cart\(id == targets.last ? "" : " or the products after it")",
                             done: (removed.isEmpty ? [] : ["Removed \(ChatWording.list(removed))."]) + notes)
            }
        }
        let done = (removed.isEmpty ? [] : ["Removed \(ChatWording.list(removed))."]) + notes
        let text = done + [try cartSentence(after: done)]
        return reply(text.joined(separator: " "), intent: understanding.intent, suggestions: ["show my cart", "checkout"])
    }

    /// "empty my cart", "remove everything": every line goes, in one transaction.
    private mutating func emptyCart(_ items: [CartItem]) throws(ChatFailure) -> ChatAnswer {
        guard !items.isEmpty else {
            return reply("Your cart is already empty.", intent: .cartRemove, suggestions: starterSuggestions())
        }
        do {
            try carts.clear(userID: userID)
        } catch {
            throw .store(error, couldNot: "empty your cart, so it is as it was")
        }
        let units = items.reduce(0) { $0 + $1.quantity }
        if let focus = state.focus, items.contains(where: { $0.productID == focus }) { state.focus = nil }
        return reply("Done: I removed \(ChatWording.count(units, "item")) from your cart. Your cart is empty.", intent: .cartRemove,
                     suggestions: starterSuggestions())
    }

    /// The product of the last list that comes first in `sort` ("the cheapest one", "the
    /// best rated one"); nil when nothing is listed or the order is relevance. Products
    /// without the value (no price, no rating) come last; ties keep the list's order.
    func listedProduct(firstBy sort: SearchSort) throws(ChatFailure) -> StoredProduct? {
        let listed = try products(ids: state.listed)
        func key(_ product: StoredProduct) -> Double? {
            switch sort {
            case .priceAscending: product.price.map { -$0 }
            case .priceDescending: product.price
            case .ratingDescending: product.spokenRating
            case .relevance: nil
            }
        }
        guard sort != .relevance else { return nil }
        var best: (product: StoredProduct, key: Double)?
        for product in listed {
            guard let value = key(product) else { continue }
            if let current = best, value <= current.key { continue }
            best = (product, value)
        }
        return best?.product
    }

    /// "Added 1 × Sony WH-1000XM5." and the notes after it: what an addition did.
    static func sentences(added: [String], notes: [String]) -> [String] {
        (added.isEmpty ? [] : ["Added \(ChatWording.list(added))."]) + notes
    }

    /// A product's name for a reply; its id when the index no longer has it.
    func spokenName(of id: String) throws(ChatFailure) -> String {
        try product(id: id)?.spokenName ?? id
    }

    /// The cart's lines with their products; nil for a product the index no longer has.
    /// `done` is what the turn already did, for the failure's message.
    func cartLines(after done: [String] = []) throws(ChatFailure) -> [(item: CartItem, product: StoredProduct?)] {
        let items: [CartItem]
        do {
            items = try carts.items(userID: userID)
        } catch {
            throw .store(error, couldNot: "read your cart", done: done)
        }
        var lines: [(item: CartItem, product: StoredProduct?)] = []
        for item in items {
            do {
                lines.append((item, try index.product(id: item.productID)))
            } catch {
                throw .index(error, couldNot: "read the products in your cart", done: done)
            }
        }
        return lines
    }

    /// "3 items, total $79.98". A product without a price is not counted as free, and one no
    /// longer in the catalog is not left out silently: the phrase names them.
    static func totalPhrase(_ lines: [(item: CartItem, product: StoredProduct?)]) -> String {
        var units = 0
        var cents: Int64? = 0
        var unpriced: [String] = []
        var gone: [String] = []
        for (item, product) in lines {
            // Saturating: a damaged row must not trap the sum.
            let (sum, overflow) = units.addingReportingOverflow(item.quantity)
            units = overflow ? Int.max : sum
            guard let product else {
                gone.append(item.productID)
                continue
            }
            guard let price = product.price else {
                unpriced.append(product.spokenName)
                continue
            }
            cents = cents.flatMap { total in
                guard let lineCents = Int64(exactly: (price * 100).rounded()),
                      case let (line, lineOverflow) = lineCents.multipliedReportingOverflow(by: Int64(item.quantity)), !lineOverflow,
                      case let (next, sumOverflow) = total.addingReportingOverflow(line), !sumOverflow else { return nil }
                return next
            }
        }
        var left: [String] = []
        if !unpriced.isEmpty { left.append("\(ChatWording.list(unpriced)) \(unpriced.count == 1 ? "has" : "have") no price") }
        if !gone.isEmpty { left.append("\(ChatWording.list(gone)) \(gone.count == 1 ? "is" : "are") no longer in the catalog") }
        let items = ChatWording.count(units, "item")
        guard let cents else { return "\(items), too much to total" }
        guard !left.isEmpty else { return "\(items), total \(money(Double(cents) / 100))" }
        guard unpriced.count + gone.count < lines.count else { return "\(items), no total: \(left.joined(separator: "; "))" }
        return "\(items), total \(money(Double(cents) / 100)) for those with a price (\(left.joined(separator: "; ")))"
    }

    /// "Your cart: 3 items, total $79.98." after a change (`done` says what the change was,
    /// for the failure's message), or that it is empty.
    func cartSentence(after done: [String]) throws(ChatFailure) -> String {
        let lines = try cartLines(after: done)
        return lines.isEmpty ? "Your cart is empty." : "Your cart: \(Self.totalPhrase(lines))."
    }

    mutating func showCart() throws(ChatFailure) -> ChatAnswer {
        let lines = try cartLines()
        guard !lines.isEmpty else {
            return reply("Your cart is empty.", intent: .cartShow, suggestions: starterSuggestions())
        }
        let listing = lines.map { line -> String in
            guard let product = line.product else { return "\(line.item.quantity) × \(line.item.productID) (no longer in the catalog)" }
            let price = product.price.map { Self.money($0) + (line.item.quantity > 1 ? " each" : "") } ?? "no price"
            return "\(line.item.quantity) × \(product.spokenName) (\(price))"
        }
        // Every line, sold or not, so that "remove the second one" finds what was shown second.
        state.listed = lines.map(\.item.productID)
        return ChatAnswer(text: "In your cart: \(listing.joined(separator: "; ")). \(Self.totalPhrase(lines)).",
                          intent: MessageUnderstanding.Intent.cartShow.rawValue, products: lines.compactMap { $0.product.map { ProductSummaryJSON($0) } },
                          suggestions: ["checkout", "remove the first one", "show me more"], stateJSON: nil)
    }

    // MARK: - Checkout, in two steps

    /// Why a cart cannot become an order as it is.
    enum OrderProblem: Error {
        /// Products without a price, by name: they are not free, so they cannot be ordered.
        case unpriced([String])
        /// Products the catalog no longer has, by id.
        case gone([String])
        /// A sum would not fit in cents (prices come from the index, at most $42,949,672.94,
        /// and quantities are at most 99, so only a damaged index or database gets there).
        case tooLarge
    }

    /// The cart as an order: priced lines and the total in cents, or why it cannot be one;
    /// a cart that cannot be read is a failure.
    func orderLines() throws(ChatFailure) -> Result<(lines: [CartStore.OrderLine], totalCents: Int64), OrderProblem> {
        let cart = try cartLines()
        let gone = cart.filter { $0.product == nil }.map(\.item.productID)
        guard gone.isEmpty else { return .failure(.gone(gone)) }
        let unpriced = cart.compactMap { $0.product.flatMap { $0.price == nil ? $0.spokenName : nil } }
        guard unpriced.isEmpty else { return .failure(.unpriced(unpriced)) }
        var lines: [CartStore.OrderLine] = []
        var total: Int64 = 0
        for case let (item, product?) in cart {
            guard let cents = Int64(exactly: ((product.price ?? 0) * 100).rounded()),
                  case let (lineTotal, lineOverflow) = cents.multipliedReportingOverflow(by: Int64(item.quantity)), !lineOverflow,
                  case let (sum, sumOverflow) = total.addingReportingOverflow(lineTotal), !sumOverflow else { return .failure(.tooLarge) }
            lines.append(CartStore.OrderLine(productID: product.id, name: product.spokenName, priceCents: cents, quantity: item.quantity))
            total = sum
        }
        return .success((lines, total))
    }

    /// "checkout": shows the order and asks for a yes; nothing is placed yet.
    mutating func checkout() throws(ChatFailure) -> ChatAnswer {
        let order: (lines: [CartStore.OrderLine], totalCents: Int64)
        switch try orderLines() {
        case let .success(lines):
            order = lines
        case let .failure(.unpriced(names)):
            let one = names.count == 1
            return reply("I can't place an order with \(ChatWording.list(names)): \(one ? "it has" : "they have") no price in the catalog. Remove \(one ? "it" : "them") from your cart first.",
                         intent: .checkout, suggestions: ["show my cart"])
        case let .failure(.gone(ids)):
            return reply("Your cart holds \(ChatWording.list(ids)), no longer in the catalog. Remove \(ids.count == 1 ? "it" : "them") from your cart first.",
                         intent: .checkout, suggestions: ["show my cart"])
        case .failure(.tooLarge):
            return reply("Sorry, I can't total this cart. Please remove something and try again.", intent: .checkout, suggestions: ["show my cart"])
        }
        guard !order.lines.isEmpty else {
            return reply("Your cart is empty, so there is nothing to check out yet.", intent: .checkout, suggestions: starterSuggestions())
        }
        state.pendingCheckout = .init(cartDigest: CheckoutConfirmation.digest(order.lines, totalCents: order.totalCents),
                                      shownAtMilliseconds: now)
        let listing = order.lines.map { "\($0.quantity) × \($0.name) (\(Self.money(Double($0.priceCents) / 100))\($0.quantity > 1 ? " each" : ""))" }
        let units = order.lines.reduce(0) { $0 + $1.quantity }
        return reply("Your order: \(listing.joined(separator: "; ")). \(ChatWording.count(units, "item")), total \(Self.money(Double(order.totalCents) / 100)). Shall I place it? Say \"\(CheckoutConfirmation.confirmationSuggestion)\" to confirm, or anything else to keep shopping.",
                     intent: .checkout, suggestions: [CheckoutConfirmation.confirmationSuggestion, "no, keep shopping", "show my cart"])
    }

    /// The shopper's yes: places the order shown by the last message, if it is still the cart
    /// and was shown recently; otherwise says why not. `pending` is what the last answer left.
    mutating func confirmCheckout(_ pending: ConversationState.PendingCheckout?) throws(ChatFailure) -> ChatAnswer {
        guard let pending else {
            return reply("There is no order waiting for your confirmation, so I placed none. Say \"checkout\" to see your order first.",
                         intent: .checkout, suggestions: ["checkout", "show my cart"])
        }
        let elapsed = now.subtractingReportingOverflow(pending.shownAtMilliseconds)
        guard !elapsed.overflow, (0...CheckoutConfirmation.windowMilliseconds).contains(elapsed.partialValue) else {
            return reply("That confirmation came more than \(CheckoutConfirmation.windowMilliseconds / 60_000) minutes after I showed the order, so I did not place it. Say \"checkout\" to see it again.",
                         intent: .checkout, suggestions: ["checkout", "show my cart"])
        }
        let current: Result<(lines: [CartStore.OrderLine], totalCents: Int64), OrderProblem>
        do {
            current = try orderLines()
        } catch {
            var failure = error
            failure.outcome = "The order was not placed."
            throw failure
        }
        guard case let .success(order) = current, !order.lines.isEmpty,
              CheckoutConfirmation.digest(order.lines, totalCents: order.totalCents) == pending.cartDigest else {
            return reply("Your cart changed since I showed you the order, so I did not place it. Say \"checkout\" to see the order as it is now.",
                         intent: .checkout, suggestions: ["checkout", "show my cart"])
        }
        let placed: Int64
        do {
            placed = try carts.placeOrder(userID: userID, lines: order.lines, now: now)
        } catch {
            // One transaction: the order and the emptied cart are written together or not at all.
            var failure = ChatFailure.store(error, couldNot: "place the order")
            failure.outcome = "Your cart is as it was."
            throw failure
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
