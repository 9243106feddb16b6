import Foundation
import HTTPCore

/// The shop's page: the HTML, CSS, JavaScript and icons under the web root, for GET and HEAD.
///
/// URL layout: `/` is `index.html`, `/products/{id}` is `product.html` for a product the
/// index holds (the page reads the id from its own URL; an unknown id is a 404), `/<name>` is
/// any other top-level `<name>.html`, and `/static/<path>` is `<webRoot>/static/<path>`, also
/// under its fingerprinted name (`AssetFingerprints`). `404.html` is the page of every 404
/// outside the API (`notFoundPage`).
///
/// The files are read once, when the application starts. The web root is a few dozen
/// kilobytes, so the snapshot costs nothing, and it makes path traversal impossible by
/// construction: a request path is only ever a key looked up in a dictionary, never a path
/// handed to `open(2)`, so `..`, symlinks swapped in later or odd encodings cannot reach a file
/// outside the root. Symlinks present at start are followed only when their target stays inside
/// the root. References are rewritten to fingerprinted names, small style sheets put inside
/// the pages (`StyleInlining`), ETags computed and text files gzipped (at level 9, once) at
/// load too. The price is that edits to `web/` need a restart.
///
/// Caching (RFC 9111): fingerprinted files are `immutable` for a year, since a new version
/// is a new name; pages are `no-cache` with an ETag, so each view costs one revalidation of the
/// HTML and nothing else; a static file under its plain name is kept `shortCacheControl`.
struct StaticFiles: Sendable {
    struct File: Sendable, Equatable {
        let body: [UInt8]
        let contentType: String
        let entityTag: String
        /// The body gzipped, when that is smaller (`ContentEncoding`).
        var gzipBody: [UInt8]? = nil
    }

    private struct Entry: Sendable {
        let file: File
        let cacheControl: String
        /// A page's own policy, when it carries inlined style (`StyleInlining`).
        var contentSecurityPolicy: String? = nil
    }

    /// Files by URL path (`/static/css/shop.css`), plus the pages under their file names.
    private let files: [String: Entry]
    static let indexPageKey = "index.html"
    static let productPageKey = "product.html"
    static let notFoundPageKey = "404.html"
    static let staticPrefix = "/static/"
    /// Why each file was skipped at load time, for the start-up log and tests.
    let skipped: [String]
    /// The modules each page preloads (`AssetFingerprints.modulePreloads`), by page file name.
    let modulePreloads: [String: [String]]
    /// Fingerprinted URL path by plain URL path, for every file under `/static/`.
    let fingerprintedPaths: [String: String]

    /// A file larger than this is not a page asset; skipping it keeps memory bounded.
    static let maximumFileBytes = 4 * 1024 * 1024
    /// The whole snapshot's cap, for a web root pointed at a big folder by mistake.
    static let maximumTotalBytes = 32 * 1024 * 1024
    /// Longer request paths are refused before any work: no page asset has such a name.
    static let maximumPathBytes = 1024

    /// Pages: revalidated on every view (one round trip, a 304 when unchanged), so a new
    /// version of the shop is seen at once.
    static let cacheControl = "no-cache"
    /// Files under their fingerprinted names: the name changes with the content.
    static let immutableCacheControl = "public, max-age=31536000, immutable"
    /// Files under their plain names (a bookmarked or hand-written URL): a minute, so an
    /// upgrade shows within one.
    static let shortCacheControl = "public, max-age=60"
    /// The 404 page: a product that is missing now may be added by the next index.
    static let notFoundCacheControl = "no-store"

