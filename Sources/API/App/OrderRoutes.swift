import Auth
import Foundation
import HTTPCore
import Search
import Store

/// Checkout in two steps, and the shopper's orders.
///
/// `POST /api/checkout/` reviews the cart: the lines, the total and a `checkout_token` naming
/// the cart exactly as shown (`PricedCart.checkoutToken`); nothing is placed. `POST
/// /api/orders/` with that token places the order, once: a token whose order exists answers
/// 409 `order_already_placed` with the order's id, a cart changed since the review (a line, a
/// quantity, a price, even a change undone) 409 `cart_changed`, and a cart that cannot be
/// ordered (empty, out of stock, no longer sold, no price) its own 409. The check and the
/// write are one transaction (`OrderStore.place`), so two confirmations racing place one order.
struct OrderRoutes: Sendable {
    let auth: AuthService
    let carts: CartStore
    let orders: OrderStore
    let indexes: IndexHolder
    let clock: @Sendable () -> Int64
    let clockMilliseconds: @Sendable () -> Int64

    func register(in router: inout Router) {
        let signedIn: [any RouterMiddleware] = [AuthenticationMiddleware(auth: auth, clock: clock)]
        router.add(Self.review, middleware: signedIn) { context throws(APIError) in try review(context) }
        router.add(Self.place, body: CheckoutConfirmationBody.self, middleware: signedIn) { context, body throws(APIError) in
            try place(context, body)
        }
        router.add(Self.list, middleware: signedIn) { context throws(APIError) in try list(context) }
        router.add(Self.show, middleware: signedIn) { context throws(APIError) in try show(context) }
    }

    static let page = WholeNumberParameter(name: "page", range: 1...1_000_000, defaultValue: 1)
    static let pageSize = WholeNumberParameter(name: "page_size", range: 1...100, defaultValue: 20)

    static let review = Endpoint("POST", "/api/checkout/",
                                 summary: "Review the cart as an order: lines, total and the checkout_token that confirms it; places nothing",
                                 responses: [200: .json("The order as it would be placed", .reference(CheckoutReviewJSON.self)),
                                             409: .shared(.error)])
    static let place = Endpoint("POST", "/api/orders/",
                                summary: "Place the reviewed order (its checkout_token), exactly once; the cart is emptied",
                                responses: [201: .json("The order placed", .reference(OrderJSON.self)), 409: .shared(.error)])
    static let list = Endpoint("GET", "/api/orders/", summary: "The shopper's orders, newest first, paged",
                               parameters: [page.documentation, pageSize.documentation],
                               responses: [200: .json("A page of orders, newest first", ResultPage<OrderSummaryJSON>.schema), 400: .shared(.error)])
    static let show = Endpoint("GET", "/api/orders/{id}/", summary: "One of the shopper's orders with its lines",
                               responses: [200: .json("The order", .reference(OrderJSON.self)), 404: .shared(.error)])

    private func review(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let user = try context.authenticatedUser()
        let cart = try PricedCart(userID: user.id, carts: carts, index: indexes.current)
        if let problem = cart.orderProblem { throw problem }
        return JSONResponse.make(CheckoutReviewJSON(lines: cart.lines.map(CartLineJSON.init), itemCount: cart.itemCount,
                                                    totalCents: cart.subtotalCents ?? 0, checkoutToken: cart.checkoutToken))
    }

    private func place(_ context: RouteContext, _ body: CheckoutConfirmationBody) throws(APIError) -> HTTPResponse {
        let user = try context.authenticatedUser()
        let cart = try PricedCart(userID: user.id, carts: carts, index: indexes.current)
        guard cart.checkoutToken == body.checkoutToken else {
            // Placed already (the cart moved on when it was), or a review of another cart.
            let placed: Int64?
            do {
                placed = try orders.orderID(userID: user.id, checkoutToken: body.checkoutToken)
            } catch {
                throw .store(error, otherwise: "Your orders could not be read, so nothing was placed.")
            }
            if let placed { throw Self.alreadyPlaced(placed) }
            if cart.lines.isEmpty { throw .conflict("Your cart is empty, so there is nothing to order.", code: "cart_empty") }
            throw .conflict("Your cart changed since you reviewed the order, so nothing was placed. Review it again.", code: "cart_changed")
        }
        if let problem = cart.orderProblem { throw problem }
        let placement: OrderStore.Placement
        do {
            placement = try orders.place(userID: user.id, lines: cart.orderLines, totalCents: cart.subtotalCents ?? 0,
                                         revision: cart.revision, checkoutToken: body.checkoutToken, now: clockMilliseconds())
        } catch {
            throw .store(error, otherwise: "The order could not be placed; your cart is as it was.")
        }
        switch placement {
        case .placed(let id):
            let order: OrderStore.Order?
            do {
                order = try orders.order(userID: user.id, id: id)
            } catch {
                throw .internalError("Order #\(id) was placed but could not be read back; it is in your orders.")
            }
            guard let order else { throw .internalError("Order #\(id) was placed but could not be read back; it is in your orders.") }
            return JSONResponse.make(status: 201, OrderJSON(order))
        case .alreadyPlaced(let id):
            throw Self.alreadyPlaced(id)
        case .cartChanged:
            throw .conflict("Your cart changed since you reviewed the order, so nothing was placed. Review it again.", code: "cart_changed")
        }
    }

    static func alreadyPlaced(_ id: Int64) -> APIError {
        .conflict("This order was placed already as order #\(id); nothing more was placed.", code: "order_already_placed")
    }

    private func list(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let user = try context.authenticatedUser()
        let page = try Self.page.value(in: context.request)
        let pageSize = try Self.pageSize.value(in: context.request)
        let result: (total: Int, orders: [OrderStore.Summary])
        do {
            result = try orders.orders(userID: user.id, offset: (page - 1) * pageSize, limit: pageSize)
        } catch {
            throw .store(error, otherwise: "Your orders could not be read.")
        }
        return JSONResponse.make(ResultPage(request: context.request, page: page, pageSize: pageSize, total: result.total,
                                            results: result.orders.map(OrderSummaryJSON.init)))
    }

    private func show(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let user = try context.authenticatedUser()
        // Digits only, at most 18 of them: anything else names no order (and cannot overflow).
        let text = context.parameters["id"] ?? ""
        guard (1...18).contains(text.utf8.count), text.utf8.allSatisfy({ (48...57).contains($0) }), let id = Int64(text) else {
            throw .notFound("No order has that id.")
        }
        let order: OrderStore.Order?
        do {
            order = try orders.order(userID: user.id, id: id)
        } catch {
            throw .store(error, otherwise: "The order could not be read.")
        }
        guard let order else { throw .notFound("No order of yours has that id.") }
        return JSONResponse.make(OrderJSON(order))
    }
}
