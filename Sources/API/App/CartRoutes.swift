import Auth
import Foundation
import HTTPCore
import Query
import Search
import Store

/// The signed-in shopper's cart over HTTP: read it, add to it, set a line's quantity, remove a
/// line. It is the cart the assistant fills (`CartStore`, one per account), so the page and
/// the chat always show the same lines.
///
/// Like the chat, these routes take the access token in `Authorization: Bearer`; a token in a
/// header is never sent by the browser on its own, so another site cannot make a shopper's
/// browser change the cart (no cookie authorizes anything here; see SECURITY.md).
struct CartRoutes: Sendable {
    let auth: AuthService
    let carts: CartStore
    let indexes: IndexHolder
    /// Unix seconds, for token expiry.
    let clock: @Sendable () -> Int64
    let clockMilliseconds: @Sendable () -> Int64

    func register(in router: inout Router) {
        let signedIn: [any RouterMiddleware] = [AuthenticationMiddleware(auth: auth, clock: clock)]
        router.add(Self.show, middleware: signedIn) { context throws(APIError) in try show(context) }
        router.add(Self.add, body: CartAdditionBody.self, middleware: signedIn) { context, body throws(APIError) in try add(context, body) }
        router.add(Self.setQuantity, body: CartQuantityBody.self, middleware: signedIn) { context, body throws(APIError) in
            try setQuantity(context, body)
        }
        router.add(Self.remove, middleware: signedIn) { context throws(APIError) in try remove(context) }
    }

    static let cartResponse = EndpointResponse.json("The cart after the change", .reference(CartJSON.self))
    static let show = Endpoint("GET", "/api/cart/", summary: "The signed-in shopper's cart: lines, products, quantities, subtotal in cents",
                               responses: [200: .json("The cart", .reference(CartJSON.self))])
    static let add = Endpoint("POST", "/api/cart/items/",
                              summary: "Add units of a product to the cart (to those already there); refused whole when they do not fit",
                              responses: [200: cartResponse, 404: .shared(.error), 409: .shared(.error)])
    static let setQuantity = Endpoint("PUT", "/api/cart/items/{product_id}/",
                                      summary: "Set a product's quantity in the cart (adding the line when it is not there)",
                                      responses: [200: cartResponse, 404: .shared(.error), 409: .shared(.error)])
    static let remove = Endpoint("DELETE", "/api/cart/items/{product_id}/", summary: "Remove a product's line from the cart",
                                 responses: [200: cartResponse, 404: .shared(.error)])

    private func show(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let user = try context.authenticatedUser()
        return JSONResponse.make(CartJSON(try PricedCart(userID: user.id, carts: carts, index: indexes.current)))
    }

    private func add(_ context: RouteContext, _ body: CartAdditionBody) throws(APIError) -> HTTPResponse {
        let user = try context.authenticatedUser()
        let product = try orderableProduct(body.productID)
        let addition: CartStore.Addition
        do {
            addition = try carts.add(userID: user.id, productID: product.id, quantity: body.quantity, now: clockMilliseconds(),
                                     limit: product.stock ?? CartStore.maximumQuantity)
        } catch {
            throw .store(error, otherwise: "The product could not be added to your cart; your cart is as it was.")
        }
        switch addition {
        case .added:
            break
        case let .overQuantityLimit(current):
            let holding = current?.quantity ?? 0
            throw Self.limitError(product: product, holding: holding, verb: "add \(body.quantity)")
        case .cartFull:
            throw .conflict("Your cart already holds \(CartStore.maximumLines) different products, the most it can. Remove one first.",
                            code: "cart_full")
        }
        return JSONResponse.make(CartJSON(try PricedCart(userID: user.id, carts: carts, index: indexes.current)))
    }

    private func setQuantity(_ context: RouteContext, _ body: CartQuantityBody) throws(APIError) -> HTTPResponse {
        let user = try context.authenticatedUser()
        let product = try orderableProduct(context.parameters["product_id"] ?? "", isPathParameter: true)
        let change: CartStore.QuantityChange
        do {
            change = try carts.setQuantity(userID: user.id, productID: product.id, quantity: body.quantity, now: clockMilliseconds(),
                                           limit: product.stock ?? CartStore.maximumQuantity)
        } catch {
            throw .store(error, otherwise: "The quantity could not be changed; your cart is as it was.")
        }
        switch change {
        case .set:
            break
        case .overQuantityLimit:
            throw Self.limitError(product: product, holding: 0, verb: "hold \(body.quantity)")
        case .cartFull:
            throw .conflict("Your cart already holds \(CartStore.maximumLines) different products, the most it can. Remove one first.",
                            code: "cart_full")
        }
        return JSONResponse.make(CartJSON(try PricedCart(userID: user.id, carts: carts, index: indexes.current)))
    }

    private func remove(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let user = try context.authenticatedUser()
        let id = context.parameters["product_id"] ?? ""
        let removed: Bool
        do {
            removed = try carts.remove(userID: user.id, productID: id)
        } catch {
            throw .store(error, otherwise: "The product could not be removed; your cart is as it was.")
        }
        guard removed else { throw .notFound("That product is not in your cart.") }
        return JSONResponse.make(CartJSON(try PricedCart(userID: user.id, carts: carts, index: indexes.current)))
    }

    /// The product a shopper may put in the cart: one the index has, with a price, in stock.
    /// A product id in the path that names nothing is 404; in a body, 400 naming the field.
    private func orderableProduct(_ id: String, isPathParameter: Bool = false) throws(APIError) -> StoredProduct {
        let found: StoredProduct?
        do {
            found = try indexes.current.product(id: id)
        } catch {
            throw .internalError("The product could not be read from the index.")
        }
        guard let product = found else {
            guard !isPathParameter else { throw .notFound("No product has that id.") }
            var error = APIError.badRequest("No product has the id in \"product_id\".", code: "unknown_product")
            error.field = CartAdditionBody.productID.name
            throw error
        }
        guard product.price.flatMap(PricedCart.cents(ofDollars:)) != nil else {
            throw .conflict("\(product.name) has no price yet, so it cannot be ordered.", code: "no_price")
        }
        if let stock = product.stock, stock <= 0 {
            throw .conflict("\(product.name) is out of stock.", code: "out_of_stock")
        }
        return product
    }

    /// The refusal of a quantity over what one line may hold: the units in stock or the cart's
    /// limit per product, whichever is lower, said with what the cart holds already.
    static func limitError(product: StoredProduct, holding: Int, verb: String) -> APIError {
        let holds = holding > 0 ? " Your cart holds \(holding)." : ""
        if let stock = product.stock, stock < CartStore.maximumQuantity {
            return .conflict("Only \(stock) of \(product.name) are in stock, so your cart cannot \(verb).\(holds)", code: "not_enough_stock")
        }
        return .conflict("A cart holds at most \(CartStore.maximumQuantity) of one product, so it cannot \(verb) of \(product.name).\(holds)",
                         code: "quantity_limit")
    }
}
