/// libFuzzer target: the shop's HTTP API end to end (routing, JSON body decoding, validation,
/// auth, chat, catalog), through `ShopApplication.handle` on a real but tiny shop.
///
/// Input: `[route][flags] rest`. The route byte picks an endpoint; `rest` is its JSON body
/// (POST, DELETE) or the tail of its target (GET path or query). Flag bit 0 adds the demo
/// user's bearer token, bit 1 a JSON content type. Route 0xFF instead parses `rest` as raw
/// HTTP and handles every request in it, which reaches the static pages and product images.
/// Every answer must be a client error or success (never 5xx), and JSON answers must parse.
import HTTPCore
import Foundation
import ShopFixture

private let shop = ShopFixture(name: "api")

private let routes: [(method: String, target: String)] = [
    ("POST", "/api/register/"),
    ("POST", "/api/login/"),
    ("POST", "/api/token/"),
    ("POST", "/api/token/refresh/"),
    ("POST", "/api/logout/"),
    ("GET", "/api/me/"),
    ("GET", "/api/products/"),
    ("GET", "/api/search/?"),
    ("POST", "/api/chat/"),
    ("GET", "/api/chat/history/?"),
    ("DELETE", "/api/chat/history/"),
    ("GET", "/api/health/"),
]

private func handleRaw(_ bytes: ArraySlice<UInt8>) {
    var parser = HTTPRequestParser(remoteAddress: "127.0.0.1")
    guard let requests = try? parser.feed(bytes) else { return }
    for request in requests { _ = shop.handleChecked(request) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPIRequests(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard bytes.count >= 2 else { return 0 }
    let rest = bytes.dropFirst(2)
    if bytes[0] == 0xFF {
        handleRaw(rest)
        return 0
    }
    let route = routes[Int(bytes[0]) % routes.count]
    let flags = bytes[1]
    var headers: [(name: String, value: String)] = []
    if flags & 1 != 0 { headers.append(("Authorization", shop.bearer)) }
    if flags & 2 != 0 { headers.append(("Content-Type", "application/json")) }

    let target: String
    let body: [UInt8]
    if route.method == "GET" {
        // GET carries the input in its target: a product id path segment or a query string.
        let tail = String(decoding: rest, as: UTF8.self)
        target = route.target.hasSuffix("/products/") ? route.target + tail + "/" : route.target + tail
        body = []
    } else {
        target = route.target
        body = Array(rest)
    }
    // Targets the HTTP layer would refuse never reach the application.
    guard let request = try? HTTPRequest(method: route.method, target: target, headers: headers, body: body,
                                         remoteAddress: "127.0.0.1") else { return 0 }
    _ = shop.handleChecked(request)
    return 0
}
