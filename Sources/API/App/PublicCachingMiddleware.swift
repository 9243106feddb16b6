import Crypto
import HTTPCore
import Query

/// Who may keep a route's answers (RFC 9111), a property of the route (`Endpoint.caching`).
enum ResponseCaching: Sendable, Equatable {
    /// Per-user or changing answers: `Cache-Control: no-store` (set for every API answer that
    /// says nothing else, `SecurityHeadersMiddleware`). The default.
    case noStore
    /// The same answer for everyone (the public catalog): any cache, a CDN's included, may
    /// keep it `PublicCachingMiddleware.maxAgeSeconds` and then revalidate it with its ETag.
    /// Only for GET routes that take no credentials (`Router.add` refuses anything else).
    case publicCatalog
}

/// Makes a public route's 200 answers cacheable: `Cache-Control: public, max-age=60`, a
/// strong ETag, and 304 Not Modified when `If-None-Match` names the current one (RFC 9110
/// section 13.1.2). Errors are not touched, so they stay `no-store`.
///
/// The tag is SHA-256 over the catalog version (`catalogVersion`, which changes when the
/// index being served is swapped), the request target and the body, truncated to 128 bits: two
/// answers share a tag only if they are the same bytes for the same request from the same
/// index. The body is compressed here when the client takes gzip (`ContentEncoding.apply`), so
/// the tag compared is the one of the representation this client gets (`"...-gzip"`).
/// With `answers`, finished 200s are kept in the server and served again without running the
/// route (`PublicAnswerCache`, emptied whenever the index is swapped).
///
/// Sixty seconds is what a shopper tolerates for a price or stock figure to lag behind a
/// reindex, and enough for a CDN to absorb a burst of identical searches; after that, a
/// revalidation costs the search but not the transfer.
struct PublicCachingMiddleware: RouterMiddleware {
    static let maxAgeSeconds = 60
    static let cacheControl = "public, max-age=\(maxAgeSeconds)"

    /// Changes whenever the data behind the answers changes (`catalogVersion(of:)`).
    let catalogVersion: @Sendable () -> String
    /// Where finished answers are kept for the next request with the same target; nil keeps none.
    var answers: PublicAnswerCache?

    func handle(_ context: RouteContext, next: Responder) throws(APIError) -> HTTPResponse {
        let request = context.request
        let gzip = ContentEncoding.acceptsGzip(request.header("Accept-Encoding"))
        let response: HTTPResponse
        if let answers {
            response = try answers.answer(for: PublicAnswerCache.Key(target: request.target, gzip: gzip)) { () throws(APIError) in
                try finished(context, next: next, gzip: gzip)
            }
        } else {
            response = try finished(context, next: next, gzip: gzip)
        }
        if response.status == 200, let ifNoneMatch = request.header("If-None-Match"), let current = response.header("ETag"),
           StaticFiles.matches(ifNoneMatch, current) {
            let kept = ["etag", "cache-control", "vary"]
            return HTTPResponse(status: 304, headers: response.headers.filter { kept.contains($0.name.lowercased()) })
        }
        return response
    }

    /// The route's answer as this client gets it: a 200 tagged, marked public and, when the
    /// client takes gzip, compressed; anything else as the route gave it.
    private func finished(_ context: RouteContext, next: Responder, gzip: Bool) throws(APIError) -> HTTPResponse {
        var response = try next(context)
        guard response.status == 200 else { return response }
        let material = Array(catalogVersion().utf8) + [0] + Array(context.request.target.utf8) + [0] + response.body
        let tag = "\"" + Crypto.sha256(material).prefix(16).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "\""
        response.headers.append(("ETag", tag))
        response.headers.append(("Cache-Control", Self.cacheControl))
        ContentEncoding.apply(to: &response, acceptsGzip: gzip)
        return response
    }

    func document(_ endpoint: inout Endpoint) {
        endpoint.addResponse(304, .described("Not Modified: the If-None-Match header names the current answer's ETag"))
    }

    /// A short name for the index being served: its length and every section's CRC-32C, so a
    /// rebuilt index (a new file swapped in by `IndexHolder`) gives every answer a new tag.
    static func catalogVersion(of index: SearchIndex) -> String {
        var text = String(index.header.fileLength, radix: 16)
        for section in index.sections { text += "." + String(section.checksum, radix: 16) }
        return text
    }
}
