import Store

/// The JSON bodies the API's POST routes take (`RequestBody`), one type per shape.

/// A username and a password: sign-up, browser sign-in and the API token pair.
struct Credentials: RequestBody {
    static let username = BodyField.text("username", maxBytes: 64, summary: "The account's name: letters, digits, '.', '_' or '-'")
    static let password = BodyField.text("password", maxBytes: 1024, summary: "The account's password")
    static let fields = [username, password]
    static let schemaName: String? = "Credentials"

    let username: String
    let password: String

    init(from decoder: any Decoder) throws {
        let body = try BodyFields(decoder)
        username = try body.text(Self.username)
        password = try body.text(Self.password)
    }
}

/// Refresh and sign-out: API clients send their refresh token here; browsers send `{}` and
/// the token travels in the HttpOnly cookie (with the CSRF header).
struct RefreshTokenBody: RequestBody {
    static let refresh = BodyField.optionalText("refresh", maxBytes: 4096,
                                                summary: "The refresh token (API clients); leave it out to use the session cookie")
    static let fields = [refresh]

    /// Nil when the body has no `refresh` field: the cookie is used instead.
    let refresh: String?

    init(from decoder: any Decoder) throws {
        refresh = try BodyFields(decoder).optionalText(Self.refresh)
    }
}

/// A shopper's message to the assistant.
struct ChatMessageBody: RequestBody {
    /// Longer messages are not questions a shopper types; the limit bounds parsing and storage.
    static let maximumMessageBytes = 2000
    static let message = BodyField.text("message", maxBytes: maximumMessageBytes, summary: "What the shopper wrote")
    static let fields = [message]

    let message: String

    init(from decoder: any Decoder) throws {
        message = try BodyFields(decoder).text(Self.message)
    }
}

/// A product and how many of it to add to the cart (one when left out).
struct CartAdditionBody: RequestBody {
    static let productID = BodyField.text("product_id", maxBytes: 256, summary: "The product's id")
    static let quantity = BodyField.optionalInteger("quantity", range: 1...CartStore.maximumQuantity,
                                                    summary: "Units to add to those already in the cart (1 when left out)")
    static let fields = [productID, quantity]

    let productID: String
    let quantity: Int

    init(from decoder: any Decoder) throws {
        let body = try BodyFields(decoder)
        productID = try body.text(Self.productID)
        quantity = try body.optionalInteger(Self.quantity) ?? 1
    }
}

/// A cart line's new quantity.
struct CartQuantityBody: RequestBody {
    static let quantity = BodyField.integer("quantity", range: 1...CartStore.maximumQuantity,
                                            summary: "The units the line holds after the change (remove the line to hold none)")
    static let fields = [quantity]

    let quantity: Int

    init(from decoder: any Decoder) throws {
        quantity = try BodyFields(decoder).integer(Self.quantity)
    }
}

/// The confirmation of a reviewed checkout.
struct CheckoutConfirmationBody: RequestBody {
    static let checkoutToken = BodyField.text("checkout_token", maxBytes: 128,
                                              summary: "The checkout_token of the review (POST /api/checkout/) being confirmed")
    static let fields = [checkoutToken]

    let checkoutToken: String

    init(from decoder: any Decoder) throws {
        checkoutToken = try BodyFields(decoder).text(Self.checkoutToken)
    }
}
