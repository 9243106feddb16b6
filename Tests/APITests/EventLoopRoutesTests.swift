import HTTPCore
import Testing
import TestSupport
@testable import API

/// Which of the shop's requests the HTTP event loop answers itself: only reads of the
/// in-memory index (search, suggest); anything that may wait on the database, the disk, the
/// password hasher or another thread stays on the workers.
@Suite struct EventLoopRoutesTests {
    static let cases: [(method: String, target: String, onLoop: Bool)] = [
        ("GET", "/api/search/?q=headphones", true),
        ("HEAD", "/api/search/?q=headphones", true),
        ("GET", "/api/suggest/?q=hea", true),
        ("POST", "/api/search/", false),
        ("GET", "/api/search", false),
        ("GET", "/api/health/", false),
        ("GET", "/api/ready/", false),
        ("GET", "/api/chat/", false),
        ("GET", "/api/cart/", false),
        ("POST", "/api/login/", false),
        ("GET", "/api/products/sony-wh1000xm5/", false),
        ("GET", "/", false),
        ("GET", "/static/app.js", false),
    ]

    @Test func onlyIndexReadsRunOnTheLoop() throws {
        let shop = try ShopServerFixture()
        for (method, target, onLoop) in Self.cases {
            let request = try HTTPRequest(method: method, target: target, headers: [], body: [])
            #expect(shop.application.runsOnEventLoop(request) == onLoop, "\(method) \(target)")
        }
    }

    /// Over the wire, through the fixture that sets `runsOnEventLoop` as `serve` does: a
    /// search answered on the loop carries the whole middleware chain's headers.
    @Test func searchOnTheLoopKeepsTheMiddlewareHeaders() throws {
        let shop = try ShopServerFixture()
        let client = try RawHTTPClient(port: shop.port)
        try client.send("GET /api/search/?q=headphones HTTP/1.1\r\nHost: t\r\n\r\n")
        let answer = try client.readResponse()
        #expect(answer.status == 200)
        #expect(answer.header("X-Content-Type-Options") == "nosniff")
        #expect(answer.text.contains("sony-wh1000xm5"))
    }
}
