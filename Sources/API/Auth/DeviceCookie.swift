import Crypto
import Foundation

/// Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): after a
/// successful browser sign-in the browser gets a signed cookie naming the account, so that
/// later sign-ins from that browser are told apart from everyone else's and are not locked
/// out by failures elsewhere (`LoginThrottle`).
///
/// The value is `<base64url(lowercased username)>.<nonce>.<issued at, Unix seconds>.<tag>`,
/// where the nonce is 128 random bits in base64url and the tag is base64url of
/// HMAC-SHA256(key, "device-v1." + the first three parts). The key is derived from the
/// token signing secret as HMAC-SHA256(secret, "uplyft device cookie key v1"), so a device
/// cookie can never pass as a JWT signature or the reverse. The nonce names the device for
/// its own failure count. The cookie proves only that this browser once signed in as that
/// user; it grants nothing by itself.
public struct DeviceCookieSigner: Sendable {
    public static let cookieName = "uplyft_device"
    /// How long a browser stays known after its last successful sign-in.
    public static let lifetimeSeconds: Int64 = 90 * 86_400

    private let key: [UInt8]

    public init(secret: [UInt8]) {
        key = Crypto.hmacSHA256(key: secret, message: Array("uplyft device cookie key v1".utf8))
    }

    /// A fresh cookie value for `username`, issued at `now`.
    public func issue(username: String, now: Int64) -> String {
        let body = [Base64URL.encode(Array(username.lowercased().utf8)), Base64URL.encode(Crypto.randomBytes(16)), String(now)]
            .joined(separator: ".")
        return body + "." + Base64URL.encode(tag(body))
    }

    /// The device id (the nonce) when `value` is a cookie this server issued for `username`
    /// (without regard to case) less than `lifetimeSeconds` ago; nil for anything else.
    public func deviceID(in value: String, username: String, now: Int64) -> String? {
        // Cookies are ~100 bytes; anything much longer is not one of ours.
        guard value.utf8.count <= 512 else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, let issuedAt = Int64(parts[2]), let presented = Base64URL.decode(parts[3]) else { return nil }
        let body = parts[0..<3].joined(separator: ".")
        guard Crypto.constantTimeEquals(presented, tag(body)) else { return nil }
        guard let name = Base64URL.decode(parts[0]), name == Array(username.lowercased().utf8) else { return nil }
        // The tag is checked above, so issuedAt is a value this server wrote: no overflow here.
        guard issuedAt <= now + Int64(TokenSigner.clockSkewToleranceSeconds), now - issuedAt < Self.lifetimeSeconds else { return nil }
        return String(parts[1])
    }

    private func tag(_ body: String) -> [UInt8] {
        Crypto.hmacSHA256(key: key, message: Array(("device-v1." + body).utf8))
    }
}
