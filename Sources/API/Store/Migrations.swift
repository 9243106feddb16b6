/// The database schema as numbered steps. A database records the last step applied in
/// `PRAGMA user_version`; start-up applies the rest, each in its own transaction, so an
/// upgrade either completes a step or leaves the file as it was. Steps are only ever appended.
enum Migrations {
    static let steps: [String] = [
        // 1: accounts, refresh-token families, chat history, conversation state, carts, orders.
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        -- One row per login: every refresh token of that login belongs to it, and reusing a
        -- rotated token revokes the whole family.
        CREATE TABLE refresh_families (
            id TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            current_jti TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            revoked_at INTEGER,
            revoked_reason TEXT
        );
        CREATE INDEX refresh_families_user ON refresh_families(user_id);
        CREATE TABLE refresh_tokens (
            jti TEXT PRIMARY KEY,
            family_id TEXT NOT NULL REFERENCES refresh_families(id) ON DELETE CASCADE,
            issued_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            used_at INTEGER
        );
        CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);
        CREATE TABLE chat_messages (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('user', 'bot')),
            text TEXT NOT NULL,
            payload TEXT,
            created_at_ms INTEGER NOT NULL
        );
        CREATE INDEX chat_messages_user ON chat_messages(user_id, id);
        CREATE TABLE conversation_state (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            state TEXT NOT NULL,
            updated_at_ms INTEGER NOT NULL
        );
        CREATE TABLE cart_items (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            product_id TEXT NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            added_at_ms INTEGER NOT NULL,
            PRIMARY KEY (user_id, product_id)
        );
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            total_cents INTEGER NOT NULL,
            created_at_ms INTEGER NOT NULL
        );
        CREATE TABLE order_items (
            order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
            product_id TEXT NOT NULL,
            name TEXT NOT NULL,
            price_cents INTEGER NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            PRIMARY KEY (order_id, product_id)
        );
        """,
    ]

    static func apply(to connection: SQLiteConnection) throws(StoreError) {
        let current = Int(try connection.query("PRAGMA user_version").first?.first?.integer ?? 0)
        guard current <= steps.count else {
            throw StoreError(operation: "migrate", code: 0,
                             message: "database schema version \(current) is newer than this build knows (\(steps.count)); upgrade uplyft")
        }
        for version in current..<steps.count {
            try connection.execute("BEGIN IMMEDIATE")
            do throws(StoreError) {
                try connection.execute(steps[version])
                try connection.execute("PRAGMA user_version = \(version + 1)")
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }
}
