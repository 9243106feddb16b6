/// The database schema as numbered steps. A database records the last step applied in
/// `PRAGMA user_version`; start-up applies the rest, each in its own transaction, so an
/// upgrade either completes a step or leaves the file as it was. Steps are only ever appended.
enum Migrations {
    struct Step {
        let sql: String
        /// The step rebuilds a table that others reference, by SQLite's twelve-step
        /// procedure (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of
        /// Table Schema Changes"): foreign keys off around the transaction, so that dropping
        /// the old table does not cascade, and `PRAGMA foreign_key_check` before committing.
        var rebuildsTables = false
    }

    static let steps: [Step] = [
        // 1: accounts, refresh-token families, chat history, conversation state, carts, orders.
        Step(sql: """
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
        """),
        // 2: account ids are never reused. Without AUTOINCREMENT SQLite gives a new row
        // max(id) + 1, so removing the newest account handed its id, and with it every
        // still-valid access token naming that id, to the next sign-up. AUTOINCREMENT keeps
        // the highest id ever used in sqlite_sequence (copying the rows in seeds it). Ids
        // freed before this step ran cannot be known; `sessions_valid_from` covers them:
        // tokens issued before it are refused (`AuthService.authenticate`), and it starts
        // at the account's creation, so a token of an earlier holder of the id never passes.
        // `uplyft user passwd` moves it forward to end every session of the account.
        Step(sql: """
        CREATE TABLE users_rebuilt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            sessions_valid_from INTEGER NOT NULL
        );
        INSERT INTO users_rebuilt (id, username, password_hash, created_at, sessions_valid_from)
            SELECT id, username, password_hash, created_at, created_at FROM users;
        DROP TABLE users;
        ALTER TABLE users_rebuilt RENAME TO users;
        """, rebuildsTables: true),
        // 3: which token replaced a rotated refresh token, so that the token just rotated
        // (and only that one) may be presented again within the reuse interval.
        Step(sql: "ALTER TABLE refresh_tokens ADD COLUMN replaced_by TEXT;"),
        // 4: a cart's revision, moved on by every change to it, so that a checkout review names
        // the cart it showed; and the review's token on the order it became, once per account,
        // so that a repeated confirmation finds its order instead of placing another.
        Step(sql: """
        CREATE TABLE cart_revisions (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            revision INTEGER NOT NULL
        );
        ALTER TABLE orders ADD COLUMN checkout_token TEXT;
        CREATE UNIQUE INDEX orders_checkout_token ON orders(user_id, checkout_token);
        CREATE INDEX orders_user ON orders(user_id, id);
        """),
    ]

    static func apply(to connection: SQLiteConnection) throws(StoreError) {
        let current = Int(try connection.query("PRAGMA user_version").first?.integer("user_version") ?? 0)
        guard current <= steps.count else {
            throw StoreError(operation: "migrate", code: 0,
                             message: "database schema version \(current) is newer than this build knows (\(steps.count)); upgrade uplyft")
        }
        for version in current..<steps.count {
            let step = steps[version]
            // PRAGMA foreign_keys is a no-op inside a transaction: switch it around it.
            if step.rebuildsTables { try connection.execute("PRAGMA foreign_keys = OFF") }
            do throws(StoreError) {
                try connection.execute("BEGIN IMMEDIATE")
                do throws(StoreError) {
                    try connection.execute(step.sql)
                    if step.rebuildsTables {
                        let broken = try connection.query("PRAGMA foreign_key_check")
                        guard broken.isEmpty else {
                            throw StoreError(operation: "migrate to version \(version + 1)", code: 0,
                                             message: "\(broken.count) rows would break a foreign key; the database was left as it was")
                        }
                    }
                    try connection.execute("PRAGMA user_version = \(version + 1)")
                    try connection.execute("COMMIT")
                } catch {
                    // The step's own error is the one to report; a failed rollback adds nothing.
                    try? connection.execute("ROLLBACK")
                    throw error
                }
            } catch {
                if step.rebuildsTables { try? connection.execute("PRAGMA foreign_keys = ON") }
                throw error
            }
            if step.rebuildsTables { try connection.execute("PRAGMA foreign_keys = ON") }
        }
    }
}
