import Foundation

/// The OpenAPI 3.1 description served at `/api/openapi.json`, built from the router's
/// endpoints (`Endpoint`): their paths, parameters, request body types (`RequestBody`) and
/// answers, with the schemas of the JSON they exchange (`DocumentedJSON`). Nothing in it is
/// written apart from the code it describes; a test checks that it describes exactly the
/// routes the router serves, and schemathesis (`scripts/schemathesis.sh`) that the server
/// answers as it says.
enum OpenAPIDocument {
    static let title = "uplyft shop API"
    static let version = "1.0.0"
    static let summary = "Product search and a sales chat for an online shop. Errors are {\"error\": {\"code\", \"message\"}}, "
        + "with \"field\" naming the request body's field at fault. Request bodies are JSON objects; fields a body does not list "
        + "are ignored, a field sent twice is refused. Authenticated endpoints take Authorization: Bearer <access token>."

    /// Status codes of `HTTPParseError`, the read timeouts and the connection limit: plain
    /// text bodies, the connection closed after them. The HTTP layer answers these before any
    /// route sees the request, so every operation lists them (unless it describes the status
    /// itself).
    static let protocolStatuses: [Int: String] = [
        400: "Malformed HTTP request", 408: "Request not received in time", 413: "Request body too large",
        414: "Request line too long", 417: "Expectation not supported", 431: "Header fields too large",
        501: "Transfer coding other than chunked", 503: "Server at its connection limit or request body budget",
        505: "HTTP version not supported",
    ]

    /// The document for `endpoints` as JSON text (keys sorted, so the same routes always give
    /// the same bytes).
    static func json(describing endpoints: [Endpoint]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(document(describing: endpoints)), as: UTF8.self)
        } catch {
            // JSONValue holds only strings, numbers, booleans, arrays and objects; the one
            // value JSONEncoder refuses, a non-finite Double, is never put in one.
            return #"{"openapi": "3.1.0", "info": {"title": "uplyft shop API", "version": "1.0.0"}, "paths": {}}"#
        }
    }

    static func document(describing endpoints: [Endpoint]) -> JSONValue {
        var schemas: [String: JSONValue] = [:]
        var paths: [String: [String: JSONValue]] = [:]
        for endpoint in endpoints {
            paths[endpoint.path, default: [:]][endpoint.method.lowercased()] = operation(endpoint, schemas: &schemas)
        }
        // The shared answers' schema (the error) goes in with the rest.
        let errorReference = JSONSchema.reference(APIError.self).json(components: &schemas)
        var responses: [String: JSONValue] = [:]
        for shared in SharedResponse.allCases {
            var content: [String: JSONValue] = ["application/json": ["schema": errorReference]]
            if shared.mayBePlainText { content["text/plain"] = ["schema": ["type": "string"]] }
            var response: [String: JSONValue] = ["description": .string(shared.description), "content": .object(content)]
            if shared.hasRetryAfter { response["headers"] = ["Retry-After": ["schema": ["type": "integer", "minimum": 1]]] }
            responses[shared.rawValue] = .object(response)
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": .string(title), "version": .string(version), "description": .string(summary)],
            "components": [
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"],
                    "refreshCookie": ["type": "apiKey", "in": "cookie", "name": .string(AuthRoutes.refreshCookie)],
                ],
                "schemas": .object(schemas),
                "responses": .object(responses),
            ],
            "paths": .object(paths.mapValues(JSONValue.object)),
        ]
    }

    private static func operation(_ endpoint: Endpoint, schemas: inout [String: JSONValue]) -> JSONValue {
        var operation: [String: JSONValue] = ["summary": .string(endpoint.summary)]
        if !endpoint.security.isEmpty {
            operation["security"] = .array(endpoint.security.map { requirement in
                switch requirement {
                case .anonymous: [:]
                case .bearer: ["bearer": []]
                case .refreshCookie: ["refreshCookie": []]
                }
            })
        }
        let pathParameters: [JSONValue] = endpoint.pathParameters.map {
            ["name": .string($0), "in": "path", "required": true, "schema": ["type": "string"]]
        }
        let queryParameters: [JSONValue] = endpoint.parameters.map {
            ["name": .string($0.name), "in": "query", "schema": $0.schema.json(components: &schemas)]
        }
        if !(pathParameters + queryParameters).isEmpty { operation["parameters"] = .array(pathParameters + queryParameters) }
        if let body = endpoint.requestBody {
            var requestBody: [String: JSONValue] = ["content": ["application/json": ["schema": body.schema.json(components: &schemas)]]]
            if body.isRequired { requestBody["required"] = true }
            operation["requestBody"] = .object(requestBody)
        }
        var responses: [String: JSONValue] = [:]
        for (status, response) in endpoint.responses {
            switch response {
            case .json(let description, let schema):
                responses[String(status)] = ["description": .string(description),
                                             "content": ["application/json": ["schema": schema.json(components: &schemas)]]]
            case .described(let description):
                responses[String(status)] = ["description": .string(description)]
            case .shared(let shared):
                responses[String(status)] = ["$ref": .string("#/components/responses/\(shared.rawValue)")]
            }
        }
        for (status, description) in protocolStatuses where responses[String(status)] == nil {
            responses[String(status)] = ["description": .string(description), "content": ["text/plain": ["schema": ["type": "string"]]]]
        }
        operation["responses"] = .object(responses)
        return .object(operation)
    }
}
