import Crypto
import Foundation
import Testing
@testable import Auth

@Suite struct JSONWebTokenTests {
    static let secret = Array("uplyft-test-secret-0123456789abcdef".utf8)
    static let signer = TokenSigner(secret: secret)
    static let issuedAt = 1_700_000_000
    static let accessClaims = TokenClaims(sub: "user-42", iat: issuedAt, exp: issuedAt + 900,
                                          jti: "test-token-id-1", type: .access)

    /// Builds a token by hand from raw header and claims JSON, signed with HS256 under `secret`,
    /// so each refusal below is caused by the one thing the test changes.
    static func handMadeToken(header: String, claims: String, secret: [UInt8] = secret) -> String {
        let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(claims.utf8))
        let signature = Crypto.hmacSHA256(key: secret, message: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    static let standardHeader = #"{"alg":"HS256","typ":"JWT"}"#
    static let validClaimsJSON = #"{"sub":"user-42","iat":1700000000,"exp":1700000900,"jti":"j1","type":"access"}"#

    func verify(_ token: String, expecting type: TokenType = .access, now: Int = issuedAt + 1) throws(TokenError) -> TokenClaims {
        try Self.signer.verify(token, expecting: type, now: now)
    }

    // MARK: Accepted tokens

    @Test func signedTokenVerifiesToTheSameClaims() throws {
        let token = Self.signer.sign(Self.accessClaims)
        #expect(try verify(token) == Self.accessClaims)

        let refreshClaims = TokenClaims(sub: "user-7", iat: Self.issuedAt, exp: Self.issuedAt + 86_400,
                                        nbf: Self.issuedAt, jti: TokenClaims.newTokenID(), type: .refresh)
        #expect(try verify(Self.signer.sign(refreshClaims), expecting: .refresh) == refreshClaims)
    }

    @Test func tokenHasThreePartsAndTheFixedHeader() throws {
        let parts = Self.signer.sign(Self.accessClaims).split(separator: ".", omittingEmptySubsequences: false)
        try #require(parts.count == 3)
        #expect(Base64URL.decode(parts[0]).map { String(decoding: $0, as: UTF8.self) } == Self.standardHeader)
        #expect(Base64URL.decode(parts[2])?.count == 32)
    }

    /// Produced independently with Python 3.11's hmac/hashlib (not with this code):
    ///
    ///     secret = b"uplyft-test-secret-0123456789abcdef"
    ///     claims = {"exp": 1700000900, "iat": 1700000000, "jti": "test-token-id-1",
    ///               "sub": "user-42", "type": "access"}
    ///     b64u = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    ///     signing_input = b64u(b'{"alg":"HS256","typ":"JWT"}') + "." + \
    ///         b64u(json.dumps(claims, separators=(",", ":"), sort_keys=True).encode())
    ///     token = signing_input + "." + b64u(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())
    static let pythonToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        + ".eyJleHAiOjE3MDAwMDA5MDAsImlhdCI6MTcwMDAwMDAwMCwianRpIjoidGVzdC10b2tlbi1pZC0xIiwic3ViIjoidXNlci00MiIsInR5cGUiOiJhY2Nlc3MifQ"
        + ".7LAbqqUCXnaAYTb0GDMyQuO9iThpQW1LE4J54nNq-R0"

    @Test func verifiesTokenFromIndependentImplementation() throws {
        #expect(try verify(Self.pythonToken) == Self.accessClaims)
    }

    @Test func signingIsDeterministicAndMatchesIndependentImplementation() {
        // Sorted keys and compact JSON make our bytes identical to Python's sort_keys output.
        #expect(Self.signer.sign(Self.accessClaims) == Self.pythonToken)
    }

    @Test func acceptsHandMadeTokenWithKeysInAnyOrderAndExtraFields() throws {
        let claims = #"{"type":"access","jti":"j1","exp":1700000900,"iat":1700000000,"sub":"user-42","extra":[1]}"#
        let header = #"{"typ":"JWT","kid":"ignored","alg":"HS256"}"#
        let decoded = try verify(Self.handMadeToken(header: header, claims: claims))
        #expect(decoded.sub == "user-42")
        #expect(decoded.nbf == nil)
    }

    // MARK: Algorithm refusals

    @Test(arguments: [
        #"{"alg":"HS512","typ":"JWT"}"#,
        #"{"alg":"hs256","typ":"JWT"}"#,
        #"{"alg":"RS256","typ":"JWT"}"#,
        #"{"alg":"HS256 ","typ":"JWT"}"#,
        #"{"typ":"JWT"}"#,
        #"{"alg":null}"#,
        #"{"alg":"HS256","crit":["exp"]}"#,
    ])
    func refusesHeadersOtherThanHS256(header: String) {
        // Correctly HS256-signed, so only the header is at fault.
        let token = Self.handMadeToken(header: header, claims: Self.validClaimsJSON)
        #expect(throws: TokenError.unsupportedAlgorithm) { try verify(token) }
    }

    @Test func refusesAlgNoneWithEmptySignature() {
        let unsigned = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "."
            + Base64URL.encode(Array(Self.validClaimsJSON.utf8)) + "."
        #expect(throws: TokenError.unsupportedAlgorithm) { try verify(unsigned) }
    }

    // MARK: Signature refusals

    @Test func refusesTamperedPayload() throws {
        let token = Self.signer.sign(Self.accessClaims)
        let parts = token.split(separator: ".")
        var promoted = Self.accessClaims
        promoted.sub = "admin"
        let otherPayload = Self.signer.sign(promoted).split(separator: ".")[1]
        let tampered = "\(parts[0]).\(otherPayload).\(parts[2])"
        #expect(throws: TokenError.badSignature) { try verify(tampered) }
    }

    @Test func refusesTamperedSignature() {
        let token = Self.signer.sign(Self.accessClaims)
        let signatureStart = token.index(after: token.lastIndex(of: ".") ?? token.startIndex)
        let replacement: Character = token[signatureStart] == "A" ? "B" : "A"
        var tampered = token
        tampered.replaceSubrange(signatureStart...signatureStart, with: String(replacement))
        #expect(throws: TokenError.badSignature) { try verify(tampered) }
    }

    @Test func refusesTokenSignedWithAnotherSecret() {
        let otherSigner = TokenSigner(secret: Array("another-secret-of-at-least-32-bytes!".utf8))
        #expect(throws: TokenError.badSignature) { try verify(otherSigner.sign(Self.accessClaims)) }
    }

    @Test func refusesEmptyOrTruncatedSignature() {
        let token = Self.signer.sign(Self.accessClaims)
        let withoutSignature = String(token[...(token.lastIndex(of: ".") ?? token.startIndex)])
        #expect(throws: TokenError.badSignature) { try verify(withoutSignature) }
        #expect(throws: TokenError.badSignature) { try verify(String(token.dropLast(3))) }  // 40 characters: 30 bytes
    }

    // MARK: Claim refusals

    @Test func refusesWrongTokenType() {
        #expect(throws: TokenError.wrongType) { try verify(Self.signer.sign(Self.accessClaims), expecting: .refresh) }
        var refresh = Self.accessClaims
        refresh.type = .refresh
        #expect(throws: TokenError.wrongType) { try verify(Self.signer.sign(refresh), expecting: .access) }
    }

    @Test func refusesExpiredTokenFromTheExpirySecondOn() throws {
        let token = Self.signer.sign(Self.accessClaims)
        #expect(try verify(token, now: Self.accessClaims.exp - 1) == Self.accessClaims)
        #expect(throws: TokenError.expired) { try verify(token, now: Self.accessClaims.exp) }
        #expect(throws: TokenError.expired) { try verify(token, now: Self.accessClaims.exp + 3600) }
    }

    @Test func refusesNotBeforeInTheFutureBeyondTolerance() throws {
        var claims = Self.accessClaims
        claims.nbf = Self.issuedAt + 600
        let token = Self.signer.sign(claims)
        #expect(throws: TokenError.notYetValid) { try verify(token, now: Self.issuedAt) }
        let tolerance = TokenSigner.clockSkewToleranceSeconds
        #expect(try verify(token, now: Self.issuedAt + 600 - tolerance) == claims)
    }

    @Test func refusesIssuedAtInTheFutureBeyondTolerance() throws {
        let token = Self.signer.sign(Self.accessClaims)
        let tolerance = TokenSigner.clockSkewToleranceSeconds
        #expect(try verify(token, now: Self.issuedAt - tolerance) == Self.accessClaims)
        #expect(throws: TokenError.notYetValid) { try verify(token, now: Self.issuedAt - tolerance - 1) }
    }

    @Test(arguments: [
        #"{"iat":1700000000,"exp":1700000900,"jti":"j1","type":"access"}"#,                   // no sub
        #"{"sub":"u","iat":1700000000,"jti":"j1","type":"access"}"#,                           // no exp
        #"{"sub":"u","iat":1700000000,"exp":1700000900,"jti":"j1"}"#,                          // no type
        #"{"sub":"u","iat":1700000000,"exp":"1700000900","jti":"j1","type":"access"}"#,        // exp a string
        #"{"sub":"u","iat":1700000000,"exp":1700000900,"jti":"j1","type":"admin"}"#,           // unknown type
        #"["sub","u"]"#,
        "not json",
    ])
    func refusesSignedTokenWithUnusableClaims(claims: String) {
        let token = Self.handMadeToken(header: Self.standardHeader, claims: claims)
        #expect(throws: TokenError.malformed) { try verify(token) }
    }

    // MARK: Structural refusals

    @Test func refusesWrongNumberOfParts() {
        let token = Self.signer.sign(Self.accessClaims)
        let parts = token.split(separator: ".")
        #expect(throws: TokenError.malformed) { try verify("\(parts[0]).\(parts[1])") }
        #expect(throws: TokenError.malformed) { try verify(token + "." + parts[2]) }
        #expect(throws: TokenError.malformed) { try verify(token + ".") }
        #expect(throws: TokenError.malformed) { try verify("") }
        #expect(throws: TokenError.malformed) { try verify("..") }
    }

    @Test func refusesNonBase64URLCharacters() {
        let token = Self.signer.sign(Self.accessClaims)
        let parts = token.split(separator: ".")
        #expect(throws: TokenError.malformed) { try verify("\(parts[0])!.\(parts[1]).\(parts[2])") }
        #expect(throws: TokenError.malformed) { try verify("\(parts[0]).\(parts[1]).\(parts[2])=") }
        #expect(throws: TokenError.malformed) { try verify("\(parts[0]).\(parts[1]).\(parts[2].dropLast())+") }
        #expect(throws: TokenError.malformed) { try verify(" " + token) }
    }

    @Test func refusesHeaderThatIsNotAJSONObject() {
        for header in ["not json", #"["alg","HS256"]"#, #""HS256""#, ""] {
            let token = Self.handMadeToken(header: header, claims: Self.validClaimsJSON)
            #expect(throws: TokenError.malformed) { try verify(token) }
        }
    }

    @Test func refusesOversizedTokenEvenWhenCorrectlySigned() {
        var claims = Self.accessClaims
        claims.sub = String(repeating: "x", count: TokenSigner.maximumTokenLength)
        #expect(throws: TokenError.malformed) { try verify(Self.signer.sign(claims)) }
        let huge = String(repeating: "A", count: 1_000_000) + ".e30.AAAA"
        #expect(throws: TokenError.malformed) { try verify(huge) }
    }
}
