import Auth
import Crypto
import Foundation
import HTTPCore
import Store

/// Sign-up, sign-in and the token endpoints, in two flavours:
/// - browser: `/api/login/` answers with the access token and sets the refresh token as an
///   HttpOnly cookie plus a readable `csrftoken` cookie; cookie refresh and logout must echo
///   that value in `X-CSRF-Token` (double submit), which a cross-site form cannot do;
/// - API clients: `/api/token/` and body-based refresh, SimpleJWT's token-pair contract,
///   without cookies and so without CSRF.
///
/// A browser sign-in also sets a device cookie (`DeviceCookieSigner`) that keeps this
/// browser's later sign-ins out of the per-address and per-account limits of untrusted
/// clients (`LoginThrottle`). Every POST here needs `Content-Type: application/json`.
struct AuthRoutes: Sendable {
    let auth: AuthService
    let registrationEnabled: Bool
    let secureCookies: Bool
    let clock: @Sendable () -> Int64

    static let refreshCookie = "uplyft_refresh"
    static let csrfCookie = "csrftoken"
    static let csrfHeader = "X-CSRF-Token"

    func register(in router: inout Router) {
        router.add(Self.signUp, body: Credentials.self, middleware: [RegistrationGateMiddleware(isOpen: registrationEnabled)]) {
            context, body throws(APIError) in try signUp(context, body)
        }
        router.add(Self.login, body: Credentials.self) { context, body throws(APIError) in try login(context, body) }
        router.add(Self.tokenPair, body: Credentials.self) { context, body throws(APIError) in try tokenPair(context, body) }
        router.add(Self.refresh, body: RefreshTokenBody.self) { context, body throws(APIError) in try refresh(context, body) }
        router.add(Self.logout, body: RefreshTokenBody.self) { context, body throws(APIError) in try logout(context, body) }
        router.add(Self.me, middleware: [AuthenticationMiddleware(auth: auth, clock: clock)]) { context throws(APIError) in
            JSONResponse.make(["user": UserJSON(try context.authenticatedUser())])
        }
    }

    struct UserJSON: Encodable, DocumentedJSON {
        static let schemaName = "User"
        static let schema = JSONSchema.object(properties: [
            ("id", .integer), ("username", .string), ("date_joined", .keywords(["type": "integer", "description": "Unix seconds"])),
        ])

        let id: Int64
        let username: String
        let dateJoined: Int64
        init(_ user: User) {
            id = user.id
            username = user.username
            dateJoined = user.createdAt
        }
    }

    struct BrowserSession: Encodable, DocumentedJSON {
        static let schemaName = "BrowserSession"
        static let schema = JSONSchema.object(properties: [
            ("access", .string), ("access_expires_at", .integer), ("user", .reference(UserJSON.self)),
        ], required: ["access", "access_expires_at", "user"])

        let access: String
        let accessExpiresAt: Int64
        let user: UserJSON
    }

    struct TokenPairJSON: Encodable, DocumentedJSON {
        static let schemaName = "TokenPair"
        // Both required: the refresh endpoint answers one of this and `BrowserSession`, and
        // the fields each always has are what tell them apart.
        static let schema = JSONSchema.object(properties: [("access", .string), ("refresh", .string)], required: ["access", "refresh"])

        let access: String
        let refresh: String
    }

    struct SignedOut: Encodable {
        static let schema = JSONSchema.object(properties: [("detail", .string)])
        let detail: String
    }

    /// `{"user": ...}`: what sign-up and `/api/me/` answer.
    static let userSchema = JSONSchema.object(properties: [("user", .reference(UserJSON.self))])

    private func signUp(_ context: RouteContext, _ body: Credentials) throws(APIError) -> HTTPResponse {
        let user = try APIError.answering { () throws(AuthError) in
            try auth.register(username: body.username, password: body.password, client: Self.client(context), now: clock())
        }
        return JSONResponse.make(status: 201, ["user": UserJSON(user)])
    }

    private static func client(_ context: RouteContext) -> AuthService.Client {
        let presence = context.request.client
        return AuthService.Client(key: context.clientKey, isGone: { presence.isGone })
    }

    private func login(_ context: RouteContext, _ body: Credentials) throws(APIError) -> HTTPResponse {
        let now = clock()
        let login = try APIError.answering { () throws(AuthError) in
            try auth.login(username: body.username, password: body.password, client: Self.client(context),
                           deviceCookie: context.request.cookie(DeviceCookieSigner.cookieName), now: now)
        }
        let pair = login.tokens
        var response = JSONResponse.make(BrowserSession(access: pair.access, accessExpiresAt: pair.accessExpiresAt, user: UserJSON(login.user)))
        setSessionCookies(on: &response, pair: pair, csrf: AuthService.randomIdentifier(), now: now)
        let secure = secureCookies ? "; Secure" : ""
        // Path /api/: read only by the sign-in endpoints; HttpOnly, so page scripts never see it.
        response.headers.append(("Set-Cookie", "\(DeviceCookieSigner.cookieName)=\(login.deviceCookie); Max-Age=\(DeviceCookieSigner.lifetimeSeconds); Path=/api/; HttpOnly; SameSite=Strict\(secure)"))
        return response
    }

    /// API clients keep no cookies, so none is set; a device cookie they send is honoured.
    private func tokenPair(_ context: RouteContext, _ body: Credentials) throws(APIError) -> HTTPResponse {
        let login = try APIError.answering { () throws(AuthError) in
            try auth.login(username: body.username, password: body.password, client: Self.client(context),
                           deviceCookie: context.request.cookie(DeviceCookieSigner.cookieName), now: clock())
        }
        return JSONResponse.make(TokenPairJSON(access: login.tokens.access, refresh: login.tokens.refresh))
    }

