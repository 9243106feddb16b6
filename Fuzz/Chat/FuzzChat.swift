/// libFuzzer target: the chat assistant (message parsing, intents, entities, follow-ups,
/// relaxation, cart actions) through `POST /api/chat/` on a real but tiny shop.
///
/// The input is a conversation: messages separated by newlines, at most four, sent in order
/// after the history is cleared, so follow-ups see the state earlier messages left. Messages are
/// wrapped in valid JSON by the harness, so every input reaches the assistant. Each must be
/// answered (200, or 400 for an over-long or empty message) with a reply that parses.
import HTTPCore
import Foundation
import ShopFixture

private let shop = ShopFixture(name: "chat")
private let jsonHeaders = [(name: "Authorization", value: shop.bearer), (name: "Content-Type", value: "application/json")]
private let maximumMessages = 4

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChat(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let reset = try? HTTPRequest(method: "DELETE", target: "/api/chat/history/", headers: jsonHeaders) else {
        fatalError("cannot build the reset request")
    }
    _ = shop.handleChecked(reset)
    for message in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(maximumMessages) {
        guard let body = try? JSONSerialization.data(withJSONObject: ["message": String(message)]),
              let request = try? HTTPRequest(method: "POST", target: "/api/chat/", headers: jsonHeaders, body: Array(body))
        else { fatalError("cannot build the chat request") }
        let response = shop.handleChecked(request)
        guard response.status == 200 || response.status == 400 else {
            fatalError("message \(String(message).debugDescription) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
    }
    return 0
}
