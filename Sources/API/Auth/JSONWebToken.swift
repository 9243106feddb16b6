import Crypto
import Foundation

// JSON Web Tokens (RFC 7519) signed with HMAC-SHA256 ("HS256", RFC 7518 §3.2): the access and
// refresh tokens the API hands out at login and checks on every authenticated request.
//
// A token is `base64url(header) . base64url(claims) . base64url(HMAC-SHA256(secret, first two parts))`.
// Only HS256 is accepted, whatever the header asks for, so a client cannot downgrade to "none"
// or switch algorithms. The signature is checked before any claim is read.

/// Which of the two token kinds a token is; an access token must not work as a refresh token
/// (or the reverse), since they differ in lifetime and in what they grant.
public enum TokenType: String, Codable, Sendable {
    case access
    case refresh
}

/// The claims uplyft puts in a token. Times are whole seconds since the Unix epoch (RFC 7519 NumericDate).
public struct TokenClaims: Codable, Sendable, Equatable {
    /// The user the token was issued to.
    public var sub: String
    /// Issued-at time.
    public var iat: Int
    /// Expiry: the token is refused from this second on.
    public var exp: Int
    /// Not-before time, when the token should only become valid later than it was issued.
    public var nbf: Int?
    /// Unique token id, so a refresh token can be revoked or detected when reused.
    public var jti: String
    public var type: TokenType

    public init(sub: String, iat: Int, exp: Int, nbf: Int? = nil, jti: String, type: TokenType) {
        self.sub = sub
        self.iat = iat
        self.exp = exp
        self.nbf = nbf
        self.jti = jti
        self.type = type
    }

    /// A fresh random token id: 128 random bits in base64url (22 characters), enough that ids never collide.
    public static func newTokenID() -> String {
        Base64URL.encode(Crypto.randomBytes(16))
    }
}

/// Why a token was refused. Callers answer all of them with 401; the case is for logs and tests.
public enum TokenError: Error, Equatable, Sendable {
    /// Not three base64url parts of JSON, too long, or claims missing or of the wrong type.
    case malformed
    /// The header names an algorithm other than HS256 (or none), or demands extensions (`crit`).
    case unsupportedAlgorithm
    case badSignature
    /// An access token where a refresh token was expected, or the reverse.
    case wrongType
    case expired
    /// `nbf` or `iat` lies in the future beyond the clock-skew tolerance.
    case notYetValid
}

/// Signs and verifies HS256 tokens with one server secret.
public struct TokenSigner: Sendable {
    /// RFC 7518 §3.2: an HS256 key must be at least as long as the hash output (32 bytes).
    public static let minimumSecretLength = 32
    /// Tokens uplyft issues are about 300 bytes; refusing anything over 4 KiB before decoding
    /// bounds the work an unauthenticated client can cause per request.
    public static let maximumTokenLength = 4096
    /// How far `iat`/`nbf` may lie in the future: servers behind one load balancer may disagree by
    /// a few seconds, and a token just issued by one must not bounce off another. `exp` gets no
    /// tolerance: treating a token as expired a moment early only costs the client a refresh.
    public static let clockSkewToleranceSeconds = 30

    /// `{"alg":"HS256","typ":"JWT"}`, the only header uplyft writes, base64url-encoded once.
    private static let encodedHeader = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    private let secret: [UInt8]

    /// `secret` must hold at least `minimumSecretLength` random bytes; the configuration loader is
    /// expected to check that and report it before building a signer.
    public init(secret: [UInt8]) {
        precondition(secret.count >= Self.minimumSecretLength,
                     "JWT secret must be at least \(Self.minimumSecretLength) bytes")
        self.secret = secret
    }

    /// The compact serialization of `claims`, signed with this signer's secret.
    public func sign(_ claims: TokenClaims) -> String {
        let signingInput = Self.encodedHeader + "." + Base64URL.encode(Self.encodeClaims(claims))
        let signature = Crypto.hmacSHA256(key: secret, message: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// The claims of `token` if it is a well-formed HS256 token signed with this secret, of the
    /// expected type, and valid at `now` (seconds since the epoch); otherwise the first reason it fails.
    public func verify(_ token: String, expecting type: TokenType, now: Int) throws(TokenError) -> TokenClaims {
        guard token.utf8.count <= Self.maximumTokenLength else { throw .malformed }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed }
        let encodedHeaderPart = parts[0], encodedClaimsPart = parts[1], encodedSignaturePart = parts[2]

        guard let headerBytes = Base64URL.decode(encodedHeaderPart),
              let header = try? JSONDecoder().decode(Header.self, from: Data(headerBytes))
        else { throw .malformed }
        // Exact, case-sensitive match (RFC 7515 §4.1.1): "none", "HS512", "hs256" and a missing alg all fail.
        guard header.alg == "HS256" else { throw .unsupportedAlgorithm }
        // RFC 7515 §4.1.11: a token listing critical extensions must be refused by a recipient
        // that does not implement them, and uplyft implements none.
        guard header.crit == nil else { throw .unsupportedAlgorithm }

        // Authenticate before reading claims: until the tag matches, the payload is attacker data.
        guard let signature = Base64URL.decode(encodedSignaturePart) else { throw .malformed }
        let signingInput = Array(token.utf8.prefix(encodedHeaderPart.utf8.count + 1 + encodedClaimsPart.utf8.count))
        let expectedSignature = Crypto.hmacSHA256(key: secret, message: signingInput)
        guard Crypto.constantTimeEquals(signature, expectedSignature) else { throw .badSignature }

        guard let claimsBytes = Base64URL.decode(encodedClaimsPart),
              let claims = try? JSONDecoder().decode(TokenClaims.self, from: Data(claimsBytes))
        else { throw .malformed }
        guard claims.type == type else { throw .wrongType }
        guard now < claims.exp else { throw .expired }
        let (latestAcceptedStart, overflow) = now.addingReportingOverflow(Self.clockSkewToleranceSeconds)
        if !overflow {
            guard claims.iat <= latestAcceptedStart else { throw .notYetValid }
            if let notBefore = claims.nbf, notBefore > latestAcceptedStart { throw .notYetValid }
        }
        return claims
    }

    /// The JOSE header fields verification looks at; others (`typ`, `kid`) are ignored.
    private struct Header: Decodable {
        let alg: String?
        let crit: [String]?
    }

    /// Claims as compact JSON with sorted keys, so equal claims always give the same token.
    private static func encodeClaims(_ claims: TokenClaims) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(claims))
        } catch {
            // Only non-finite floating-point values make JSONEncoder fail; the claims hold strings and integers.
            preconditionFailure("encoding token claims cannot fail: \(error)")
        }
    }
}