    private func refresh(_ context: RouteContext, _ body: RefreshTokenBody) throws(APIError) -> HTTPResponse {
        if let refresh = body.refresh {
            let (_, pair) = try APIError.answering { () throws(AuthError) in try auth.refresh(refresh, now: clock()) }
            return JSONResponse.make(TokenPairJSON(access: pair.access, refresh: pair.refresh))
        }
        let token = try cookieToken(context.request)
        do {
            let now = clock()
            let (user, pair) = try auth.refresh(token, now: now)
            var response = JSONResponse.make(BrowserSession(access: pair.access, accessExpiresAt: pair.accessExpiresAt, user: UserJSON(user)))
            setSessionCookies(on: &response, pair: pair, csrf: context.request.cookie(Self.csrfCookie) ?? AuthService.randomIdentifier(), now: now)
            return response
        } catch {
            // A dead cookie is useless to the browser: clear it so the page shows sign-in.
            var failure = APIError(error)
            failure.headers.append(contentsOf: clearedCookies())
            throw failure
        }
    }

    private func logout(_ context: RouteContext, _ body: RefreshTokenBody) throws(APIError) -> HTTPResponse {
        let token: String
        if let refresh = body.refresh {
            token = refresh
        } else {
            token = try cookieToken(context.request)
        }
        try APIError.answering { () throws(AuthError) in try auth.logout(token, now: clock()) }
        var response = JSONResponse.make(SignedOut(detail: "Signed out."))
        response.headers.append(contentsOf: clearedCookies())
        return response
    }

    /// The refresh cookie, once the CSRF double submit checks out.
    private func cookieToken(_ request: HTTPRequest) throws(APIError) -> String {
        guard let token = request.cookie(Self.refreshCookie), !token.isEmpty else {
            throw .unauthorized("No refresh token: send the session cookie or {\"refresh\": ...}.", code: "token_missing")
        }
        guard let cookie = request.cookie(Self.csrfCookie), let header = request.header(Self.csrfHeader), !cookie.isEmpty,
              Crypto.constantTimeEquals(Array(cookie.utf8), Array(header.utf8)) else {
            throw .forbidden("The \(Self.csrfHeader) header must match the csrftoken cookie.", code: "csrf_failed")
        }
        return token
    }

    /// The cookies live as long as the refresh token: Max-Age counts from `now`, the time the
    /// pair was issued at (reading the clock again could cross a second and shorten it).
    private func setSessionCookies(on response: inout HTTPResponse, pair: AuthService.TokenPair, csrf: String, now: Int64) {
        let maxAge = max(0, pair.refreshExpiresAt - now)
        let secure = secureCookies ? "; Secure" : ""
        // Path /api/ covers both places the cookie is needed: /api/token/refresh/ and /api/logout/.
        response.headers.append(("Set-Cookie", "\(Self.refreshCookie)=\(pair.refresh); Max-Age=\(maxAge); Path=/api/; HttpOnly; SameSite=Strict\(secure)"))
        response.headers.append(("Set-Cookie", "\(Self.csrfCookie)=\(csrf); Max-Age=\(maxAge); Path=/; SameSite=Strict\(secure)"))
    }

    private func clearedCookies() -> [(String, String)] {
        let secure = secureCookies ? "; Secure" : ""
        return [("Set-Cookie", "\(Self.refreshCookie)=; Max-Age=0; Path=/api/; HttpOnly; SameSite=Strict\(secure)"),
                ("Set-Cookie", "\(Self.csrfCookie)=; Max-Age=0; Path=/; SameSite=Strict\(secure)")]
    }
}

extension AuthRoutes {
    static let signUp = Endpoint("POST", "/api/register/", summary: "Create an account (can be switched off)", responses: [
        201: .json("Created", userSchema), 409: .shared(.error), 429: .shared(.throttled), 503: .shared(.busy),
    ])
    static let login = Endpoint(
        "POST", "/api/login/",
        summary: "Browser sign-in: access token in the body, refresh token in an HttpOnly cookie, csrftoken cookie for double submit",
        responses: [200: .json("Signed in", .reference(BrowserSession.self)), 401: .shared(.error), 429: .shared(.throttled),
                    503: .shared(.busy)])
    static let tokenPair = Endpoint("POST", "/api/token/", summary: "Token pair for API clients (SimpleJWT contract)", responses: [
        200: .json("Token pair", .reference(TokenPairJSON.self)), 401: .shared(.error), 429: .shared(.throttled), 503: .shared(.busy),
    ])
    static let refresh = Endpoint(
        "POST", "/api/token/refresh/",
        summary: "Rotate the refresh token: {\"refresh\"} in the body (API clients) or the cookie with X-CSRF-Token (browser). "
            + "Reusing a rotated token ends the login, except the token rotated last within the reuse interval "
            + "(UPLYFT_REFRESH_REUSE_SECONDS), which gets the login's current tokens.",
        responses: [200: .json("New tokens", .oneOf([.reference(TokenPairJSON.self), .reference(BrowserSession.self)])),
                    401: .shared(.error), 403: .shared(.error)],
        security: [.anonymous, .refreshCookie])
    static let logout = Endpoint(
        "POST", "/api/logout/",
        summary: "Revoke the login of the refresh token (body or cookie with X-CSRF-Token) and clear the cookies",
        responses: [200: .json("Signed out", SignedOut.schema), 401: .shared(.error), 403: .shared(.error)])
    static let me = Endpoint("GET", "/api/me/", summary: "The signed-in user", responses: [200: .json("User", userSchema)])
}