    init(webRoot: String, log: @Sendable (String) -> Void = { _ in }) {
        var raw: [String: (bytes: [UInt8], contentType: String)] = [:]
        var skipped: [String] = []
        let rootURL = URL(fileURLWithPath: webRoot)
        guard let root = Self.realPath(rootURL.path) else {
            log("web root \(webRoot) does not exist: the shop page will answer 404")
            self.files = [:]
            self.skipped = ["\(webRoot): web root missing"]
            self.modulePreloads = [:]
            self.fingerprintedPaths = [:]
            return
        }
        var totalBytes = 0
        // Sorted so that which files fit under the total cap does not depend on directory order.
        for relative in Self.regularFiles(under: root).sorted() {
            let absolute = root + "/" + relative
            guard let contentType = Self.contentType(forPath: relative) else {
                skipped.append("\(relative): unknown file type")
                continue
            }
            let isPage = !relative.contains("/") && relative.hasSuffix(".html")
            guard isPage || relative.hasPrefix("static/") else {
                skipped.append("\(relative): outside static/")
                continue
            }
            guard let data = FileManager.default.contents(atPath: absolute) else {
                skipped.append("\(relative): unreadable")
                continue
            }
            guard data.count <= Self.maximumFileBytes, totalBytes + data.count <= Self.maximumTotalBytes else {
                skipped.append("\(relative): too large")
                continue
            }
            totalBytes += data.count
            raw["/" + relative] = ([UInt8](data), contentType)
        }
        let fingerprints = AssetFingerprints(files: raw.mapValues(\.bytes))
        // Style sheets by the names pages now use for them, for inlining.
        var sheets: [String: [UInt8]] = [:]
        for (path, name) in fingerprints.fingerprintedPaths where path.hasSuffix(".css") { sheets[name] = fingerprints.bodies[path] }
        var loaded: [String: Entry] = [:]
        for (path, source) in raw {
            var body = fingerprints.bodies[path] ?? source.bytes
            var policy: String?
            if !path.hasPrefix(Self.staticPrefix) {
                let inlined = StyleInlining.inline(page: body, sheets: sheets)
                body = inlined.page
                if !inlined.hashSources.isEmpty {
                    policy = StyleInlining.policy(SecurityHeadersMiddleware.contentSecurityPolicy, adding: inlined.hashSources)
                }
            }
            let file = Self.file(body: body, contentType: source.contentType)
            if path.hasPrefix(Self.staticPrefix) {
                loaded[path] = Entry(file: file, cacheControl: Self.shortCacheControl)
                // A real file of that name wins over a fingerprinted alias.
                if let fingerprinted = fingerprints.fingerprintedPaths[path], raw[fingerprinted] == nil {
                    loaded[fingerprinted] = Entry(file: file, cacheControl: Self.immutableCacheControl)
                }
            } else {
                loaded[String(path.dropFirst())] = Entry(file: file, cacheControl: Self.cacheControl, contentSecurityPolicy: policy)
            }
        }
        if loaded[Self.indexPageKey] == nil { log("web root \(webRoot) has no index.html: the shop page will answer 404") }
        for reason in skipped { log("web root: skipped \(reason)") }
        self.files = loaded
        self.skipped = skipped
        self.modulePreloads = Dictionary(uniqueKeysWithValues: fingerprints.modulePreloads.map { (String($0.key.dropFirst()), $0.value) })
        self.fingerprintedPaths = fingerprints.fingerprintedPaths
    }

    /// A file with its tag and, for text worth it, its gzip form.
    static func file(body: [UInt8], contentType: String) -> File {
        var gzipBody: [UInt8]?
        if ContentEncoding.isCompressible(contentType: contentType), body.count >= ContentEncoding.minimumBytes {
            do {
                let compressed = try Gzip.compress(body, level: 9, maximumInputBytes: maximumFileBytes)
                if compressed.count < body.count { gzipBody = compressed }
            } catch {
                // Only zlib running out of memory gets here: the file is served uncompressed.
                gzipBody = nil
            }
        }
        return File(body: body, contentType: contentType, entityTag: entityTag(of: body), gzipBody: gzipBody)
    }

    /// Number of files held, pages and fingerprinted names included.
    var count: Int { files.count }

    /// The answer for a page path (`/`, `/products/...`, `/<page>`, `/static/...`), or nil for
    /// any other path so that the API router can answer it. `productExists` says whether the
    /// index holds a product id (the product page of an unknown one is a 404, not a page that
    /// says so under 200).
    func respond(to request: HTTPRequest, productExists: (String) throws(APIError) -> Bool) throws(APIError) -> HTTPResponse? {
        let path = request.path
        let key: String
        if path == "/" {
            key = Self.indexPageKey
        } else if path.hasPrefix("/products/") {
            // One segment: `/products/{id}`. It must be a plain segment, which also rules
            // out traversal through it.
            let id = path.dropFirst("/products/".count)
            guard Self.isSafe(segment: id) else { return notFoundPage(request) }
            guard request.method == "GET" || request.method == "HEAD" else { return Self.methodNotAllowed(request) }
            guard try productExists(String(id)) else { return notFoundPage(request) }
            key = Self.productPageKey
        } else if path.hasPrefix(Self.staticPrefix) {
            guard Self.isSafe(path: path) else { return notFoundPage(request) }
            key = path
        } else if let page = pageKey(forPath: path) {
            key = page
        } else {
            return nil
        }
        guard request.method == "GET" || request.method == "HEAD" else { return Self.methodNotAllowed(request) }
        guard let entry = files[key] else { return notFoundPage(request) }
        var response = Self.response(for: entry.file, request: request, cacheControl: entry.cacheControl)
        if let policy = entry.contentSecurityPolicy { response.headers.append(("Content-Security-Policy", policy)) }
        return response
    }

    /// `/<name>` for a top-level `<name>.html` other than the index, product and 404 pages.
    private func pageKey(forPath path: String) -> String? {
        let name = path.dropFirst()
        guard path.hasPrefix("/"), !name.contains("."), Self.isSafe(segment: name) else { return nil }
        let key = String(name) + ".html"
        guard key != Self.indexPageKey, key != Self.productPageKey, key != Self.notFoundPageKey, files[key] != nil else { return nil }
        return key
    }

