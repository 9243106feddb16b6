@testable import API
import Foundation
#if canImport(FoundationXML)
import FoundationXML
import HTTPCore
#endif
import Testing

/// The page's files and the generated product pictures, against a small web root made per
/// test (with a secret file beside it that no request may reach).
@Suite final class StaticFilesTests {
    let directory: URL
    let webRoot: URL
    let files: StaticFiles

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("uplyft-web-\(UUID().uuidString)")
        webRoot = directory.appendingPathComponent("web")
        let manager = FileManager.default
        try manager.createDirectory(at: webRoot.appendingPathComponent("static/js"), withIntermediateDirectories: true)
        try manager.createDirectory(at: webRoot.appendingPathComponent("static/css"), withIntermediateDirectories: true)
        try Data("<!doctype html><title>shop</title>".utf8).write(to: webRoot.appendingPathComponent("index.html"))
        try Data("<!doctype html><title>product</title>".utf8).write(to: webRoot.appendingPathComponent("product.html"))
        try Data("export const answer = 42;".utf8).write(to: webRoot.appendingPathComponent("static/js/app.js"))
        try Data("body { margin: 0 }".utf8).write(to: webRoot.appendingPathComponent("static/css/app.css"))
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8).write(to: webRoot.appendingPathComponent("static/icon.svg"))
        try Data("not a page asset".utf8).write(to: webRoot.appendingPathComponent("static/notes.bak"))
        try Data("hidden".utf8).write(to: webRoot.appendingPathComponent("static/.env.js"))
        try Data("SECRET".utf8).write(to: directory.appendingPathComponent("secret.js"))
        // Symlinks: one escaping the root (must be dropped), one staying inside (kept).
        try manager.createSymbolicLink(atPath: webRoot.appendingPathComponent("static/escape.js").path,
                                       withDestinationPath: directory.appendingPathComponent("secret.js").path)
        try manager.createSymbolicLink(atPath: webRoot.appendingPathComponent("static/alias.js").path,
                                       withDestinationPath: webRoot.appendingPathComponent("static/js/app.js").path)
        files = StaticFiles(webRoot: webRoot.path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The product ids the page's index "holds" here.
    static let productIDs: Set<String> = ["p-123", "AB C", "x"]

    private func get(_ target: String, method: String = "GET", headers: [(name: String, value: String)] = []) throws -> HTTPResponse? {
        try files.respond(to: try HTTPRequest(method: method, target: target, headers: headers),
                          productExists: { Self.productIDs.contains($0) })
    }

    private func body(_ response: HTTPResponse?) -> String {
        String(decoding: response?.body ?? [], as: UTF8.self)
    }

    @Test func rootServesTheIndexPageAsHTML() throws {
        let response = try #require(try get("/"))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        #expect(body(response).contains("<title>shop</title>"))
        #expect(response.header("Cache-Control") == "no-cache")
        #expect(response.header("ETag")?.hasPrefix("\"") == true)
    }

    @Test func productPathsServeTheProductPage() throws {
        for target in ["/products/p-123", "/products/AB%20C", "/products/x?from=chat"] {
            let response = try #require(try get(target))
            #expect(response.status == 200, "\(target)")
            #expect(body(response).contains("<title>product</title>"), "\(target)")
        }
        for target in ["/products/", "/products/a/b", "/products/..", "/products/%2e%2e", "/products/p-999", "/products/p-1234"] {
            #expect(try get(target)?.status == 404, "\(target)")
        }
    }

    @Test(arguments: [
        ("/static/js/app.js", "text/javascript; charset=utf-8"),
        ("/static/css/app.css", "text/css; charset=utf-8"),
        ("/static/icon.svg", "image/svg+xml"),
    ])
    func staticFilesCarryTheirContentType(target: String, contentType: String) throws {
        let response = try #require(try get(target))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == contentType)
    }

    @Test(arguments: [
        "/static/../index.html",
        "/static/%2e%2e/index.html",
        "/static/%2E%2E/%2E%2E/secret.js",
        "/static/js/../../index.html",
        "/static/./js/app.js",
        "/static//js/app.js",
        "/static/js%2F..%2F..%2Findex.html",
        "/static/..%5c..%5csecret.js",
        "/static/js/app.js%00.css",
        "/static/escape.js",
        "/static/notes.bak",
        "/static/.env.js",
        "/static/js/missing.js",
        "/static/",
        "/static/js",
    ])
    func traversalAndUnknownFilesAreNotFound(target: String) throws {
        let response = try #require(try get(target))
        #expect(response.status == 404)
        #expect(!body(response).contains("SECRET"))
    }

    @Test func symlinkInsideTheRootIsServed() throws {
        #expect(try get("/static/alias.js")?.status == 200)
        #expect(files.skipped.contains { $0.hasPrefix("static/notes.bak") })
    }

    @Test func absoluteFormTargetsCannotReachOutside() throws {
        #expect(try get("http://example.com/static/../../secret.js")?.status == 404)
        #expect(try get("http://example.com//etc/passwd") == nil)
    }

    @Test func pathsOutsideThePageAreLeftToTheAPI() throws {
        #expect(try get("/api/health/") == nil)
        #expect(try get("/index.html") == nil)
        #expect(try get("/etc/passwd") == nil)
    }

    @Test func headAnswersLikeGetAndOtherMethodsAreRefused() throws {
        let head = try #require(try get("/static/js/app.js", method: "HEAD"))
        let getResponse = try #require(try get("/static/js/app.js"))
        #expect(head.status == 200)
        #expect(head.header("ETag") == getResponse.header("ETag"))
        #expect(head.body.count == getResponse.body.count)
        let post = try #require(try get("/", method: "POST"))
        #expect(post.status == 405)
        #expect(post.header("Allow") == "GET, HEAD")
    }

    @Test func matchingEntityTagGivesNotModified() throws {
        let first = try #require(try get("/static/css/app.css"))
        let tag = try #require(first.header("ETag"))
        let again = try #require(try get("/static/css/app.css", headers: [("If-None-Match", "\"other\", \(tag)")]))
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        #expect(try get("/static/css/app.css", headers: [("If-None-Match", "\"other\"")])?.status == 200)
    }

    @Test func missingWebRootAnswersNotFoundWithoutCrashing() throws {
        let empty = StaticFiles(webRoot: directory.appendingPathComponent("nowhere").path)
        #expect(empty.count == 0)
        #expect(try empty.respond(to: try HTTPRequest(method: "GET", target: "/"), productExists: { _ in true })?.status == 404)
    }

    @Test func productImagesAreGeneratedSVGForValidSlugsOnly() throws {
        let response = try #require(ProductImages.respond(to: try HTTPRequest(method: "GET", target: "/images/products/wireless-headphones.svg")))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "image/svg+xml")
        let svg = String(decoding: response.body, as: UTF8.self)
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("Wireless Headphones"))
        // Same slug, same bytes; a different kind of product, a different drawing.
        #expect(ProductImages.svg(for: "wireless-headphones") == svg)
        #expect(ProductImages.svg(for: "running-shoes") != svg)
        for target in ["/images/products/Wireless.svg", "/images/products/a--b.svg", "/images/products/-a.svg",
                       "/images/products/a.png", "/images/products/%2e%2e.svg", "/images/products/a/b.svg",
                       "/images/products/\(String(repeating: "a", count: 65)).svg", "/images/products/.svg"] {
            #expect(ProductImages.respond(to: try HTTPRequest(method: "GET", target: target))?.status == 404, "\(target)")
        }
        #expect(ProductImages.respond(to: try HTTPRequest(method: "GET", target: "/static/x.svg")) == nil)
    }

    @Test func everyGeneratedImageIsWellFormedXML() throws {
        for slug in ["wireless-headphones", "mouse", "t-shirt", "dry-dog-food", "chef-s-knife", "product", "x"] {
            let data = Data(ProductImages.svg(for: slug).utf8)
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(slug)")
        }
    }
}
