/// libFuzzer target: JWT verification (`TokenSigner.verify`).
///
/// A fuzzer cannot forge HMAC tags, so random tokens stop at the signature check. The first
/// byte therefore picks a mode:
/// - raw: the rest of the input is the token, as a client could send it;
/// - signed: the rest is `header JSON \0 claims JSON`, which this harness signs with the
///   server's secret, so the claims decoding and time checks behind the signature are reached;
/// - round trip: claims built from the input are signed by `TokenSigner.sign` and must verify
///   back to themselves whenever their times are valid.
/// Verification must never crash, and whatever it accepts must satisfy its own rules.
import Auth
// The harness signs arbitrary headers and claims, which `TokenSigner` deliberately cannot do;
// it calls libcrypto's HMAC itself rather than the `Crypto` wrapper the signer uses, so that
// the harness and the code under test do not share a mistake.
import CCrypto
import Foundation

private let secret = [UInt8](repeating: 0x5A, count: TokenSigner.minimumSecretLength)
private let signer = TokenSigner(secret: secret)
/// A fixed "now" keeps runs reproducible.
private let now = 1_750_000_000

private func base64URL(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

private func hmacSHA256(_ message: [UInt8]) -> [UInt8] {
    var tag = [UInt8](repeating: 0, count: 32)
    var tagLength: UInt32 = 0
    // One extra byte keeps the message pointer non-null for empty messages.
    let paddedMessage = message + [0]
    let ok = secret.withUnsafeBufferPointer { key in
        paddedMessage.withUnsafeBufferPointer { text in
            tag.withUnsafeMutableBufferPointer { output in
                HMAC(EVP_sha256(), key.baseAddress, Int32(key.count), text.baseAddress, message.count,
                     output.baseAddress, &tagLength) != nil
            }
        }
    }
    guard ok, tagLength == 32 else { fatalError("HMAC failed in the harness") }
    return tag
}

/// Everything `verify` returns must satisfy the checks it claims to make.
private func checkAccepted(_ claims: TokenClaims, expecting type: TokenType) {
    guard claims.type == type else { fatalError("accepted a \(claims.type) token as \(type)") }
    guard now < claims.exp else { fatalError("accepted an expired token: \(claims)") }
    guard claims.iat <= now + TokenSigner.clockSkewToleranceSeconds else { fatalError("accepted a future iat: \(claims)") }
    if let notBefore = claims.nbf, notBefore > now + TokenSigner.clockSkewToleranceSeconds {
        fatalError("accepted a future nbf: \(claims)")
    }
}

private func verify(_ token: String, expecting type: TokenType) -> TokenClaims? {
    do {
        let claims = try signer.verify(token, expecting: type, now: now)
        checkAccepted(claims, expecting: type)
        return claims
    } catch {
        return nil
    }
}

private func fuzzRaw(_ bytes: ArraySlice<UInt8>) {
    let token = String(decoding: bytes, as: UTF8.self)
    for type in [TokenType.access, .refresh] {
        guard let claims = verify(token, expecting: type) else { continue }
        // Only the canonical encoding of the true tag may pass: anything else means a forged
        // or malleable signature was accepted.
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        let signingInput = parts.count == 3 ? parts[0] + "." + parts[1] : ""
        guard parts.count == 3, String(parts[2]) == base64URL(hmacSHA256(Array(signingInput.utf8))) else {
            fatalError("a token not signed with the secret was accepted: \(claims)")
        }
    }
}

private func fuzzSigned(_ bytes: ArraySlice<UInt8>) {
    let separator = bytes.firstIndex(of: 0) ?? bytes.endIndex
    let header = Array(bytes[..<separator])
    let claims = separator < bytes.endIndex ? Array(bytes[(separator + 1)...]) : []
    let signingInput = base64URL(header) + "." + base64URL(claims)
    let token = signingInput + "." + base64URL(hmacSHA256(Array(signingInput.utf8)))
    _ = verify(token, expecting: .access)
    _ = verify(token, expecting: .refresh)
}

/// Reads fixed-size fields off the input, padding with zeros when it runs out.
private struct InputCursor {
    var bytes: ArraySlice<UInt8>
    mutating func int() -> Int {
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(bytes.popFirst() ?? 0) }
        return Int(truncatingIfNeeded: value)
    }
    mutating func string() -> String {
        let length = Int(bytes.popFirst() ?? 0) % 48
        let taken = bytes.prefix(length)
        bytes = bytes.dropFirst(length)
        return String(decoding: taken, as: UTF8.self)
    }
}

private func fuzzRoundTrip(_ bytes: ArraySlice<UInt8>) {
    var input = InputCursor(bytes: bytes)
    let flags = input.int()
    let type: TokenType = flags & 1 == 0 ? .access : .refresh
    // Times near "now" half of the time, so valid tokens are common.
    let nearNow = flags & 2 == 0
    func time() -> Int { nearNow ? now + input.int() % 1000 : input.int() }
    let claims = TokenClaims(sub: input.string(), iat: time(), exp: time(), nbf: flags & 4 == 0 ? nil : time(),
                             jti: input.string(), type: type)
    let token = signer.sign(claims)
    let accepted = verify(token, expecting: type)
    let shouldAccept = now < claims.exp && claims.iat <= now + TokenSigner.clockSkewToleranceSeconds
        && (claims.nbf.map { $0 <= now + TokenSigner.clockSkewToleranceSeconds } ?? true)
    if shouldAccept {
        guard accepted == claims else { fatalError("signed \(claims) but verified \(String(describing: accepted))") }
    } else if let accepted {
        fatalError("accepted \(accepted) outside its validity")
    }
    if verify(token, expecting: type == .access ? .refresh : .access) != nil {
        fatalError("token accepted as the wrong type")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJWT(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let mode = bytes.first else { return 0 }
    let rest = bytes.dropFirst()
    switch mode % 3 {
    case 0: fuzzRaw(rest)
    case 1: fuzzSigned(rest)
    default: fuzzRoundTrip(rest)
    }
    return 0
}
