import Foundation
import Testing
@testable import API

/// Keeps the OpenAPI description true: it must parse, declare OpenAPI 3.1, and describe
/// exactly the routes the router serves (no route missing, none invented).
@Suite struct OpenAPIDocumentTests {
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The document a shop serves (built from its routes when it starts).
    private func document() throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(try ShopServerFixture().application.openAPIDocument.utf8))
        return try #require(parsed as? [String: Any], "the document must be a JSON object")
    }

    /// Every (METHOD, path) the document describes.
    private func describedOperations() throws -> Set<String> {
        let paths = try #require(try document()["paths"] as? [String: Any])
        var operations: Set<String> = []
        for (path, item) in paths {
            let operationsByMethod = try #require(item as? [String: Any], "\(path)")
            for method in operationsByMethod.keys where Self.methods.contains(method) {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        return operations
    }

    @Test func isOpenAPI31WithTitleAndVersion() throws {
        let document = try document()
        let version = try #require(document["openapi"] as? String)
        #expect(version.hasPrefix("3.1."))
        let info = try #require(document["info"] as? [String: Any])
        #expect(info["title"] is String && info["version"] is String)
    }

    /// The HTTP layer can refuse any request before routing (414 for a request line over
    /// the limit, 431, 413, 408, 503...): every operation must list those answers, or a client
    /// generated from the document (and schemathesis) meets undocumented statuses.
    @Test func everyOperationListsTheHTTPLayersAnswers() throws {
        let paths = try #require(try document()["paths"] as? [String: Any])
        var checked = 0
        for (path, item) in paths {
            for (method, operation) in try #require(item as? [String: Any]) where Self.methods.contains(method) {
                let responses = try #require((operation as? [String: Any])?["responses"] as? [String: Any], "\(method) \(path)")
                for status in ["400", "408", "413", "414", "431", "503"] {
                    #expect(responses[status] != nil, "\(method) \(path) does not list \(status)")
                }
                checked += 1
            }
        }
        #expect(checked >= 12)
        // An operation's own description of a status stays (login's 400 is a JSON error).
        let login = try #require((paths["/api/login/"] as? [String: Any])?["post"] as? [String: Any])
        let badRequest = try #require((login["responses"] as? [String: Any])?["400"] as? [String: Any])
        #expect(badRequest["$ref"] as? String == "#/components/responses/Error")
    }

    /// Every operation that reads a JSON body answers 415 without `Content-Type:
    /// application/json`; the ones that hash a password can also be throttled (429) or find
    /// the hashing queue full (503). The document must say so, with Retry-After.
    @Test func jsonAndPasswordOperationsListTheirRefusals() throws {
        let document = try document()
        let paths = try #require(document["paths"] as? [String: Any])
        func responses(_ path: String) throws -> [String: Any] {
            let operation = try #require((paths[path] as? [String: Any])?["post"] as? [String: Any], "\(path)")
            return try #require(operation["responses"] as? [String: Any], "\(path)")
        }
        for path in ["/api/register/", "/api/login/", "/api/token/", "/api/token/refresh/", "/api/logout/", "/api/chat/"] {
            #expect((try responses(path)["415"] as? [String: Any])?["$ref"] as? String == "#/components/responses/UnsupportedMediaType", "\(path)")
        }
        for path in ["/api/register/", "/api/login/", "/api/token/"] {
            #expect((try responses(path)["429"] as? [String: Any])?["$ref"] as? String == "#/components/responses/Throttled", "\(path)")
            #expect((try responses(path)["503"] as? [String: Any])?["$ref"] as? String == "#/components/responses/Busy", "\(path)")
        }
        let components = try #require((document["components"] as? [String: Any])?["responses"] as? [String: Any])
        for name in ["Throttled", "Busy"] {
            let headers = try #require((components[name] as? [String: Any])?["headers"] as? [String: Any], "\(name)")
            #expect(headers["Retry-After"] != nil, "\(name)")
        }
    }

    @Test func describesExactlyTheRoutesTheRouterServes() throws {
        let shop = try ShopServerFixture()
        let served = Set(shop.application.routePatterns.map { "\($0.method) \($0.path)" })
        let described = try describedOperations()
        #expect(served.subtracting(described).isEmpty, "routes missing from the OpenAPI document")
        #expect(described.subtracting(served).isEmpty, "operations in the document that no route serves")
        #expect(served.count == shop.application.routePatterns.count, "a route is registered twice")
    }

    @Test func everyOperationHasResponsesAndDeclaresItsPathParameters() throws {
        let paths = try #require(try document()["paths"] as? [String: Any])
        for (path, item) in paths {
            let operations = try #require(item as? [String: Any])
            let captures = Set(path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }
                .map { String($0.dropFirst().dropLast()) })
            for (method, value) in operations where Self.methods.contains(method) {
                let operation = try #require(value as? [String: Any], "\(method) \(path)")
                let responses = operation["responses"] as? [String: Any] ?? [:]
                #expect(!responses.isEmpty, "\(method) \(path) has no responses")
                let parameters = operation["parameters"] as? [[String: Any]] ?? []
                let declared = Set(parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
                #expect(declared == captures, "\(method) \(path) path parameters")
            }
        }
    }

    @Test func everyReferenceResolves() throws {
        let document = try document()
        var references: [String] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                if let reference = object["$ref"] as? String { references.append(reference) }
                object.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(document)
        #expect(!references.isEmpty)
        for reference in references {
            #expect(reference.hasPrefix("#/"), "\(reference) is not local")
            var node: Any? = document
            for key in reference.dropFirst(2).split(separator: "/") {
                node = (node as? [String: Any])?[String(key)]
            }
            #expect(node is [String: Any], "\(reference) does not resolve")
        }
    }
}
