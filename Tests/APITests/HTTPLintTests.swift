import Foundation
import HTTPCore
import Testing
@testable import API

/// An HTTP linter of our own, in the spirit of REDbot and HTTPolice, run over the real web
/// root (whatever pages and modules it holds today) and the API: it crawls every page, module,
/// style sheet and icon the pages reference, asks each with and without gzip, HEAD and
/// revalidation, and checks each answer against rules of RFC 9110, 9111 and 6750.
@Suite struct HTTPLintTests {
    static let webRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("web").path

    struct Finding: CustomStringConvertible {
        let target: String
        let rule: String
        var description: String { "\(target): \(rule)" }
    }

    /// `"opaque"` or `W/"opaque"`, the opaque part printable ASCII without `"` (RFC 9110 8.8.3).
    static func isValidEntityTag(_ tag: String) -> Bool {
        let opaque = tag.hasPrefix("W/") ? tag.dropFirst(2) : Substring(tag)
        guard opaque.count >= 2, opaque.first == "\"", opaque.last == "\"" else { return false }
        return opaque.dropFirst().dropLast().unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7E && $0 != "\"" }
    }

    static func directives(_ response: HTTPResponse) -> [String] {
        (response.header("Cache-Control") ?? "").split(separator: ",").map { $0.trimmingSpaces().lowercased() }
    }

    static func varies(_ response: HTTPResponse, on name: String) -> Bool {
        response.headers.filter { $0.name.lowercased() == "vary" }.flatMap { $0.value.split(separator: ",") }
            .contains { $0.trimmingSpaces().lowercased() == name.lowercased() }
    }

    /// The rules one answer breaks.
    static func lint(_ target: String, _ request: HTTPRequest, _ response: HTTPResponse) -> [Finding] {
        var findings: [String] = []
        let cacheControl = directives(response)
        let compressible = ContentEncoding.isCompressible(contentType: response.header("Content-Type"))
        if !response.body.isEmpty && response.header("Content-Type") == nil { findings.append("a body without Content-Type") }
        if response.header("Content-Encoding") != nil && !varies(response, on: "Accept-Encoding") {
            findings.append("Content-Encoding without Vary: Accept-Encoding")
        }
        if response.status == 200 && compressible && !varies(response, on: "Accept-Encoding") {
            findings.append("compressible 200 without Vary: Accept-Encoding")
        }
        if response.status == 200 && compressible && response.body.count >= ContentEncoding.minimumBytes
            && ContentEncoding.acceptsGzip(request.header("Accept-Encoding")) && response.header("Content-Encoding") == nil
            && !(request.path.hasPrefix("/api/") && (request.header("Cookie") != nil || response.header("Set-Cookie") != nil)) {
            findings.append("\(response.body.count) bytes of text sent uncompressed to a gzip client")
        }
        if let tag = response.header("ETag"), !isValidEntityTag(tag) { findings.append("malformed ETag \(tag)") }
        if cacheControl.contains("immutable") {
            let maxAge = cacheControl.first { $0.hasPrefix("max-age=") }.flatMap { Int($0.dropFirst(8)) } ?? 0
            if maxAge < 86_400 { findings.append("immutable with a max-age under a day") }
            if !(request.path.range(of: #"\.[0-9a-f]{8}\.[a-z0-9]+$"#, options: .regularExpression) != nil) {
                findings.append("immutable under a name that does not change with the content")
            }
        }
        if cacheControl.contains("public") && response.header("Set-Cookie") != nil { findings.append("public and Set-Cookie") }
        if cacheControl.contains("public") && request.header("Authorization") != nil && request.path.hasPrefix("/api/")
            && response.status != 304 && !cacheControl.contains("max-age=60") {
            findings.append("a credentialed API answer made public")
        }
        if cacheControl.contains("no-store") && cacheControl.contains(where: { $0.hasPrefix("max-age") }) {
            findings.append("no-store and max-age together")
        }
        if response.status == 200 && response.header("ETag") == nil && !cacheControl.contains("no-store") {
            findings.append("cacheable 200 without a validator")
        }
        if response.status == 304 {
            if !response.body.isEmpty { findings.append("304 with a body") }
            if response.header("ETag") == nil { findings.append("304 without the ETag") }
        }
        if response.status == 401 {
            let challenge = response.header("WWW-Authenticate") ?? ""
            if !challenge.hasPrefix("Bearer realm=\"") { findings.append("401 without a Bearer challenge with a realm: \(challenge)") }
        }
        if response.status == 405 && response.header("Allow") == nil { findings.append("405 without Allow") }
        if response.status == 404 && !request.path.hasPrefix("/api/") && response.header("Content-Type") != "text/html; charset=utf-8" {
            findings.append("a 404 outside the API that is not an HTML page")
        }
        if request.path.hasPrefix("/api/") && response.status >= 400 && response.header("Content-Type") != "application/json" {
            findings.append("an API error that is not JSON")
        }
        return findings.map { Finding(target: target, rule: $0) }
    }

    @Test func theRealWebRootAndTheAPIPassTheLint() throws {
        let shop = try ShopServerFixture { $0.webRoot = Self.webRoot }
        let product = ShopServerFixture.products[0].id
        var queue = ["/", "/products/\(product)"]
        var seen = Set(queue)
        var findings: [Finding] = []
        var crawled = 0
        while let target = queue.popLast() {
            crawled += 1
            let plain = shop.application.handle(try HTTPRequest(method: "GET", target: target))
            #expect(plain.status == 200, "\(target) is referenced but answers \(plain.status)")
            // Follow what the page would fetch: references in HTML, CSS and JavaScript.
            if let language = AssetLanguage(path: target == "/" || target.hasPrefix("/products/") ? "page.html" : target) {
                for reference in AssetReferenceScanner.references(in: plain.body, language: language) {
                    let base = language == .html ? "/" : target
                    guard let path = AssetReferenceScanner.resolve(reference.specifier, from: base, language: language),
                          path.hasPrefix("/static/") else { continue }
                    if path.range(of: #"\.[0-9a-f]{8}\.[a-z0-9]+$"#, options: .regularExpression) == nil {
                        findings.append(Finding(target: target, rule: "references \(path) by a name that does not change with it"))
                    }
                    if seen.insert(path).inserted { queue.append(path) }
                }
            }
            findings += try exercise(shop, target)
        }
        #expect(crawled >= 4, "the pages reference their style sheet and modules")
        let login = try shop.signUpAndLogIn("linted")
        for target in ["/api/search/?q=headphones", "/api/search/?q=zzzzqqq", "/api/search/?page=0", "/api/products/\(product)/",
                       "/api/products/none/", "/api/me/", "/api/nothing/", "/api/health/", "/api/openapi.json",
                       "/products/none", "/nothing/at/all", "/static/missing.js"] {
            findings += try exercise(shop, target)
            findings += try exercise(shop, target, extra: [("Authorization", "Bearer \(login.access)")])
        }
        findings += try exercise(shop, "/api/me/", extra: [("Authorization", "Bearer forged")])
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }

    /// GET with and without gzip, HEAD, and GET again with the tag it got.
    private func exercise(_ shop: ShopServerFixture, _ target: String, extra: [(name: String, value: String)] = []) throws -> [Finding] {
        var findings: [Finding] = []
        for accept in ["gzip, deflate, br", "identity"] {
            let headers = extra + [("Accept-Encoding", accept)]
            let get = try HTTPRequest(method: "GET", target: target, headers: headers)
            let response = shop.application.handle(get)
            findings += Self.lint(target, get, response)
            let head = try HTTPRequest(method: "HEAD", target: target, headers: headers)
            let headResponse = shop.application.handle(head)
            findings += Self.lint(target, head, headResponse)
            for name in ["Content-Type", "Content-Encoding", "ETag", "Cache-Control", "Vary"]
            where headResponse.header(name) != response.header(name) && !target.hasPrefix("/api/me/") {
                findings.append(Finding(target: target, rule: "HEAD and GET disagree on \(name)"))
            }
            if let tag = response.header("ETag"), response.status == 200 {
                let again = try HTTPRequest(method: "GET", target: target, headers: headers + [("If-None-Match", tag)])
                let revalidated = shop.application.handle(again)
                if revalidated.status != 304 { findings.append(Finding(target: target, rule: "its own ETag does not give 304")) }
                findings += Self.lint(target, again, revalidated)
            }
        }
        return findings
    }
}
