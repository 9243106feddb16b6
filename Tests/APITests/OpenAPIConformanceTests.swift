import Foundation
import Testing
@testable import API
import TestSupport

/// The schemas in the OpenAPI document sit next to the types they describe
/// (`DocumentedJSON`, `RequestBody.fields`); this keeps them true: every answer of a session
/// that uses every route, successes and refusals, must match the schema the document gives
/// for its route and status, with no property the schema does not name. A field added to a
/// response type without its schema, or a status the document does not list, fails here.
@Suite struct OpenAPIConformanceTests {
    /// JSON as parsed here: numbers whole or not, booleans apart from numbers.
    indirect enum Value: Decodable, Equatable {
        case string(String), integer(Int64), number(Double), bool(Bool), null, array([Value]), object([String: Value])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
            else if let whole = try? container.decode(Int64.self) { self = .integer(whole) }
            else if let number = try? container.decode(Double.self) { self = .number(number) }
            else if let text = try? container.decode(String.self) { self = .string(text) }
            else if let elements = try? container.decode([Value].self) { self = .array(elements) }
            else { self = .object(try container.decode([String: Value].self)) }
        }

        subscript(key: String) -> Value? {
            if case .object(let members) = self { members[key] } else { nil }
        }

        var typeName: String {
            switch self {
            case .string: "string"
            case .integer: "integer"
            case .number: "number"
            case .bool: "boolean"
            case .null: "null"
            case .array: "array"
            case .object: "object"
            }
        }
    }

    /// The problems of `value` against `schema` (the keywords the document uses), with
    /// objects whose schema lists properties taken as closed: a property it does not name
    /// (and no `additionalProperties` admits) is a problem.
    static func problems(_ value: Value, _ schema: Value, document: Value, at path: String = "$") -> [String] {
        if case .string(let reference)? = schema["$ref"] {
            var node: Value? = document
            for key in reference.dropFirst(2).split(separator: "/") { node = node?[String(key)] }
            guard let resolved = node else { return ["\(path): \(reference) does not resolve"] }
            return problems(value, resolved, document: document, at: path)
        }
        if case .array(let choices)? = schema["oneOf"] {
            let matching = choices.filter { problems(value, $0, document: document, at: path).isEmpty }.count
            return matching == 1 ? [] : ["\(path): matches \(matching) of the oneOf choices"]
        }
        var found: [String] = []
        if let type = schema["type"] {
            let allowed: [Value] = if case .array(let types) = type { types } else { [type] }
            let actual = value.typeName
            let fits = allowed.contains(.string(actual)) || (actual == "integer" && allowed.contains(.string("number")))
            if !fits { return ["\(path): \(actual) where the schema says \(type)"] }
        }
        if case .array(let choices)? = schema["enum"], !choices.contains(value) { found.append("\(path): \(value) is not in \(choices)") }
        if case .object(let members) = value, schema["properties"] != nil || schema["additionalProperties"] != nil {
            let properties: [String: Value] = if case .object(let named)? = schema["properties"] { named } else { [:] }
            if case .array(let required)? = schema["required"] {
                for case .string(let name) in required where members[name] == nil { found.append("\(path).\(name): required, missing") }
            }
            for (name, member) in members {
                if let property = properties[name] {
                    found += problems(member, property, document: document, at: "\(path).\(name)")
                } else if let additional = schema["additionalProperties"] {
                    found += problems(member, additional, document: document, at: "\(path).\(name)")
                } else {
                    found.append("\(path).\(name): not in the schema")
                }
            }
        }
        if case .array(let elements) = value, let items = schema["items"] {
            for (offset, element) in elements.enumerated() {
                found += problems(element, items, document: document, at: "\(path)[\(offset)]")
            }
        }
        return found
    }

    /// The problems of one answer against what the document says of `method path` for its status.
    static func problems(of response: RawHTTPClient.Response, _ method: String, _ path: String, document: Value) -> [String] {
        let label = "\(method) \(path) \(response.status)"
        guard var described = document["paths"]?[path]?[method.lowercased()]?["responses"]?[String(response.status)] else {
            return ["\(label): status not in the document"]
        }
        if case .string(let reference)? = described["$ref"] {
            guard let shared = document["components"]?["responses"]?[String(reference.split(separator: "/").last ?? "")] else {
                return ["\(label): \(reference) does not resolve"]
            }
            described = shared
        }
        guard let schema = described["content"]?["application/json"]?["schema"] else {
            return response.header("Content-Type") == "application/json" ? ["\(label): JSON answer without a documented schema"] : []
        }
        guard let value = try? JSONDecoder().decode(Value.self, from: Data(response.body)) else { return ["\(label): not JSON"] }
        return problems(value, schema, document: document).map { "\(label): \($0)" }
    }

    @Test func everyAnswerOfEveryRouteMatchesTheDocument() throws {
        let shop = try ShopServerFixture()
        let document = try JSONDecoder().decode(Value.self, from: Data(shop.application.openAPIDocument.utf8))
        var answered: [(method: String, path: String, response: RawHTTPClient.Response)] = []
        func record(_ method: String, _ path: String, _ response: RawHTTPClient.Response) {
            answered.append((method, path, response))
        }
        let credentials = ShopServerFixture.jsonBody(["username": "conformer", "password": "correct horse battery"])
        record("POST", "/api/register/", try shop.post("/api/register/", credentials))
        record("POST", "/api/register/", try shop.post("/api/register/", credentials))
        record("POST", "/api/register/", try shop.post("/api/register/", #"{"username": "x"}"#))
        record("POST", "/api/register/", try shop.request("POST", "/api/register/", json: credentials, contentType: "text/plain"))
        let login = try shop.post("/api/login/", credentials)
        record("POST", "/api/login/", login)
        record("POST", "/api/login/", try shop.post("/api/login/", ShopServerFixture.jsonBody(["username": "conformer", "password": "wrong"])))
        let pair = try shop.post("/api/token/", credentials)
        record("POST", "/api/token/", pair)
        let refresh = try #require(try pair.jsonObject()["refresh"] as? String)
        let access = try #require(try login.jsonObject()["access"] as? String)
        let cookie = try #require(login.setCookie(named: "uplyft_refresh")?.value)
        let csrf = try #require(login.setCookie(named: "csrftoken")?.value)
        record("POST", "/api/token/refresh/", try shop.post("/api/token/refresh/", ShopServerFixture.jsonBody(["refresh": refresh])))
        record("POST", "/api/token/refresh/", try shop.post("/api/token/refresh/", headers: [
            ("Cookie", "uplyft_refresh=\(cookie); csrftoken=\(csrf)"), ("X-CSRF-Token", csrf)]))
        record("POST", "/api/token/refresh/", try shop.post("/api/token/refresh/", headers: [("Cookie", "uplyft_refresh=\(cookie)")]))
        record("POST", "/api/token/refresh/", try shop.post("/api/token/refresh/", ShopServerFixture.jsonBody(["refresh": refresh])))
        record("GET", "/api/me/", try shop.get("/api/me/", bearer: access))
        record("GET", "/api/me/", try shop.get("/api/me/"))
        for message in ["noise cancelling headphones under 300", "add the first one to my cart", "show my cart", "hello"] {
            record("POST", "/api/chat/", try shop.post("/api/chat/", ShopServerFixture.jsonBody(["message": message]), bearer: access))
        }
        record("POST", "/api/chat/", try shop.post("/api/chat/", #"{"message": 7}"#, bearer: access))
        record("GET", "/api/chat/history/", try shop.get("/api/chat/history/?page_size=3", bearer: access))
        record("GET", "/api/chat/history/", try shop.get("/api/chat/history/?page=2&page_size=3", bearer: access))
        record("GET", "/api/chat/history/", try shop.get("/api/chat/history/?page=0", bearer: access))
        record("DELETE", "/api/chat/history/", try shop.request("DELETE", "/api/chat/history/", headers: [("Authorization", "Bearer \(access)")]))
        record("GET", "/api/products/{id}/", try shop.get("/api/products/sony-wh1000xm5/"))
        record("GET", "/api/products/{id}/", try shop.get("/api/products/no-such-product/"))
        record("GET", "/api/search/", try shop.get("/api/search/?q=wireless+headphone&page_size=2"))
        record("GET", "/api/search/", try shop.get("/api/search/?q=hedphones"))
        record("GET", "/api/search/", try shop.get("/api/search/?q=zzzzqqq"))
        record("GET", "/api/search/", try shop.get("/api/search/?page_size=1000"))
        // The cart and orders (issue 15): successes and each kind of refusal.
        let bearer = [("Authorization", "Bearer \(access)")]
        record("GET", "/api/cart/", try shop.get("/api/cart/", bearer: access))
        record("POST", "/api/checkout/", try shop.post("/api/checkout/", bearer: access))
        record("POST", "/api/cart/items/", try shop.post("/api/cart/items/", #"{"product_id": "ceramic-mug", "quantity": 2}"#, bearer: access))
        record("POST", "/api/cart/items/", try shop.post("/api/cart/items/", #"{"product_id": "bose-qc45"}"#, bearer: access))
        record("POST", "/api/cart/items/", try shop.post("/api/cart/items/", #"{"product_id": "ceramic-mug", "quantity": 0}"#, bearer: access))
        record("POST", "/api/cart/items/", try shop.post("/api/cart/items/", #"{"product_id": "ceramic-mug"}"#))
        record("PUT", "/api/cart/items/{product_id}/", try shop.request("PUT", "/api/cart/items/ceramic-mug/", json: #"{"quantity": 3}"#, headers: bearer))
        record("PUT", "/api/cart/items/{product_id}/", try shop.request("PUT", "/api/cart/items/nope/", json: #"{"quantity": 3}"#, headers: bearer))
        record("PUT", "/api/cart/items/{product_id}/", try shop.request("PUT", "/api/cart/items/ceramic-mug/", json: #"{"quantity": 99}"#, headers: bearer))
        record("DELETE", "/api/cart/items/{product_id}/", try shop.request("DELETE", "/api/cart/items/nope/", headers: bearer))
        let review = try shop.post("/api/checkout/", bearer: access)
        record("POST", "/api/checkout/", review)
        let token = try #require(try review.jsonObject()["checkout_token"] as? String)
        let placed = try shop.post("/api/orders/", ShopServerFixture.jsonBody(["checkout_token": token]), bearer: access)
        record("POST", "/api/orders/", placed)
        record("POST", "/api/orders/", try shop.post("/api/orders/", ShopServerFixture.jsonBody(["checkout_token": token]), bearer: access))
        record("POST", "/api/orders/", try shop.post("/api/orders/", "{}", bearer: access))
        let orderID = try #require(try placed.jsonObject()["id"] as? Int)
        record("GET", "/api/orders/", try shop.get("/api/orders/", bearer: access))
        record("GET", "/api/orders/", try shop.get("/api/orders/?page_size=0", bearer: access))
        record("GET", "/api/orders/{id}/", try shop.get("/api/orders/\(orderID)/", bearer: access))
        record("GET", "/api/orders/{id}/", try shop.get("/api/orders/424242/", bearer: access))
        record("POST", "/api/cart/items/", try shop.post("/api/cart/items/", #"{"product_id": "ceramic-mug"}"#, bearer: access))
        record("DELETE", "/api/cart/items/{product_id}/", try shop.request("DELETE", "/api/cart/items/ceramic-mug/", headers: bearer))
        record("GET", "/api/search/", try shop.get("/api/search/?q=headphones&facets=category,brand,price,rating,in_stock&brand=Sony&brand=Bose&highlight=true"))
        record("GET", "/api/search/", try shop.get("/api/search/?facets=colour"))
        record("GET", "/api/suggest/", try shop.get("/api/suggest/?q=headph"))
        record("GET", "/api/suggest/", try shop.get("/api/suggest/?q=headph&limit=0"))
        record("GET", "/api/health/", try shop.get("/api/health/"))
        record("GET", "/api/openapi.json", try shop.get("/api/openapi.json"))
        record("GET", "/metrics", try shop.get("/metrics"))
        record("GET", "/api/ready/", try shop.get("/api/ready/"))
        shop.application.readiness.beginDraining()
        record("GET", "/api/ready/", try shop.get("/api/ready/"))
        record("POST", "/api/logout/", try shop.post("/api/logout/", #"{"refresh": ""}"#))
        record("POST", "/api/logout/", try shop.post("/api/logout/", headers: [
            ("Cookie", "uplyft_refresh=\(cookie); csrftoken=\(csrf)"), ("X-CSRF-Token", csrf)]))

        var problems: [String] = []
        for (method, path, response) in answered {
            problems += Self.problems(of: response, method, path, document: document)
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // The session reached every route and the answers worth checking.
        let routes = Set(shop.application.routePatterns.map { "\($0.method) \($0.path)" })
        #expect(Set(answered.map { "\($0.method) \($0.path)" }) == routes)
        let statuses = Set(answered.map(\.response.status))
        #expect(statuses.isSuperset(of: [200, 201, 400, 401, 403, 404, 409, 415]), "\(statuses.sorted())")
    }

    /// The checker itself: it finds what it is for.
    @Test func theCheckerFindsUndocumentedPropertiesAndWrongTypes() throws {
        let document = try JSONDecoder().decode(Value.self, from: Data(#"""
            {"components": {"schemas": {"Pair": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}, "n": {"type": ["integer", "null"]}}}}}}
            """#.utf8))
        let schema = try JSONDecoder().decode(Value.self, from: Data(##"{"$ref": "#/components/schemas/Pair"}"##.utf8))
        func check(_ json: String) throws -> [String] {
            Self.problems(try JSONDecoder().decode(Value.self, from: Data(json.utf8)), schema, document: document)
        }
        #expect(try check(#"{"a": "x", "n": null}"#).isEmpty)
        #expect(try check(#"{"a": "x", "n": 3}"#).isEmpty)
        #expect(try check(#"{"a": "x", "n": 3.5}"#).count == 1)
        #expect(try check(#"{"a": "x", "extra": 1}"#).count == 1)
        #expect(try check(#"{"n": 1}"#).count == 1)
        #expect(try check(#"{"a": true}"#).count == 1)
        #expect(try check(#"[]"#).count == 1)
    }
}
