import Catalog
import Crypto
import Foundation
import HTTPCore
import Indexer
import Testing
@testable import API

/// Issue 15, "Speed, weight and HTTP caching": static files under fingerprinted names that
/// stay a year, pages that preload their whole module graph, gzip with `Vary`, public catalog
/// answers that caches may keep a minute and revalidate, per-user answers that stay
/// `no-store`, HTML 404s outside the API, and RFC 6750 challenges. Through
/// `ShopApplication.handle`, over a small web root with a module graph that has a cycle.
@Suite struct HTTPCachingTests {
    /// A web root like the shop's: an index page whose module imports two levels deep (with a
    /// cycle a -> b -> a), a dynamic import that must not be preloaded, CSS with `url()`.
    static func writeWebRoot(_ webRoot: String, bVersion: String = "2") throws {
        let files: [String: String] = [
            "index.html": """
                <!doctype html>
                <html lang="en">
                <head>
                  <title>shop</title>
                  <link rel="stylesheet" href="/static/css/shop.css">
                  <script type="module" src="/static/js/main.js"></script>
                </head>
                <body><main>Loading</main></body>
                </html>
                """,
            "product.html": "<!doctype html><title>product</title><link rel=\"stylesheet\" href=\"/static/css/shop.css\">",
            "404.html": "<!doctype html><title>Page not found</title><link rel=\"stylesheet\" href=\"/static/css/shop.css\">"
                + "<h1>Page not found</h1><a href=\"/\">Go to the shop</a>",
            "static/css/shop.css": ".brand { background: url(\"/static/icon.svg\") center; }\n",
            "static/icon.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "static/js/main.js": "import { a } from './a.js';\nimport './side.js';\nexport const later = () => import('./lazy.js');\n"
                + "// " + String(repeating: "the main module of the page, long enough to be worth compressing. ", count: 40) + "\n",
            "static/js/a.js": "import { b } from './b.js';\nexport const a = () => b;\n",
            "static/js/b.js": "import { a } from \"./a.js\";\nexport const b = \(bVersion);\n",
            "static/js/side.js": "export const side = 1;\n",
            "static/js/lazy.js": "import { b } from './b.js';\nexport default b;\n",
        ]
        for (path, text) in files {
            let url = URL(fileURLWithPath: webRoot + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    static func shop() throws -> ShopServerFixture {
        try ShopServerFixture { configuration in
            let webRoot = (configuration.dataDirectory as NSString).deletingLastPathComponent + "/web"
            try? writeWebRoot(webRoot)
            configuration.webRoot = webRoot
        }
    }

    static func get(_ shop: ShopServerFixture, _ target: String, method: String = "GET",
                    _ headers: [(name: String, value: String)] = [], body: String = "") throws -> HTTPResponse {
        shop.application.handle(try HTTPRequest(method: method, target: target, headers: headers, body: Array(body.utf8)))
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    /// The URL paths of `<link rel="modulepreload">` in a page, in order.
    static func preloads(in page: String) -> [String] {
        page.components(separatedBy: "<link rel=\"modulepreload\" href=\"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
    }

    /// `/static/js/<name>.<8 hex digits>.js`.
    static func isFingerprintedModule(_ url: String) -> Bool {
        url.wholeMatch(of: #/\/static\/js\/[a-z]+\.[0-9a-f]{8}\.js/#) != nil
    }

    // MARK: - Fingerprints and preloads

    @Test func thePagePreloadsEveryModuleItsEntryImportsAndNamesThemByContent() throws {
        let shop = try Self.shop()
        let page = try Self.get(shop, "/")
        let html = Self.text(page)
        let names = shop.application.staticFiles.fingerprintedPaths
        let preloaded = Self.preloads(in: html)
        #expect(Set(preloaded) == Set(["a", "b", "side"].compactMap { names["/static/js/\($0).js"] }))
        #expect(preloaded.count == 3, "each module once")
        #expect(!html.contains("lazy"), "a dynamic import is fetched when it runs, not before")
        for url in preloaded { #expect(Self.isFingerprintedModule(url), "\(url)") }
        let main = try #require(names["/static/js/main.js"])
        #expect(html.contains("<script type=\"module\" src=\"\(main)\"></script>"))
        // The small style sheet travels inside the page, allowed by its hash.
        #expect(!html.contains("rel=\"stylesheet\""))
        let style = try #require(html.components(separatedBy: "<style>").dropFirst().first?.components(separatedBy: "</style>").first)
        #expect(style.contains("url(\"\(try #require(names["/static/icon.svg"]))\")"))
        let hash = Data(Crypto.sha256(Array(style.utf8))).base64EncodedString()
        #expect(page.header("Content-Security-Policy")?.contains("style-src 'self' 'sha256-\(hash)'") == true)
        // In the head, so the fetches start before the body is read.
        let headEnd = try #require(html.range(of: "</head>"))
        for url in preloaded { #expect(try #require(html.range(of: url)).lowerBound < headEnd.lowerBound) }
    }

    /// No request waterfall: walking the static imports from the entry module, every module
    /// reached is already listed in the page, so none waits for another to arrive first.
    @Test func everyModuleOnTheStaticImportGraphIsPreloaded() throws {
        let shop = try Self.shop()
        let html = Self.text(try Self.get(shop, "/"))
        let listed = Set(Self.preloads(in: html))
        let entry = try #require(shop.application.staticFiles.fingerprintedPaths["/static/js/main.js"])
        var queue = [entry]
        var seen: Set<String> = [entry]
        while let url = queue.popLast() {
            let response = try Self.get(shop, url)
            #expect(response.status == 200, "\(url)")
            for reference in AssetReferenceScanner.references(in: response.body, language: .javaScript) where reference.kind == .staticImport {
                let target = try #require(AssetReferenceScanner.resolve(reference.specifier, from: url, language: .javaScript))
                #expect(Self.isFingerprintedModule(target), "\(url) imports \(reference.specifier) by its plain name")
                #expect(listed.contains(target), "\(target), imported by \(url), is not preloaded")
                if seen.insert(target).inserted { queue.append(target) }
            }
        }
        #expect(seen.count == 4, "main, a, b, side")
    }

    @Test func fingerprintedFilesAreImmutableAndPlainNamesAreKeptAMinute() throws {
        let shop = try Self.shop()
        for (plain, fingerprinted) in shop.application.staticFiles.fingerprintedPaths {
            let long = try Self.get(shop, fingerprinted)
            let short = try Self.get(shop, plain)
            #expect(long.status == 200 && short.status == 200, "\(plain)")
            #expect(long.header("Cache-Control") == "public, max-age=31536000, immutable", "\(fingerprinted)")
            #expect(short.header("Cache-Control") == "public, max-age=60", "\(plain)")
            #expect(long.body == short.body, "\(plain): one content under both names")
        }
        #expect(shop.application.staticFiles.fingerprintedPaths.count == 7)
        #expect(try Self.get(shop, "/static/js/main.00000000.js").status == 404)
    }

    /// The name of a module covers what it imports, transitively: a change to b renames b and
    /// every module that reaches it (a, main and lazy), and nothing else.
    @Test func aChangeDeepInTheGraphRenamesEveryModuleThatReachesIt() throws {
        let directory = NSTemporaryDirectory() + "uplyft-fingerprints-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.writeWebRoot(directory + "/one", bVersion: "2")
        try Self.writeWebRoot(directory + "/two", bVersion: "3")
        let one = StaticFiles(webRoot: directory + "/one").fingerprintedPaths
        let two = StaticFiles(webRoot: directory + "/two").fingerprintedPaths
        for name in ["b", "a", "main", "lazy"] {
            #expect(one["/static/js/\(name).js"] != two["/static/js/\(name).js"], "\(name)")
        }
        for path in ["/static/js/side.js", "/static/css/shop.css", "/static/icon.svg"] { #expect(one[path] == two[path], "\(path)") }
        #expect(StaticFiles(webRoot: directory + "/one").fingerprintedPaths == one, "the names are a function of the content")
    }

    /// A sheet too big to inline, or with a media condition, stays a link (fingerprinted);
    /// a relative `url()` in an inlined sheet is made absolute, since the page is elsewhere.
    @Test func onlySmallUnconditionalSheetsAreInlined() throws {
        let directory = NSTemporaryDirectory() + "uplyft-inline-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = [
            "index.html": "<head><link rel=\"stylesheet\" href=\"/static/css/small.css\"><link rel=\"stylesheet\" "
                + "href=\"/static/css/big.css\"><link rel=\"stylesheet\" media=\"print\" href=\"/static/css/print.css\"></head>",
            "static/css/small.css": ".a { background: url(../img/dot.svg) }",
            "static/css/big.css": String(repeating: ".b { color: red }\n", count: StyleInlining.maximumInlineBytes / 10),
            "static/css/print.css": ".c { color: black }",
            "static/img/dot.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ]
        for (path, text) in files {
            let url = URL(fileURLWithPath: directory + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let staticFiles = StaticFiles(webRoot: directory)
        let names = staticFiles.fingerprintedPaths
        let page = try #require(try staticFiles.respond(to: try HTTPRequest(method: "GET", target: "/"), productExists: { _ in false }))
        let html = Self.text(page)
        #expect(html.contains("<style>.a { background: url(\(try #require(names["/static/img/dot.svg"]))) }</style>"))
        #expect(html.contains("href=\"\(try #require(names["/static/css/big.css"]))\""))
        #expect(html.contains("href=\"\(try #require(names["/static/css/print.css"]))\""))
        #expect(page.header("Content-Security-Policy")?.components(separatedBy: "'sha256-").count == 2, "one hash, for one sheet")
    }

    @Test func pagesAreRevalidatedWithTheirTag() throws {
        let shop = try Self.shop()
        for accept in ["identity", "gzip"] {
            let page = try Self.get(shop, "/", [("Accept-Encoding", accept)])
            #expect(page.header("Cache-Control") == "no-cache")
            let tag = try #require(page.header("ETag"))
            let again = try Self.get(shop, "/", [("Accept-Encoding", accept), ("If-None-Match", tag)])
            #expect(again.status == 304 && again.body.isEmpty)
            #expect(again.header("ETag") == tag)
            #expect(again.header("Vary") == "Accept-Encoding")
        }
    }

    // MARK: - Compression

    @Test func textFilesAreGzippedForClientsThatTakeIt() throws {
        let shop = try Self.shop()
        let main = try #require(shop.application.staticFiles.fingerprintedPaths["/static/js/main.js"])
        let plain = try Self.get(shop, main)
        let gzipped = try Self.get(shop, main, [("Accept-Encoding", "gzip, deflate, br")])
        #expect(gzipped.header("Content-Encoding") == "gzip")
        #expect(gzipped.header("Vary") == "Accept-Encoding")
        #expect(gzipped.body.count < plain.body.count / 3)
        #expect(try Gzip.decompress(gzipped.body, maximumOutputBytes: plain.body.count) == plain.body)
        #expect(gzipped.header("ETag") != plain.header("ETag"), "each representation has its own strong tag")
        let refused = try Self.get(shop, main, [("Accept-Encoding", "gzip;q=0, identity")])
        #expect(refused.header("Content-Encoding") == nil && refused.body == plain.body)
        #expect(refused.header("Vary") == "Accept-Encoding")
    }

    /// Over the wire: HEAD gives GET's length and no body; 304 has no body.
    @Test func headAndNotModifiedCarryNoBody() throws {
        let shop = try Self.shop()
        let main = try #require(shop.application.staticFiles.fingerprintedPaths["/static/js/main.js"])
        let get = try shop.request("GET", main, headers: [("Accept-Encoding", "gzip")])
        let head = try shop.request("HEAD", main, headers: [("Accept-Encoding", "gzip")])
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.header("Content-Length") == String(get.body.count))
        #expect(head.header("Content-Encoding") == "gzip")
        let revalidated = try shop.request("GET", main, headers: [("Accept-Encoding", "gzip"), ("If-None-Match", get.header("ETag") ?? "")])
        #expect(revalidated.status == 304 && revalidated.body.isEmpty && revalidated.header("Content-Length") == nil)
    }

    @Test func catalogAnswersAreCompressedButNotAnswersThatSetCookies() throws {
        let shop = try Self.shop()
        let search = try Self.get(shop, "/api/search/?q=headphones", [("Accept-Encoding", "gzip")])
        #expect(search.header("Content-Encoding") == "gzip")
        let plain = try Self.get(shop, "/api/search/?q=headphones")
        #expect(try Gzip.decompress(search.body, maximumOutputBytes: 1 << 20) == plain.body)
        _ = try shop.register("gzipper", password: "correct horse battery")
        let login = try Self.get(shop, "/api/login/", method: "POST", [("Accept-Encoding", "gzip"), ("Content-Type", "application/json")],
                                 body: ShopServerFixture.jsonBody(["username": "gzipper", "password": "correct horse battery"]))
        #expect(login.status == 200 && login.header("Set-Cookie") != nil)
        #expect(login.header("Content-Encoding") == nil, "tokens are never compressed (BREACH)")
        let refresh = try Self.get(shop, "/api/token/refresh/", method: "POST", [
            ("Accept-Encoding", "gzip"), ("Content-Type", "application/json"), ("Cookie", "uplyft_refresh=whatever"),
        ], body: "{}")
        #expect(refresh.header("Content-Encoding") == nil)
    }

    // MARK: - The public catalog and per-user answers

    @Test(arguments: ["/api/search/?q=headphones", "/api/search/?q=boots&sort=price_asc", "/api/products/sony-wh1000xm5/"])
    func publicCatalogAnswersAreCacheableAMinuteWithAStrongTag(target: String) throws {
        let shop = try Self.shop()
        for accept in ["identity", "gzip"] {
            let first = try Self.get(shop, target, [("Accept-Encoding", accept)])
            #expect(first.status == 200)
            #expect(first.header("Cache-Control") == "public, max-age=60")
            let tag = try #require(first.header("ETag"))
            #expect(tag.hasPrefix("\"") && tag.hasSuffix("\""), "strong: \(tag)")
            let again = try Self.get(shop, target, [("Accept-Encoding", accept), ("If-None-Match", "\"stale\", \(tag)")])
            #expect(again.status == 304 && again.body.isEmpty)
            #expect(again.header("ETag") == tag && again.header("Cache-Control") == "public, max-age=60")
            #expect(try Self.get(shop, target, [("If-None-Match", "\"stale\"")]).status == 200)
        }
        #expect(try Self.get(shop, "/api/search/?q=mug").header("ETag") != Self.get(shop, "/api/search/?q=boots").header("ETag"))
    }

    @Test func errorsAndPerUserAnswersStayNoStore() throws {
        let shop = try Self.shop()
        let login = try shop.signUpAndLogIn("cacheless")
        let bearer = [("Authorization", "Bearer \(login.access)")]
        for (target, status, headers) in [("/api/search/?page=0", 400, []), ("/api/products/no-such-id/", 404, []),
                                          ("/api/me/", 200, bearer), ("/api/me/", 401, []), ("/api/health/", 200, [])] {
            let response = try Self.get(shop, target, headers)
            #expect(response.status == status, "\(target)")
            #expect(response.header("Cache-Control") == "no-store", "\(target)")
            #expect(response.header("ETag") == nil, "\(target)")
        }
        for endpoint in shop.application.routeEndpoints where endpoint.caching == .publicCatalog {
            #expect(endpoint.method == "GET" && endpoint.security.isEmpty, "\(endpoint.path)")
            #expect(endpoint.responses[304] != nil, "\(endpoint.path): 304 documented")
        }
        let publicPaths = Set(shop.application.routeEndpoints.filter { $0.caching == .publicCatalog }.map(\.path))
        #expect(publicPaths.isSuperset(of: ["/api/search/", "/api/products/{id}/"]))
    }

    /// Rebuilds the shop's index file with one product more (an electric kettle) and swaps it in.
    static func rebuildIndexWithAKettle(_ shop: ShopServerFixture) throws {
        var builder = IndexBuilder()
        for product in ShopServerFixture.products { builder.add(product) }
        builder.add(Product(id: "extra-kettle", name: "Electric Kettle", brand: "Home Basics", category: "Home & Kitchen",
                            description: "Boils water.", price: 25, rating: 4, stock: 3))
        _ = try builder.write(to: shop.application.configuration.indexPath)
        #expect(shop.application.indexes.reloadIfChanged() != nil)
    }

    /// The same search gets a new tag from a rebuilt index, even when its answer reads alike.
    @Test func anIndexSwapChangesTheTags() throws {
        let shop = try Self.shop()
        let before = try Self.get(shop, "/api/search/?q=headphones")
        let tag = try #require(before.header("ETag"))
        try Self.rebuildIndexWithAKettle(shop)
        let after = try Self.get(shop, "/api/search/?q=headphones", [("If-None-Match", tag)])
        #expect(after.status == 200)
        #expect(after.header("ETag") != tag)
        #expect(Self.text(after) == Self.text(before), "the answer itself did not change")
    }

    // MARK: - 404 and 401

    @Test func unknownPagesAreHTML404sAndUnknownAPIPathsStayJSON() throws {
        let shop = try Self.shop()
        #expect(try Self.get(shop, "/products/sony-wh1000xm5").status == 200)
        for target in ["/products/no-such-product", "/nothing/here", "/static/js/missing.js", "/images/products/BAD.svg",
                       "/products/..", "/index.html"] {
            let response = try Self.get(shop, target)
            #expect(response.status == 404, "\(target)")
            #expect(response.header("Content-Type") == "text/html; charset=utf-8", "\(target)")
            #expect(Self.text(response).contains("<a href=\"/\">Go to the shop</a>"), "\(target)")
            #expect(Self.text(response).contains("<style>.brand"), "\(target): styled like the shop")
        }
        let api = try Self.get(shop, "/api/nothing/")
        #expect(api.status == 404 && api.header("Content-Type") == "application/json")
        #expect(try Self.get(shop, "/products/no-such-product", method: "HEAD").status == 404)
    }

    @Test func challengesNameTheRealmAndWhatWasWrongWithTheToken() throws {
        let shop = try Self.shop()
        let now = Int(Date().timeIntervalSince1970)
        let login = try shop.signUpAndLogIn("challenged")
        let expired = shop.signToken(subject: "1", type: .access, issuedAt: now - 7200, expiresAt: now - 3600)
        for authorization in [nil, "Basic dXNlcjpwYXNz", "Bearer", "Bearer "] {
            let response = try Self.get(shop, "/api/me/", authorization.map { [("Authorization", $0)] } ?? [])
            #expect(response.status == 401)
            #expect(response.header("WWW-Authenticate") == "Bearer realm=\"uplyft\"", "\(authorization ?? "none")")
        }
        for token in ["not-a-token", expired, login.access + "x"] {
            let response = try Self.get(shop, "/api/me/", [("Authorization", "Bearer \(token)")])
            #expect(response.status == 401)
            let challenge = try #require(response.header("WWW-Authenticate"))
            #expect(challenge.hasPrefix("Bearer realm=\"uplyft\", error=\"invalid_token\", error_description=\""), "\(challenge)")
            #expect(challenge.contains("invalid or expired"))
        }
        #expect(try Self.get(shop, "/api/me/", [("Authorization", "bearer \(login.access)")]).status == 200, "the scheme is case-insensitive")
        let wrongPassword = try Self.get(shop, "/api/login/", method: "POST", [("Content-Type", "application/json")],
                                         body: ShopServerFixture.jsonBody(["username": "challenged", "password": "wrong password"]))
        #expect(wrongPassword.status == 401 && wrongPassword.header("WWW-Authenticate") == "Bearer realm=\"uplyft\"")
    }
}
