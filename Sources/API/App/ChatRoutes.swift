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
    let log: @Sendable (String) -> Void
    /// Where each answered message's time is recorded (`uplyft_chat_turn_duration_seconds`).
    var metrics = ShopMetrics()
    static let maximumMessageBytes = ChatMessageBody.maximumMessageBytes

    func register(in router: inout Router) {
        // Every chat route is the signed-in shopper's: the token is checked before the body is read.
        let signedIn: [any RouterMiddleware] = [AuthenticationMiddleware(auth: auth, clock: clock)]
        router.add(Self.send, body: ChatMessageBody.self, middleware: signedIn) { context, body throws(APIError) in try chat(context, body) }
        router.add(Self.history, middleware: signedIn) { context throws(APIError) in try historyPage(context) }
        router.add(Self.clear, middleware: signedIn) { context throws(APIError) in try reset(context) }
    }

    static let page = WholeNumberParameter(name: "page", range: 1...1_000_000, defaultValue: 1)
    static let pageSize = WholeNumberParameter(name: "page_size", range: 1...200, defaultValue: 50)

    static let send = Endpoint("POST", "/api/chat/", summary: "Send a message to the shop assistant",
                               responses: [200: .json("The reply", ChatReplyJSON.schema)])
    static let history = Endpoint("GET", "/api/chat/history/", summary: "The conversation, oldest first, paged",
                                  parameters: [page.documentation, pageSize.documentation],
                                  responses: [200: .json("A page of messages", ResultPage<MessageJSON>.schema), 400: .shared(.error)])
    static let clear = Endpoint("DELETE", "/api/chat/history/", summary: "Clear the conversation",
                                responses: [200: .json("Cleared", .object(properties: [("deleted", .integer)]))])

    struct ChatReplyJSON: Encodable {
        static let schema = JSONSchema.object(properties: [
            ("reply", .string), ("intent", .string), ("products", .array(of: .reference(ProductSummaryJSON.self))),
            ("suggestions", .array(of: .string)), ("user_message", .reference(MessageJSON.self)),
            ("bot_message", .reference(MessageJSON.self)),
        ])

        let reply: String
        let intent: String
        let products: [ProductSummaryJSON]
        let suggestions: [String]
        let userMessage: MessageJSON
        let botMessage: MessageJSON
    }

    struct MessageJSON: Encodable, DocumentedJSON {
        static let schemaName = "Message"
        static let schema = JSONSchema.object(properties: [
            ("id", .integer), ("role", .keywords(["enum": .array(ChatMessage.Role.allCases.map { .string($0.rawValue) })])),
            ("text", .string), ("products", .array(of: .reference(ProductSummaryJSON.self))), ("suggestions", .array(of: .string)),
            ("created_at", .keywords(["type": "string", "format": "date-time"])),
        ])

        let id: Int64
        let role: String
        let text: String
        let products: [ProductSummaryJSON]?
        let suggestions: [String]?
        let createdAt: String
    }

    private func chat(_ context: RouteContext, _ body: ChatMessageBody) throws(APIError) -> HTTPResponse {
        let user = try context.authenticatedUser()
        let message = body.message
        let askedAt = clockMilliseconds()
        let turnStarted = ContinuousClock.now
        let previousState: String?
        do {
            previousState = try history.state(userID: user.id)
        } catch {
            throw .store(error)
        }
        let answer: ChatAnswer
        do {
            answer = try assistant.respond(to: message, userID: user.id, stateJSON: previousState, now: askedAt)
        } catch {
            // The database or the index failed: the message says what was done and what was
            // not, and nothing is stored, so the next message starts from the state before.
            log(error.description)
            throw error.isDatabaseUnavailable ? .databaseUnavailable(error.message) : .internalError(error.message)
        }
        let stored: (question: ChatMessage, reply: ChatMessage)
        do {
            stored = try history.appendExchange(userID: user.id, question: message, questionAt: askedAt, reply: answer.text,
                                                payload: answer.payloadJSON, replyAt: clockMilliseconds(), state: answer.stateJSON)
        } catch {
            throw .store(error, otherwise: "The conversation could not be saved.")
        }
        metrics.recordChatTurn(since: turnStarted)
        return JSONResponse.make(ChatReplyJSON(reply: answer.text, intent: answer.intent, products: answer.products,
                                               suggestions: answer.suggestions, userMessage: Self.json(stored.question),
                                               botMessage: Self.json(stored.reply)))
    }

    private func historyPage(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let user = try context.authenticatedUser()
        let page = try Self.page.value(in: context.request)
        let pageSize = try Self.pageSize.value(in: context.request)
        let result: (total: Int, messages: [ChatMessage])
        do {
            result = try history.page(userID: user.id, offset: (page - 1) * pageSize, limit: pageSize)
        } catch {
            throw .store(error)
        }
        return JSONResponse.make(ResultPage(request: context.request, page: page, pageSize: pageSize, total: result.total,
                                            results: result.messages.map(Self.json)))
    }

    private func reset(_ context: RouteContext) throws(APIError) -> HTTPResponse {
        let user = try context.authenticatedUser()
        do {
            let removed = try history.clear(userID: user.id)
            return JSONResponse.make(["deleted": removed])
        } catch {
            throw .store(error)
        }
    }

    static func json(_ message: ChatMessage) -> MessageJSON {
        let payload = message.payload.flatMap { ChatAnswer.Payload.decode($0) }
        let date = Date(timeIntervalSince1970: Double(message.createdAtMilliseconds) / 1000)
        return MessageJSON(id: message.id, role: message.role.rawValue, text: message.text, products: payload?.products,
                           suggestions: payload?.suggestions, createdAt: date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }
}
