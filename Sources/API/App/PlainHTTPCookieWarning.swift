/// The start-up warning for a server whose sign-in cookies a browser will drop.
///
/// Off loopback, cookies are marked `Secure` by default (`ShopConfiguration.usesSecureCookies`):
/// right behind an HTTPS proxy, which is how a shop should be exposed. But uplyft itself
/// speaks plain HTTP, and a browser that reaches `http://HOST:PORT/` directly ignores a
/// `Secure` cookie set over it (RFC 6265bis, storage model; browsers make an exception only for
/// localhost). Sign-in then appears to work, since the access token lives in memory, but the
/// refresh cookie is never stored: every reload and every expired access token signs the
/// shopper out. Nothing fails on the server, so `uplyft serve` says so once at start-up.
extension ShopConfiguration {
    /// The warning for this configuration listening on `port` (the port actually bound, which
    /// differs from `port` when that is 0), or nil when there is nothing to warn about: on a
    /// loopback host (cookies are not Secure), or when `UPLYFT_SECURE_COOKIES` was set either
    /// way (the operator chose).
    public func plainHTTPCookieWarning(port: Int) -> String? {
        guard secureCookies == nil, usesSecureCookies else { return nil }
        let url = ["0.0.0.0", "::", ""].contains(host) ? "http://<this machine's address>:\(port)" : baseURL(port: port)
        return """
            warning: cookies are marked Secure because the server listens on \(host.isEmpty ? "every address" : host), \
            but it speaks plain HTTP: a browser opening \(url)/ directly drops the sign-in \
            cookie, and shoppers are signed out on every reload. Behind an HTTPS proxy this is right and \
            nothing needs doing; to serve plain HTTP on a trusted network, start with UPLYFT_SECURE_COOKIES=off
            """
    }
}
