import HTTPCore

/// gzip for every text answer built per request (API JSON, error pages, generated SVG) when
/// the client accepts it (`ContentEncoding.apply`: size threshold and cap, `Vary`). The
/// outermost step, so errors turned into answers by `SecurityHeadersMiddleware` are included.
/// The page's files arrive already compressed (`StaticFiles`, at load) and public catalog
/// answers too (`PublicCachingMiddleware`, so that their ETag names the gzip form); an answer
/// with a Content-Encoding is left as it is.
///
/// Not compressed: answers that set a cookie (they carry tokens) and API answers to a request
/// that sent cookies. Compression next to a secret and text an attacker chose leaks the secret
/// through the compressed length (BREACH); the cookies are the credential another site can make
/// a browser send, so no answer to them is compressed, whatever SameSite already stops. Public
/// catalog answers hold no secret and are the same for everyone, so they are compressed
/// whatever the request carries.
struct CompressionMiddleware: RouterMiddleware {
    func handle(_ context: RouteContext, next: Responder) throws(APIError) -> HTTPResponse {
        var response = try next(context)
        let request = context.request
        let credentialed = response.headers.contains { HTTPSyntax.namesEqual($0.name, "set-cookie") }
            || (request.path.hasPrefix("/api/") && request.header("Cookie") != nil)
        ContentEncoding.apply(to: &response, acceptsGzip: !credentialed && ContentEncoding.acceptsGzip(request.header("Accept-Encoding")))
        return response
    }
}
