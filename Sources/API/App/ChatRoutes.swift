import Auth
import Chat
import Foundation
import HTTPCore
import Search
import Store

/// The signed-in shopper's conversation: send a message, read the history page by page,
/// start over.
struct ChatRoutes: Sendable {
    let auth: AuthService
    let history: ChatHistoryStore
    let assistant: ChatAssistant
    let clock: @Sendable () -> Int64
    let clockMilliseconds: @Sendable () -> Int64
    static let maximumMessageBytes = 2000

    func register(in router: inout Router) {
        router.add("POST", "/api/chat/") { context throws(APIError) in try chat(context) }
        router.add("GET", "/api/chat/history/") { context throws(APIError) in try historyPage(context) }
        router.add("DELETE", "/api/chat/history/") { context throws(APIError) in try reset(context) }
    }

    struct ChatReplyJSON: Encodable {
        let reply: String
        let intent: String
        let products: [ProductSummaryJSON]
        let suggestions: [String]
        let userMessage: MessageJSON
        let botMessage: MessageJSON
    }

    struct MessageJSON: Encodable {
        let id: Int64
        let role: String
        let text: String
        let products: [ProductSummaryJSON]?
        let suggestions: [String]?
        let createdAt: String
    }

    private func chat(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let user = try auth.authenticate(authorization: context.request.header("Authorization"), now: clock())
        let body = try JSONResponse.object(of: context.request)
        let message = try JSONResponse.string(body, "message", maxLength: Self.maximumMessageBytes)
        let askedAt = clockMilliseconds()
        let previousState: String?
        do {
            previousState = try history.state(userID: user.id)
        } catch {
            throw .internalError()
        }
        let answer = assistant.respond(to: message, userID: user.id, stateJSON: previousState, now: askedAt)
        let stored: (question: ChatMessage, reply: ChatMessage)
        do {
            stored = try history.appendExchange(userID: user.id, question: message, questionAt: askedAt, reply: answer.text,
                                                payload: answer.payloadJSON, replyAt: clockMilliseconds(), state: answer.stateJSON)
        } catch {
            throw .internalError("The conversation could not be saved.")
        }
        return JSONResponse.make(ChatReplyJSON(reply: answer.text, intent: answer.intent, products: answer.products,
                                               suggestions: answer.suggestions, userMessage: Self.json(stored.question),
                                               botMessage: Self.json(stored.reply)))
    }

    struct HistoryPage: Encodable {
        let count: Int
        let next: String?
        let previous: String?
        let results: [MessageJSON]

        enum CodingKeys: String, CodingKey { case count, next, previous, results }

        /// `next` and `previous` always present, null at the ends (Django REST framework's pages).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(count, forKey: .count)
            try container.encode(next, forKey: .next)
            try container.encode(previous, forKey: .previous)
            try container.encode(results, forKey: .results)
        }
    }

    private func historyPage(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let user = try auth.authenticate(authorization: context.request.header("Authorization"), now: clock())
        let page = try CatalogRoutes.integer(context.request.queryValue("page"), name: "page", default: 1, range: 1...1_000_000)
        let pageSize = try CatalogRoutes.integer(context.request.queryValue("page_size"), name: "page_size", default: 50, range: 1...200)
        let result: (total: Int, messages: [ChatMessage])
        do {
            result = try history.page(userID: user.id, offset: (page - 1) * pageSize, limit: pageSize)
        } catch {
            throw .internalError()
        }
        return JSONResponse.make(HistoryPage(
            count: result.total,
            next: page * pageSize < result.total ? CatalogRoutes.pageLink(context.request, page: page + 1) : nil,
            previous: page > 1 ? CatalogRoutes.pageLink(context.request, page: page - 1) : nil,
            results: result.messages.map(Self.json)))
    }

    private func reset(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let user = try auth.authenticate(authorization: context.request.header("Authorization"), now: clock())
        do {
            let removed = try history.clear(userID: user.id)
            return JSONResponse.make(["deleted": removed])
        } catch {
            throw .internalError()
        }
    }

    static func json(_ message: ChatMessage) -> MessageJSON {
        let payload = message.payload.flatMap { ChatAnswer.Payload.decode($0) }
        let date = Date(timeIntervalSince1970: Double(message.createdAtMilliseconds) / 1000)
        return MessageJSON(id: message.id, role: message.role.rawValue, text: message.text, products: payload?.products,
                           suggestions: payload?.suggestions, createdAt: date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }
}
