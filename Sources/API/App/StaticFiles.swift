import Foundation
import HTTPCore

/// The shop's page: the HTML, CSS, JavaScript and icons under the web root, for GET and HEAD.
///
/// URL layout: `/` is `index.html` (sign-in and chat), `/products/{id}` is `product.html` (the
/// page reads the id from its own URL), and `/static/<path>` is `<webRoot>/static/<path>`.
///
/// The files are read once, when the application starts. The web root is a few dozen
/// kilobytes, so the snapshot costs nothing, and it makes path traversal impossible by
/// construction: a request path is only ever a key looked up in a dictionary, never a path
/// handed to `open(2)`, so `..`, symlinks swapped in later or odd encodings cannot reach a file
/// outside the root. Symlinks present at start are followed only when their target stays inside
/// the root. ETags are computed once too. The price is that edits to `web/` need a restart.
struct StaticFiles: Sendable {
    struct File: Sendable, Equatable {
        let body: [UInt8]
        let contentType: String
        let entityTag: String
    }

    /// Files by URL path (`/static/css/shop.css`), plus the two pages under their own keys.
    private let files: [String: File]
    static let indexPageKey = "index.html"
    static let productPageKey = "product.html"
    static let staticPrefix = "/static/"
    /// Why each file was skipped at load time, for the start-up log and tests.
    let skipped: [String]

    /// A file larger than this is not a page asset; skipping it keeps memory bounded.
    static let maximumFileBytes = 4 * 1024 * 1024
    /// The whole snapshot's cap, for a web root pointed at a big folder by mistake.
    static let maximumTotalBytes = 32 * 1024 * 1024
    /// Longer request paths are refused before any work: no page asset has such a name.
    static let maximumPathBytes = 1024

    /// Every asset is revalidated (a 304 costs one round trip) because file names carry no
    /// content hash: a longer lifetime could mix new HTML with old JavaScript after an upgrade.
    static let cacheControl = "no-cache"

    init(webRoot: String, log: @Sendable (String) -> Void = { _ in }) {
        var loaded: [String: File] = [:]
        var skipped: [String] = []
        let rootURL = URL(fileURLWithPath: webRoot)
        guard let root = Self.realPath(rootURL.path) else {
            log("web root \(webRoot) does not exist: the shop page will answer 404")
            self.files = [:]
            self.skipped = ["\(webRoot): web root missing"]
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
            guard let data = FileManager.default.contents(atPath: absolute) else {
                skipped.append("\(relative): unreadable")
                continue
            }
            guard data.count <= Self.maximumFileBytes, totalBytes + data.count <= Self.maximumTotalBytes else {
                skipped.append("\(relative): too large")
                continue
            }
            totalBytes += data.count
            let bytes = [UInt8](data)
            let file = File(body: bytes, contentType: contentType, entityTag: Self.entityTag(of: bytes))
            if relative == Self.indexPageKey || relative == Self.productPageKey {
                loaded[relative] = file
            } else if relative.hasPrefix("static/") {
                loaded["/" + relative] = file
            } else {
                skipped.append("\(relative): outside static/")
            }
        }
        if loaded[Self.indexPageKey] == nil { log("web root \(webRoot) has no index.html: the shop page will answer 404") }
        for reason in skipped { log("web root: skipped \(reason)") }
        self.files = loaded
        self.skipped = skipped
    }

    /// Number of files held, pages included.
    var count: Int { files.count }

    /// The answer for a page path (`/`, `/products/...`, `/static/...`), or nil for any other
    /// path so that the API router can answer it.
    func respond(to request: HTTPRequest) -> HTTPResponse? {
        let path = request.path
        let key: String
        if path == "/" {
            key = Self.indexPageKey
        } else if path.hasPrefix("/products/") {
            // One segment: `/products/{id}`. The id is the page's business (it asks the API),
            // but it must be a plain segment, which also rules out traversal through it.
            let id = path.dropFirst("/products/".count)
            guard Self.isSafe(segment: id) else { return Self.notFound(request) }
            key = Self.productPageKey
        } else if path.hasPrefix(Self.staticPrefix) {
            guard Self.isSafe(path: path) else { return Self.notFound(request) }
            key = path
        } else {
            return nil
        }
        guard request.method == "GET" || request.method == "HEAD" else { return Self.methodNotAllowed(request) }
        guard let file = files[key] else { return Self.notFound(request) }
        return Self.response(for: file, request: request, cacheControl: Self.cacheControl)
    }

    /// A 200 with the body, or a 304 when the client's `If-None-Match` holds the same tag.
    static func response(for file: File, request: HTTPRequest, cacheControl: String) -> HTTPResponse {
        let headers = [("Content-Type", file.contentType), ("ETag", file.entityTag), ("Cache-Control", cacheControl)]
        if let tags = request.header("If-None-Match"), matches(tags, file.entityTag) {
            return HTTPResponse(status: 304, headers: headers)
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
