import Crypto
import Foundation
import DurableFiles

/// The token signing secret: `UPLYFT_SECRET` when set, otherwise a random one created on
/// first start in `<data>/jwt-secret` (mode 0600, written atomically) and reused after, so
/// restarts do not sign everyone out.
public enum SigningSecret {
    static let fileName = "jwt-secret"
    /// Below this a secret is guessable offline from any token it signed.
    static let minimumBytes = 32

    /// A secret too short to sign with, saying where it came from and what to do.
    public struct TooShort: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The secret's bytes. Throws `TooShort` for a short configured or stored secret, and
    /// the file's errors (`FileWriteError`) when a new one cannot be stored.
    public static func load(configured: String?, dataDirectory: String) throws -> [UInt8] {
        if let configured {
            guard configured.utf8.count >= minimumBytes else {
                throw TooShort(description: "UPLYFT_SECRET must be at least \(minimumBytes) bytes long")
            }
            return Array(configured.utf8)
        }
        let path = (dataDirectory as NSString).appendingPathComponent(fileName)
        if let existing = FileManager.default.contents(atPath: path) {
            let text = String(decoding: existing, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.utf8.count >= minimumBytes else {
                throw TooShort(description: "\(path) holds a secret shorter than \(minimumBytes) bytes; delete it to make a new one")
            }
            return Array(text.utf8)
        }
        let secret = Crypto.randomBytes(32).map { String(format: "%02x", $0) }.joined()
        // Mode 0600 from creation: the secret is never readable by other users, not even briefly.
        var file = try AtomicFileWriter(path: path, permissions: 0o600)
        try file.write(Array((secret + "\n").utf8))
        try file.commit()
        return Array(secret.utf8)
    }
}
