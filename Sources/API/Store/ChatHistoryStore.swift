/// One message of a conversation, as stored and as the history endpoint returns it.
public struct ChatMessage: Sendable, Equatable {
    public enum Role: String, Sendable, Codable, CaseIterable { case user, bot }

    public let id: Int64
    public let role: Role
    public let text: String
    /// The bot's structured reply (products, suggestions) as JSON; nil for shopper messages.
    public let payload: String?
    public let createdAtMilliseconds: Int64
}

/// Each shopper's chat messages, oldest first, and the state the conversation carries
/// between messages ("cheaper ones" refers to the last results).
public struct ChatHistoryStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a shopper message and the bot's reply together, so history never shows a
    /// question without its answer.
    public func appendExchange(userID: Int64, question: String, questionAt: Int64, reply: String, payload: String?,
                               replyAt: Int64, state: String?) throws(StoreError) -> (question: ChatMessage, reply: ChatMessage) {
        try database.transaction { connection throws(StoreError) in
            let asked = try insert(connection, userID: userID, role: .user, text: question, payload: nil, at: questionAt)
            let answered = try insert(connection, userID: userID, role: .bot, text: reply, payload: payload, at: replyAt)
            if let state {
                try connection.query("""
                    INSERT INTO conversation_state (user_id, state, updated_at_ms) VALUES (?, ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at_ms = excluded.updated_at_ms
                    """, [.integer(userID), .text(state), .integer(replyAt)])
            }
            return (asked, answered)
        }
    }

    /// Messages `offset..<offset+limit`, oldest first, and how many there are in all.
    public func page(userID: Int64, offset: Int, limit: Int) throws(StoreError) -> (total: Int, messages: [ChatMessage]) {
        try database.read { connection throws(StoreError) in
            let total = Int(try connection.query("SELECT COUNT(*) AS count FROM chat_messages WHERE user_id = ?",
                                                 [.integer(userID)]).first?.integer("count") ?? 0)
            let rows = try connection.query("""
                SELECT \(ChatMessage.columns) FROM chat_messages WHERE user_id = ? ORDER BY id LIMIT ? OFFSET ?
                """, [.integer(userID), .integer(Int64(limit)), .integer(Int64(offset))])
            var messages: [ChatMessage] = []
            for row in rows {
                if let message = try ChatMessage(row: row) { messages.append(message) }
            }
            return (total, messages)
        }
    }

    /// The conversation state saved with the last reply, if any.
    public func state(userID: Int64) throws(StoreError) -> String? {
        try database.read { connection throws(StoreError) in
            try connection.query("SELECT state FROM conversation_state WHERE user_id = ?", [.integer(userID)]).first?.text("state")
        }
    }

    /// Deletes the shopper's history and conversation state; returns the messages removed.
    public func clear(userID: Int64) throws(StoreError) -> Int {
        try database.transaction { connection throws(StoreError) in
            try connection.query("DELETE FROM chat_messages WHERE user_id = ?", [.integer(userID)])
            let removed = connection.changes
            try connection.query("DELETE FROM conversation_state WHERE user_id = ?", [.integer(userID)])
            return removed
        }
    }

    private func insert(_ connection: any StoreConnection, userID: Int64, role: ChatMessage.Role, text: String,
                        payload: String?, at time: Int64) throws(StoreError) -> ChatMessage {
        let inserted = try connection.query("""
            INSERT INTO chat_messages (user_id, role, text, payload, created_at_ms) VALUES (?, ?, ?, ?, ?) RETURNING id
            """, [.integer(userID), .text(role.rawValue), .text(text), payload.map(DatabaseValue.text) ?? .null, .integer(time)])
        guard let id = try inserted.first?.integer("id") else {
            throw StoreError(operation: "store a chat message", code: 0, message: "the insert returned no id")
        }
        return ChatMessage(id: id, role: role, text: text, payload: payload, createdAtMilliseconds: time)
    }
}

extension ChatMessage {
    /// The columns of `chat_messages` a `ChatMessage` is read from, for SELECT lists.
    static let columns = "id, role, text, payload, created_at_ms"

    /// The message in a row that selected `columns`; nil when a value it needs is missing or
    /// of another type (such a row is left out of the history).
    init?(row: DatabaseRow) throws(StoreError) {
        guard let id = try row.integer("id"), let role = try row.text("role").flatMap(Role.init(rawValue:)),
              let text = try row.text("text"), let created = try row.integer("created_at_ms") else { return nil }
        self.init(id: id, role: role, text: text, payload: try row.text("payload"), createdAtMilliseconds: created)
    }
}
