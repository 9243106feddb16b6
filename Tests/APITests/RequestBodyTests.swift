import Foundation
import Testing
@testable import API
import HTTPCore

/// Request bodies are decoded into their route's type (`RequestBody`), and every refusal
/// names the field at fault: in the message and as `error.field`, with a stable code.
@Suite struct RequestBodyTests {
    private func request(_ body: String, contentType: String? = "application/json") throws -> HTTPRequest {
        try HTTPRequest(method: "POST", target: "/api/login/", headers: contentType.map { [("Content-Type", $0)] } ?? [],
                        body: Array(body.utf8))
    }

    private func refusal<Body: RequestBody>(_ type: Body.Type, _ body: String) throws -> APIError {
        let request = try request(body)
        do {
            _ = try RequestBodyDecoder.decode(type, from: request)
        } catch {
            return error
        }
        Issue.record("\(body) was accepted")
        return APIError(status: 0, code: "", message: "")
    }

    struct FieldCase: CustomTestStringConvertible, Sendable {
        let body: String
        let code: String
        let field: String
        var testDescription: String { body.count > 60 ? String(body.prefix(60)) + "..." : body }
    }

    static let credentialCases: [FieldCase] = [
        FieldCase(body: #"{"username": "alice"}"#, code: "missing_field", field: "password"),
        FieldCase(body: #"{"password": "correct horse battery"}"#, code: "missing_field", field: "username"),
        FieldCase(body: #"{}"#, code: "missing_field", field: "username"),
        FieldCase(body: #"{"username": "", "password": "x"}"#, code: "missing_field", field: "username"),
        FieldCase(body: #"{"username": "alice", "password": ""}"#, code: "missing_field", field: "password"),
        FieldCase(body: #"{"username": 42, "password": "x"}"#, code: "invalid_field", field: "username"),
        FieldCase(body: #"{"username": "alice", "password": null}"#, code: "invalid_field", field: "password"),
        FieldCase(body: #"{"username": ["alice"], "password": "x"}"#, code: "invalid_field", field: "username"),
        FieldCase(body: #"{"username": "alice", "password": {"a": 1}}"#, code: "invalid_field", field: "password"),
        FieldCase(body: #"{"username": "alice", "password": true}"#, code: "invalid_field", field: "password"),
        // Numbers no integer type holds are a wrong type like any other, never a trap.
        FieldCase(body: #"{"username": 1e300, "password": "x"}"#, code: "invalid_field", field: "username"),
        FieldCase(body: #"{"username": "alice", "password": -99999999999999999999999}"#, code: "invalid_field", field: "password"),
        FieldCase(body: "{\"username\": \"\(String(repeating: "a", count: 65))\", \"password\": \"x\"}", code: "invalid_field", field: "username"),
        FieldCase(body: "{\"username\": \"alice\", \"password\": \"\(String(repeating: "p", count: 1025))\"}", code: "invalid_field", field: "password"),
        // Limits count UTF-8 bytes: 22 three-byte characters are 66 bytes.
        FieldCase(body: "{\"username\": \"\(String(repeating: "語", count: 22))\", \"password\": \"x\"}", code: "invalid_field", field: "username"),
        // A field sent twice is refused whichever copy is good, escaped spellings included.
        FieldCase(body: #"{"username": "alice", "username": "bob", "password": "x"}"#, code: "duplicate_field", field: "username"),
        FieldCase(body: #"{"username": "alice", "password": "x", "user\u006eame": "bob"}"#, code: "duplicate_field", field: "username"),
        FieldCase(body: #"{"password": "x", "password": "y"}"#, code: "duplicate_field", field: "password"),
    ]

    @Test(arguments: credentialCases)
    func credentialErrorsNameTheField(_ example: FieldCase) throws {
        let error = try refusal(Credentials.self, example.body)
        #expect(error.status == 400)
        #expect(error.code == example.code)
        #expect(error.field == example.field)
        #expect(error.message.contains("\"\(example.field)\""), "\(error.message)")
    }

    @Test func chatAndRefreshBodiesNameTheirFields() throws {
        let cases: [(any RequestBody.Type, String, String, String)] = [
            (ChatMessageBody.self, #"{"message": 1e300}"#, "invalid_field", "message"),
            (ChatMessageBody.self, #"{"message": ""}"#, "missing_field", "message"),
            (ChatMessageBody.self, #"{"text": "hello"}"#, "missing_field", "message"),
            (ChatMessageBody.self, "{\"message\": \"\(String(repeating: "m", count: ChatMessageBody.maximumMessageBytes + 1))\"}",
             "invalid_field", "message"),
            (ChatMessageBody.self, #"{"message": "hi", "message": "add it to my cart"}"#, "duplicate_field", "message"),
            // null is a value of the wrong type, not a missing token: no fall-back to the cookie.
            (RefreshTokenBody.self, #"{"refresh": null}"#, "invalid_field", "refresh"),
            (RefreshTokenBody.self, #"{"refresh": ""}"#, "missing_field", "refresh"),
            (RefreshTokenBody.self, #"{"refresh": 7}"#, "invalid_field", "refresh"),
            (RefreshTokenBody.self, "{\"refresh\": \"\(String(repeating: "r", count: 4097))\"}", "invalid_field", "refresh"),
        ]
        for (type, body, code, field) in cases {
            let error = try refusal(type, body)
            #expect(error.status == 400 && error.code == code && error.field == field, "\(body): \(error)")
            #expect(error.message.contains("\"\(field)\""), "\(body): \(error.message)")
        }
    }

    @Test func wellFormedBodiesDecodeIntoTheirTypes() throws {
        let credentials = try RequestBodyDecoder.decode(Credentials.self, from: request(#"{"username": "al\u0069ce", "password": "p\"w"}"#))
        #expect(credentials.username == "alice" && credentials.password == "p\"w")
        // Unknown fields are ignored (the policy `RequestBody` states), whatever they hold.
        let extra = try RequestBodyDecoder.decode(Credentials.self, from: request(
            #"{"username": "alice", "password": "x", "email": "a@example.com", "n": 1e999, "nested": {"username": 1, "username": 2}}"#))
        #expect(extra.username == "alice")
        // An empty body is {}: the refresh token then comes from the cookie.
        #expect(try RequestBodyDecoder.decode(RefreshTokenBody.self, from: request("")).refresh == nil)
        #expect(try RequestBodyDecoder.decode(RefreshTokenBody.self, from: request(#"{"refresh": "abc"}"#)).refresh == "abc")
        // A byte-order mark and surrounding whitespace are JSON text still.
        #expect(try RequestBodyDecoder.decode(ChatMessageBody.self, from: request("\u{FEFF} {\"message\": \"mugs\"}\n")).message == "mugs")
        let longest = String(repeating: "m", count: ChatMessageBody.maximumMessageBytes)
        #expect(try RequestBodyDecoder.decode(ChatMessageBody.self, from: request("{\"message\": \"\(longest)\"}")).message == longest)
    }

    @Test func bodiesThatAreNotAJSONObjectInUTF8AreInvalidJSON() throws {
        let utf16 = String(decoding: Array(#"{"username":"alice","password":"x"}"#.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
                           as: UTF8.self)
        for body in ["{\"username\": ", "[\"alice\", \"secret\"]", "null", "42", "\"text\"", "not json at all",
                     #"{"username": "\ud800", "password": "x"}"#, utf16, String(repeating: "[", count: 100_000)] {
            let error = try refusal(Credentials.self, body)
            #expect(error.status == 400 && error.code == "invalid_json", "\(body.prefix(40)): \(error)")
            #expect(error.field == nil)
        }
    }

    @Test func otherMediaTypesAre415BeforeTheBodyIsRead() throws {
        for type in [nil, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"] {
            let typed = try request("{", contentType: type)
            do {
                _ = try RequestBodyDecoder.decode(Credentials.self, from: typed)
                Issue.record("\(type ?? "no type") was accepted")
            } catch {
                #expect(error.status == 415 && error.code == "unsupported_media_type", "\(type ?? "no type")")
            }
        }
    }

    /// The limits the document states (built from `fields`) are the ones decoding enforces:
    /// a value of `maxLength` bytes is taken, one byte more is refused naming the field.
    @Test func theDocumentedLimitsAreTheEnforcedOnes() throws {
        func check<Body: RequestBody>(_ type: Body.Type) throws {
            var components: [String: JSONValue] = [:]
            let schema = Body.schema.json(components: &components)
            guard case .object(let properties)? = schema["properties"] else {
                Issue.record("\(Body.self) has no properties")
                return
            }
            #expect(Set(properties.keys) == Set(Body.fields.map(\.name)))
            for (name, property) in properties {
                guard case .integer(let limit)? = property["maxLength"] else {
                    Issue.record("\(Body.self).\(name) states no limit")
                    continue
                }
                func body(_ length: Int) -> String {
                    let members = Body.fields.map { field in
                        "\"\(field.name)\": \"\(String(repeating: "a", count: field.name == name ? length : 1))\""
                    }
                    return "{" + members.joined(separator: ", ") + "}"
                }
                #expect(throws: Never.self, "\(Body.self).\(name) at \(limit)") { try RequestBodyDecoder.decode(Body.self, from: try request(body(limit))) }
                let over = try refusal(Body.self, body(limit + 1))
                #expect(over.code == "invalid_field" && over.field == name, "\(Body.self).\(name) at \(limit + 1)")
            }
        }
        try check(Credentials.self)
        try check(RefreshTokenBody.self)
        try check(ChatMessageBody.self)
    }

    /// Over the wire: every route with a body answers a field error with `error.field`.
    @Test func everyBodyRouteAnswersWithTheField() throws {
        let shop = try ShopServerFixture()
        let login = try shop.signUpAndLogIn("field-names")
        let cases: [(path: String, body: String, field: String)] = [
            ("/api/register/", #"{"username": "newcomer"}"#, "password"),
            ("/api/login/", #"{"username": "field-names", "username": "other", "password": "x"}"#, "username"),
            ("/api/token/", #"{"username": "field-names", "password": 12345678}"#, "password"),
            ("/api/token/refresh/", #"{"refresh": null}"#, "refresh"),
            ("/api/logout/", #"{"refresh": ""}"#, "refresh"),
            ("/api/chat/", #"{"message": 1e300}"#, "message"),
        ]
        for (path, body, field) in cases {
            let response = try shop.post(path, body, bearer: login.access)
            #expect(response.status == 400, "\(path): \(response.text)")
            let error = try #require(try response.jsonObject()["error"] as? [String: Any], "\(path)")
            #expect(error["field"] as? String == field, "\(path): \(response.text)")
            #expect((error["message"] as? String)?.contains(field) == true, "\(path): \(response.text)")
        }
        // Errors about no one field carry none; UTF-16 is not the UTF-8 that JSON must be.
        let utf16 = String(decoding: Array(#"{"message":"mugs"}"#.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), as: UTF8.self)
        for body in ["{", utf16] {
            let notJSON = try shop.post("/api/chat/", body, bearer: login.access)
            #expect(notJSON.status == 400 && notJSON.errorCode == "invalid_json", "\(notJSON.text)")
            #expect((try notJSON.jsonObject()["error"] as? [String: Any])?["field"] == nil)
        }
        #expect(try shop.get("/api/chat/history/", bearer: login.access).jsonObject()["count"] as? Int == 0, "nothing was said")
    }
}

/// The top-level member names of JSON text (`JSONObjectKeys`), which find a repeated field.
@Suite struct JSONObjectKeysTests {
    @Test(arguments: [
        (#"{"a": 1, "a": 2}"#, "a"),
        (#"{"a": 1, "b": {"c": 1}, "b": 2}"#, "b"),
        (#"{"a": "x", "\u0061": "y"}"#, "a"),
        (#"{"\ud83d\ude00": 1, "😀": 2}"#, "😀"),
        (#"{"tab\t": 1, "tab\u0009": 2}"#, "tab\t"),
        // Canonically equivalent names are one name to Swift, and so to JSONDecoder.
        ("{\"caf\u{E9}\": 1, \"cafe\u{301}\": 2}", "caf\u{E9}"),
        (" \n{ \"a\" : [1, {\"a\": 2}] , \"b\": \"}\", \"a\" : null }", "a"),
        ("\u{FEFF}{\"a\": 1, \"a\": 1}", "a"),
        (#"{"a": 1, "a": 2,}"#, "a"),
    ])
    func findsTheRepeatedName(text: String, repeated: String) {
        #expect(JSONObjectKeys.firstRepeatedKey(in: Array(text.utf8)) == repeated)
    }

    @Test(arguments: [
        #"{}"#, #"{"a": 1, "b": 2}"#, #"{"a": {"a": 1, "a": 2}}"#, #"{"a": [{"b": 1}, {"b": 2}]}"#,
        #"{"a": "\"a\": 1", "b": "{\"a\":2}"}"#, #"{"A": 1, "a": 2}"#, #"[{"a": 1}, {"a": 1}]"#, #""a""#, "",
        #"{"a": 1, "#, #"{"a"#, #"{"a": "unterminated"#, #"{"a\u12": 1, "a\u12": 2}"#, #"{"\udc00": 1}"#,
    ])
    func findsNoneWhenNamesDifferOrTheTextIsNoObject(text: String) {
        #expect(JSONObjectKeys.firstRepeatedKey(in: Array(text.utf8)) == nil)
    }

    /// Any bytes at all: the scan ends and never traps (it runs only on text JSONDecoder
    /// accepted, but holds for every input). Every string of up to three bytes from JSON's
    /// punctuation, and every prefix of texts with strings, escapes and nesting.
    @Test func endsOnEveryInput() {
        let alphabet = Array(#"{}[]",:\u0aZ 9e."#.utf8) + [0xFF, 0xC3, 0x00, 0x0A]
        var inputs: [[UInt8]] = [[]]
        for length in 1...3 {
            inputs += inputs.filter { $0.count == length - 1 }.flatMap { prefix in alphabet.map { prefix + [$0] } }
        }
        for text in [#"{"a\u0041\ud83d\ude00": [1, {"b": "}\""}], "a": "x",}"#, "\u{FEFF}{\"a\": 1, \"a\": 2}"] {
            let bytes = Array(text.utf8)
            inputs += (0...bytes.count).map { Array(bytes[..<$0]) }
        }
        for bytes in inputs {
            _ = JSONObjectKeys.firstRepeatedKey(in: bytes)
        }
        #expect(inputs.count > 4_000)
    }
}
