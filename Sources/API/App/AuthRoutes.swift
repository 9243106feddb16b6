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
        router.add("POST", "/api/register/") { context throws(APIError) in try signUp(context) }
        router.add("POST", "/api/login/") { context throws(APIError) in try login(context) }
        router.add("POST", "/api/token/") { context throws(APIError) in try tokenPair(context) }
        router.add("POST", "/api/token/refresh/") { context throws(APIError) in try refresh(context) }
        router.add("POST", "/api/logout/") { context throws(APIError) in try logout(context) }
        router.add("GET", "/api/me/") { context throws(APIError) in
            let user = try auth.authenticate(authorization: context.request.header("Authorization"), now: clock())
            return JSONResponse.make(["user": UserJSON(user)])
        }
    }

    struct UserJSON: Encodable {
        let id: Int64
        let username: String
        let dateJoined: Int64
        init(_ user: User) {
            id = user.id
            username = user.username
            dateJoined = user.createdAt
        }
    }

    struct BrowserSession: Encodable {
        let access: String
        let accessExpiresAt: Int64
        let user: UserJSON
    }

    struct TokenPairJSON: Encodable {
        let access: String
        let refresh: String
    }

    private func signUp(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        guard registrationEnabled else {
            throw .forbidden("Sign-up is switched off on this shop.", code: "registration_closed")
        }
        let body = try JSONResponse.object(of: context.request)
        let username = try JSONResponse.string(body, "username", maxLength: 64)
        let password = try JSONResponse.string(body, "password")
        let user = try APIError.answering { () throws(AuthError) in
            try auth.register(username: username, password: password, client: Self.client(context), now: clock())
        }
        return JSONResponse.make(status: 201, ["user": UserJSON(user)])
    }

    private func credentials(_ context: RouteContext) throws(APIError) -> (username: String, password: String) {
        let body = try JSONResponse.object(of: context.request)
        return (try JSONResponse.string(body, "username", maxLength: 64), try JSONResponse.string(body, "password"))
    }

    private static func client(_ context: RouteContext) -> AuthService.Client {
        let presence = context.request.client
        return AuthService.Client(key: context.clientKey, isGone: { presence.isGone })
    }

    private func login(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let (username, password) = try credentials(context)
        let login = try APIError.answering { () throws(AuthError) in
            try auth.login(username: username, password: password, client: Self.client(context),
                           deviceCookie: context.request.cookie(DeviceCookieSigner.cookieName), now: clock())
        }
        let pair = login.tokens
        var response = JSONResponse.make(BrowserSession(access: pair.access, accessExpiresAt: pair.accessExpiresAt, user: UserJSON(login.user)))
        setSessionCookies(on: &response, pair: pair, csrf: AuthService.randomIdentifier())
        let secure = secureCookies ? "; Secure" : ""
        // Path /api/: read only by the sign-in endpoints; HttpOnly, so page scripts never see it.
        response.headers.append(("Set-Cookie", "\(DeviceCookieSigner.cookieName)=\(login.deviceCookie); Max-Age=\(DeviceCookieSigner.lifetimeSeconds); Path=/api/; HttpOnly; SameSite=Strict\(secure)"))
        return response
    }

    /// API clients keep no cookies, so none is set; a device cookie they send is honoured.
    private func tokenPair(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let (username, password) = try credentials(context)
        let login = try APIError.answering { () throws(AuthError) in
            try auth.login(username: username, password: password, client: Self.client(context),
                           deviceCookie: context.request.cookie(DeviceCookieSigner.cookieName), now: clock())
        }
        return JSONResponse.make(TokenPairJSON(access: login.tokens.access, refresh: login.tokens.refresh))
    }

    private func refresh(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let body = try JSONResponse.object(of: context.request)
        if body["refresh"] != nil {
            let token = try JSONResponse.string(body, "refresh", maxLength: 4096)
            let (_, pair) = try APIError.answering { () throws(AuthError) in try auth.refresh(token, now: clock()) }
            return JSONResponse.make(TokenPairJSON(access: pair.access, refresh: pair.refresh))
        }
        let token = try cookieToken(context.request)
        do {
            let (user, pair) = try auth.refresh(token, now: clock())
            var response = JSONResponse.make(BrowserSession(access: pair.access, accessExpiresAt: pair.accessExpiresAt, user: UserJSON(user)))
            setSessionCookies(on: &response, pair: pair, csrf: context.request.cookie(Self.csrfCookie) ?? AuthService.randomIdentifier())
            return response
        } catch {
            // A dead cookie is useless to the browser: clear it so the page shows sign-in.
            var failure = APIError(error)
            failure.headers.append(contentsOf: clearedCookies())
            throw failure
        }
    }

    private func logout(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let body = try JSONResponse.object(of: context.request)
        let token: String
        if body["refresh"] != nil {
            token = try JSONResponse.string(body, "refresh", maxLength: 4096)
        } else {
            token = try cookieToken(context.request)
        }
        try APIError.answering { () throws(AuthError) in try auth.logout(token, now: clock()) }
        var response = JSONResponse.make(["detail": "Signed out."])
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

    private func setSessionCookies(on response: inout HTTPResponse, pair: AuthService.TokenPair, csrf: String) {
        let maxAge = max(0, pair.refreshExpiresAt - clock())
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