    /// The 404 page (`404.html`, else a line of plain HTML) for a path outside the API.
    func notFoundPage(_ request: HTTPRequest) -> HTTPResponse {
        let headers = [("Cache-Control", Self.notFoundCacheControl)]
        guard let entry = files[Self.notFoundPageKey] else {
            return HTTPResponse(status: 404, html: "<!doctype html><title>Page not found</title><p>There is no page here. "
                + "<a href=\"/\">Go to the shop</a>.</p>\n", headers: headers)
        }
        var response = Self.response(for: entry.file, request: request, cacheControl: Self.notFoundCacheControl, conditional: false)
        response.status = 404
        response.headers.removeAll { $0.name == "ETag" }
        if let policy = entry.contentSecurityPolicy { response.headers.append(("Content-Security-Policy", policy)) }
        return response
    }

    /// A 200 with the body (gzipped when the client takes gzip and a gzip form exists), or a
    /// 304 when the client's `If-None-Match` holds the tag of the representation it would get.
    static func response(for file: File, request: HTTPRequest, cacheControl: String, conditional: Bool = true) -> HTTPResponse {
        let gzipped = file.gzipBody.flatMap { ContentEncoding.acceptsGzip(request.header("Accept-Encoding")) ? $0 : nil }
        let tag = gzipped == nil ? file.entityTag : ContentEncoding.gzipTag(file.entityTag)
        var headers = [("Content-Type", file.contentType), ("ETag", tag), ("Cache-Control", cacheControl)]
        if ContentEncoding.isCompressible(contentType: file.contentType) { headers.append(("Vary", "Accept-Encoding")) }
        if conditional, let tags = request.header("If-None-Match"), matches(tags, tag) {
            return HTTPResponse(status: 304, headers: headers)
        }
        if let gzipped {
            headers.append(("Content-Encoding", "gzip"))
            return HTTPResponse(status: 200, headers: headers, body: gzipped)
        }
        return HTTPResponse(status: 200, headers: headers, body: file.body)
    }

    /// RFC 9110 section 13.1.2: a comma-separated list of tags, weak comparison, or `*`.
    static func matches(_ ifNoneMatch: String, _ entityTag: String) -> Bool {
        ifNoneMatch.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingSpaces()
            return tag == "*" || tag == entityTag || tag == "W/" + entityTag
        }
    }

    /// A plain-text 404 for callers without the page (`ProductImages`); `PageFilesMiddleware`
    /// answers every 404 outside the API with `notFoundPage` in the end.
    static func notFound(_ request: HTTPRequest) -> HTTPResponse {
        HTTPResponse(status: 404, text: "Not found.\n", headers: [("Cache-Control", "no-store")])
    }

    static func methodNotAllowed(_ request: HTTPRequest) -> HTTPResponse {
        HTTPResponse(status: 405, text: "\(request.method) is not allowed here.\n", headers: [("Allow", "GET, HEAD")])
    }

    /// A path made only of plain segments: no `.` or `..`, no empty segment (`//`), no NUL,
    /// backslash or control character. The decoded path is checked, so `%2e%2e` is `..` here.
    static func isSafe(path: String) -> Bool {
        guard path.utf8.count <= maximumPathBytes, path.hasPrefix("/") else { return false }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).allSatisfy(isSafe(segment:))
    }

    static func isSafe(segment: Substring) -> Bool {
        guard !segment.isEmpty, segment != ".", segment != "..", segment.utf8.count <= 255 else { return false }
        return segment.unicodeScalars.allSatisfy { scalar in
            scalar.value >= 0x20 && scalar.value != 0x7F && scalar != "\\" && scalar != "/"
        }
    }

    /// MIME types of the files a page needs; anything else in the web root is not served.
    static func contentType(forPath path: String) -> String? {
        guard let dot = path.lastIndex(of: "."), !path[path.index(after: dot)...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "webmanifest": return "application/manifest+json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "txt": return "text/plain; charset=utf-8"
        default: return nil
        }
    }

    /// A strong tag from a 64-bit FNV-1a hash and the length: it only has to change when the
    /// bytes do (a cache key, not a security check).
    static func entityTag(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return "\"" + String(hash, radix: 16) + "-" + String(bytes.count, radix: 16) + "\""
    }

    /// Paths relative to `root` of the regular files beneath it, hidden names skipped, and
    /// symlinks kept only when what they point at is inside the root.
    private static func regularFiles(under root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let absolute = root + "/" + relative
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                continue
            }
            guard let resolved = realPath(absolute), resolved.hasPrefix(root + "/") else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            result.append(relative)
        }
        return result
    }

    /// The canonical absolute path with every symlink resolved, or nil when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
