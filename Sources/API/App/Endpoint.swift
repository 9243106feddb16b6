import HTTPCore

/// A route as the router serves it and as the OpenAPI document describes it: method, path,
/// what it is for, what it reads and what it answers. Routes are registered with their
/// endpoint (`Router.add`), and the document is built from the registered endpoints
/// (`OpenAPIDocument`), so no route can be served undescribed or described unserved.
///
/// What a route's parts imply is added by them, not written by hand: a request body type adds
/// the request body's schema and the 400 and 415 answers (`Router.add(_:body:...)`), a
/// middleware the security and answers it brings (`RouterMiddleware.document`), each `{name}`
/// segment a path parameter.
struct Endpoint: Sendable {
    let method: String
    /// Literal segments and `{name}` captures; a trailing slash is part of the path.
    let path: String
    let summary: String
    /// Query parameters, each as the handler reads it (`QueryParameter`).
    var parameters: [QueryParameter] = []
    /// Answers by status code; the HTTP layer's own refusals are added by `OpenAPIDocument`.
    var responses: [Int: EndpointResponse]
    /// Alternatives, any one of which is enough (OpenAPI's security requirement objects);
    /// empty: no credentials.
    var security: [SecurityRequirement] = []
    /// Set by `Router.add(_:body:...)` from the body type.
    var requestBody: (schema: JSONSchema, isRequired: Bool)?
    /// Who may cache the answers: `.publicCatalog` for GET routes whose answer is the same for
    /// everyone (`PublicCachingMiddleware`, added by `Router.add`); `no-store` otherwise.
    var caching: ResponseCaching = .noStore

    init(_ method: String, _ path: String, summary: String, parameters: [QueryParameter] = [],
         responses: [Int: EndpointResponse], security: [SecurityRequirement] = [], caching: ResponseCaching = .noStore) {
        self.method = method
        self.path = path
        self.summary = summary
        self.parameters = parameters
        self.responses = responses
        self.security = security
        self.caching = caching
    }

    /// Adds an answer unless the endpoint describes that status itself.
    mutating func addResponse(_ status: Int, _ response: EndpointResponse) {
        if responses[status] == nil { responses[status] = response }
    }

    /// The names of the path's `{name}` segments.
    var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }
}

/// One answer of an endpoint, for the document.
enum EndpointResponse: Sendable {
    /// A JSON body of this schema.
    case json(String, JSONSchema)
    /// A description alone (a body not worth a schema).
    case described(String)
    /// One of the answers many endpoints share, listed once under `components/responses`.
    case shared(SharedResponse)
}

/// Answers many endpoints give, each described once.
enum SharedResponse: String, Sendable, CaseIterable {
    /// An `APIError` body.
    case error = "Error"
    /// 415 from `RequestBodyDecoder`.
    case unsupportedMediaType = "UnsupportedMediaType"
    /// 429 from the sign-in and sign-up throttles.
    case throttled = "Throttled"
    /// 503 when the password-hashing queue (or the server) is full.
    case busy = "Busy"

    var description: String {
        switch self {
        case .error: "Error"
        case .unsupportedMediaType: "The request did not say Content-Type: application/json (a missing type included)"
        case .throttled: "Too many attempts from this client or for this account; try again after Retry-After seconds"
        case .busy:
            "The password-hashing queue is full (JSON, code password_check_busy), or the server is at its connection limit "
                + "(plain text); try again after Retry-After seconds"
        }
    }

    var hasRetryAfter: Bool { self == .throttled || self == .busy }
    /// The server's connection limit answers in plain text before any route runs.
    var mayBePlainText: Bool { self == .busy }
}

/// A credential an endpoint accepts (an OpenAPI security requirement).
enum SecurityRequirement: Sendable, Equatable {
    /// None: the endpoint works without credentials too.
    case anonymous
    /// `Authorization: Bearer <access token>`.
    case bearer
    /// The HttpOnly refresh-token cookie.
    case refreshCookie
}

/// A query parameter as a handler reads it and as the document states it: one value, so the
/// bounds the server enforces are the bounds the document gives.
struct QueryParameter: Sendable {
    let name: String
    let schema: JSONSchema

    /// A whole number in `range`, `defaultValue` when absent or empty; anything else (not
    /// digits, out of range, too long for an Int) is 400 `invalid_parameter` with the range.
    static func wholeNumber(_ name: String, range: ClosedRange<Int>) -> QueryParameter {
        QueryParameter(name: name, schema: .keywords(["type": "integer", "minimum": .integer(range.lowerBound),
                                                      "maximum": .integer(range.upperBound)]))
    }

    static func text(_ name: String) -> QueryParameter {
        QueryParameter(name: name, schema: .string)
    }
}

/// A whole-number query parameter with its bounds and default, read by the handler and
/// described by the same value.
struct WholeNumberParameter: Sendable {
    let name: String
    let range: ClosedRange<Int>
    let defaultValue: Int

    var documentation: QueryParameter { .wholeNumber(name, range: range) }

    /// The value in `request`, `defaultValue` when absent or empty.
    func value(in request: HTTPRequest) throws(APIError) -> Int {
        guard let text = request.queryValue(name), !text.isEmpty else { return defaultValue }
        guard let number = Int(text), range.contains(number) else {
            throw .badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).", code: "invalid_parameter")
        }
        return number
    }
}
