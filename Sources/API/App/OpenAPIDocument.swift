import Foundation

/// The OpenAPI 3.1 description served at `/api/openapi.json`. A test checks that every
/// route the router knows is described here with its method, and nothing more.
enum OpenAPIDocument {
    /// The document served: the routes below, each also listing the answers the HTTP layer
    /// gives before any route sees the request (a request line or headers over the limits,
    /// a body too large or too slow, the connection limit...), which any operation can get.
    static let json: String = withProtocolResponses(routes)

    /// Status codes of `HTTPParseError`, the read timeouts and the connection limit: plain
    /// text bodies, the connection closed after them.
    static let protocolStatuses: [String: String] = [
        "400": "Malformed HTTP request", "408": "Request not received in time", "413": "Request body too large",
        "414": "Request line too long", "417": "Expectation not supported", "431": "Header fields too large",
        "501": "Transfer coding other than chunked", "503": "Server at its connection limit or request body budget",
        "505": "HTTP version not supported",
    ]

    private static func withProtocolResponses(_ text: String) -> String {
        guard var document = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              var paths = document["paths"] as? [String: Any] else {
            // The literal is checked by tests; serve it as written rather than fail to start.
            return text
        }
        for (path, item) in paths {
            guard var operations = item as? [String: Any] else { continue }
            for (method, operation) in operations {
                guard var operation = operation as? [String: Any], var responses = operation["responses"] as? [String: Any] else { continue }
                for (status, description) in protocolStatuses where responses[status] == nil {
                    responses[status] = ["description": description, "content": ["text/plain": ["schema": ["type": "string"]]]]
                }
                operation["responses"] = responses
                operations[method] = operation
            }
            paths[path] = operations
        }
        document["paths"] = paths
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return text
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static let routes = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "uplyft shop API",
        "version": "1.0.0",
        "description": "Product search and a sales chat for an online shop. Errors are {\"error\": {\"code\", \"message\"}}. Authenticated endpoints take Authorization: Bearer <access token>."
      },
      "components": {
        "securitySchemes": {
          "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
          "refreshCookie": {"type": "apiKey", "in": "cookie", "name": "uplyft_refresh"}
        },
        "schemas": {
          "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
          "Credentials": {"type": "object", "required": ["username", "password"], "properties": {"username": {"type": "string"}, "password": {"type": "string"}}},
          "User": {"type": "object", "properties": {"id": {"type": "integer"}, "username": {"type": "string"}, "date_joined": {"type": "integer", "description": "Unix seconds"}}},
          "BrowserSession": {"type": "object", "properties": {"access": {"type": "string"}, "access_expires_at": {"type": "integer"}, "user": {"$ref": "#/components/schemas/User"}}},
          "TokenPair": {"type": "object", "properties": {"access": {"type": "string"}, "refresh": {"type": "string"}}},
          "ProductSummary": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "brand": {"type": "string"}, "category": {"type": "string"}, "price": {"type": ["number", "null"]}, "rating": {"type": ["number", "null"]}, "in_stock": {"type": ["boolean", "null"]}, "image": {"type": "string"}, "url": {"type": "string"}, "matched": {"type": "array", "items": {"type": "object", "properties": {"query_word": {"type": "string"}, "matched_word": {"type": "string"}, "kind": {"enum": ["exact", "stem", "compound", "synonym", "prefix", "typo"]}, "typos": {"type": "integer"}}}}}},
          "Product": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "brand": {"type": "string"}, "category": {"type": "string"}, "description": {"type": "string"}, "price": {"type": ["number", "null"]}, "rating": {"type": ["number", "null"]}, "stock": {"type": ["integer", "null"]}, "image": {"type": "string"}, "url": {"type": "string"}, "attributes": {"type": "object", "additionalProperties": {"type": "string"}}, "attribute_order": {"type": "array", "items": {"type": "string"}}}},
          "Message": {"type": "object", "properties": {"id": {"type": "integer"}, "role": {"enum": ["user", "bot"]}, "text": {"type": "string"}, "products": {"type": "array", "items": {"$ref": "#/components/schemas/ProductSummary"}}, "suggestions": {"type": "array", "items": {"type": "string"}}, "created_at": {"type": "string", "format": "date-time"}}}
        },
        "responses": {
          "Error": {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "UnsupportedMediaType": {"description": "The request did not say Content-Type: application/json (a missing type included)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Throttled": {"description": "Too many attempts from this client or for this account; try again after Retry-After seconds", "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Busy": {"description": "The password-hashing queue is full (JSON, code password_check_busy), or the server is at its connection limit (plain text); try again after Retry-After seconds", "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}, "text/plain": {"schema": {"type": "string"}}}}
        }
      },
      "paths": {
        "/api/register/": {"post": {"summary": "Create an account (can be switched off)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Credentials"}}}}, "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": {"type": "object", "properties": {"user": {"$ref": "#/components/schemas/User"}}}}}}, "400": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/UnsupportedMediaType"}, "429": {"$ref": "#/components/responses/Throttled"}, "503": {"$ref": "#/components/responses/Busy"}}}},
        "/api/login/": {"post": {"summary": "Browser sign-in: access token in the body, refresh token in an HttpOnly cookie, csrftoken cookie for double submit", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Credentials"}}}}, "responses": {"200": {"description": "Signed in", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BrowserSession"}}}}, "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/UnsupportedMediaType"}, "429": {"$ref": "#/components/responses/Throttled"}, "503": {"$ref": "#/components/responses/Busy"}}}},
        "/api/token/": {"post": {"summary": "Token pair for API clients (SimpleJWT contract)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Credentials"}}}}, "responses": {"200": {"description": "Token pair", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TokenPair"}}}}, "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/UnsupportedMediaType"}, "429": {"$ref": "#/components/responses/Throttled"}, "503": {"$ref": "#/components/responses/Busy"}}}},
        "/api/token/refresh/": {"post": {"summary": "Rotate the refresh token: {\"refresh\"} in the body (API clients) or the cookie with X-CSRF-Token (browser). Reusing a rotated token ends the login, except the token rotated last within the reuse interval (UPLYFT_REFRESH_REUSE_SECONDS), which gets the login's current tokens.", "security": [{}, {"refreshCookie": []}], "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"refresh": {"type": "string"}}}}}}, "responses": {"200": {"description": "New tokens", "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/TokenPair"}, {"$ref": "#/components/schemas/BrowserSession"}]}}}}, "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/UnsupportedMediaType"}}}},
        "/api/logout/": {"post": {"summary": "Revoke the login of the refresh token (body or cookie with X-CSRF-Token) and clear the cookies", "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"refresh": {"type": "string"}}}}}}, "responses": {"200": {"description": "Signed out"}, "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/UnsupportedMediaType"}}}},
        "/api/me/": {"get": {"summary": "The signed-in user", "security": [{"bearer": []}], "responses": {"200": {"description": "User", "content": {"application/json": {"schema": {"type": "object", "properties": {"user": {"$ref": "#/components/schemas/User"}}}}}}, "401": {"$ref": "#/components/responses/Error"}}}},
        "/api/chat/": {"post": {"summary": "Send a message to the shop assistant", "security": [{"bearer": []}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["message"], "properties": {"message": {"type": "string", "maxLength": 2000}}}}}}, "responses": {"200": {"description": "The reply", "content": {"application/json": {"schema": {"type": "object", "properties": {"reply": {"type": "string"}, "intent": {"type": "string"}, "products": {"type": "array", "items": {"$ref": "#/components/schemas/ProductSummary"}}, "suggestions": {"type": "array", "items": {"type": "string"}}, "user_message": {"$ref": "#/components/schemas/Message"}, "bot_message": {"$ref": "#/components/schemas/Message"}}}}}}, "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/UnsupportedMediaType"}}}},
        "/api/chat/history/": {
          "get": {"summary": "The conversation, oldest first, paged", "security": [{"bearer": []}], "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000000}}, {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200}}], "responses": {"200": {"description": "A page of messages", "content": {"application/json": {"schema": {"type": "object", "properties": {"count": {"type": "integer"}, "next": {"type": ["string", "null"]}, "previous": {"type": ["string", "null"]}, "results": {"type": "array", "items": {"$ref": "#/components/schemas/Message"}}}}}}}, "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}}},
          "delete": {"summary": "Clear the conversation", "security": [{"bearer": []}], "responses": {"200": {"description": "Cleared", "content": {"application/json": {"schema": {"type": "object", "properties": {"deleted": {"type": "integer"}}}}}}, "401": {"$ref": "#/components/responses/Error"}}}
        },
        "/api/products/{id}/": {"get": {"summary": "One product with every stored field", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "The product", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Product"}}}}, "404": {"$ref": "#/components/responses/Error"}}}},
        "/api/search/": {"get": {"summary": "Search the catalog", "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}, {"name": "category", "in": "query", "schema": {"type": "string"}}, {"name": "brand", "in": "query", "schema": {"type": "string"}}, {"name": "min_price", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 42949672.94}}, {"name": "max_price", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 42949672.94}}, {"name": "in_stock", "in": "query", "schema": {"type": "boolean"}}, {"name": "sort", "in": "query", "schema": {"enum": ["relevance", "price_asc", "price_desc", "rating_desc"]}}, {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10000}}, {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}}], "responses": {"200": {"description": "A page of results", "content": {"application/json": {"schema": {"type": "object", "properties": {"count": {"type": "integer"}, "next": {"type": ["string", "null"]}, "previous": {"type": ["string", "null"]}, "results": {"type": "array", "items": {"$ref": "#/components/schemas/ProductSummary"}}, "query": {"type": "string"}, "partial_match": {"type": "boolean"}, "used_typo_tolerance": {"type": "boolean"}, "did_you_mean": {"type": "array", "items": {"type": "string"}}}}}}}, "400": {"$ref": "#/components/responses/Error"}}}},
        "/api/health/": {"get": {"summary": "Liveness and what is being served", "responses": {"200": {"description": "Healthy", "content": {"application/json": {"schema": {"type": "object", "properties": {"status": {"type": "string"}, "products": {"type": "integer"}, "index_bytes": {"type": "integer"}, "schema_version": {"type": "integer"}, "catalog_sha256": {"type": "string", "description": "SHA-256 of the catalog the index was built from (hex); absent when the index records none"}}}}}}, "503": {"description": "Database unavailable"}}}},
        "/api/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1 JSON"}}}}
      }
    }
    """#
}
