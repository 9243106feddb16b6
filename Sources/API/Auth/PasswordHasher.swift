import Crypto
import Foundation

/// The outcome of checking a password against a stored hash.
public enum PasswordCheck: Equatable, Sendable {
    /// The password matches. `needsRehash` asks the caller to store a fresh `hash(_:)` of it,
    /// because the stored one is weaker than today's settings (fewer iterations or a short salt).
    case valid(needsRehash: Bool)
    /// Wrong password, or a stored value this hasher cannot read.
    case invalid
}

/// What sign-up and sign-in need of a password hasher. `PasswordHasher` is the one the shop
/// uses; tests put in one that counts or holds its calls.
public protocol PasswordHashing: Sendable {
    /// The iteration count new hashes get.
    var iterations: Int { get }
    /// A new stored hash of `password` with a fresh salt.
    func hash(_ password: String) -> String
    /// Checks `password` against a stored hash; never traps.
    func verify(_ password: String, against encoded: String) -> PasswordCheck
}

/// Password hashing with PBKDF2-HMAC-SHA256, stored in Django's format so that user tables can
/// move between uplyft and a Django site in both directions:
///
///     pbkdf2_sha256$<iterations>$<salt>$<base64 of the 32-byte derived key>
///
/// The salt is 22 random characters from `[A-Za-z0-9]` (about 131 bits, as Django generates) and
/// is fed to PBKDF2 as its UTF-8 bytes; the key is standard base64 with padding. Each hash costs
/// about 0.2 s of one core at the default 1,000,000 iterations, so callers run it off the event loop.
public struct PasswordHasher: PasswordHashing {
    /// Django 5.2's default for PBKDF2PasswordHasher.
    public static let defaultIterations = 1_000_000
    static let algorithmName = "pbkdf2_sha256"
    /// Django's salt: 22 characters of a 62-letter alphabet reach its 128-bit salt entropy target.
    static let saltLength = 22
    static let saltAlphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    /// SHA-256's output size, the key length Django stores.
    static let derivedKeyLength = 32
    /// A stored count above this (or above the configured count, if that is higher) is treated as
    /// corrupt rather than honoured: 20 million iterations already take about 4 s, and a damaged
    /// row must not tie up a worker for minutes.
    static let maximumStoredIterations = 20_000_000

    /// The iteration count new hashes get; stored hashes with fewer are flagged for rehashing.
    public let iterations: Int

    public init(iterations: Int = PasswordHasher.defaultIterations) {
        // libcrypto takes the count as a C int; the configuration loader checks its own range first.
        precondition((1...Int(Int32.max)).contains(iterations), "PBKDF2 iteration count out of range")
        self.iterations = iterations
    }

    /// The Django-format hash of `password` with a fresh random salt.
    public func hash(_ password: String) -> String {
        hash(password, salt: Self.makeSalt())
    }

    /// The Django-format hash of `password` with the given salt (which must not contain `$`).
    func hash(_ password: String, salt: String) -> String {
        let derivedKey = Crypto.pbkdf2SHA256(password: Array(password.utf8), salt: Array(salt.utf8),
                                             iterations: iterations, length: Self.derivedKeyLength)
        return "\(Self.algorithmName)$\(iterations)$\(salt)$\(Data(derivedKey).base64EncodedString())"
    }

    /// Checks `password` against a stored hash. Never traps: anything unreadable is `.invalid`.
    ///
    /// Every path costs about one hash at the current iteration count, so response time does not
    /// tell an attacker whether the stored value was old, corrupt or unusable.
    public func verify(_ password: String, against encoded: String) -> PasswordCheck {
        let iterationLimit = max(iterations, Self.maximumStoredIterations)
        guard let stored = StoredHash(parsing: encoded, iterationLimit: iterationLimit) else {
            return dummyVerify(password)
        }
        let derivedKey = Crypto.pbkdf2SHA256(password: Array(password.utf8), salt: Array(stored.salt.utf8),
                                             iterations: stored.iterations, length: stored.derivedKey.count)
        if stored.iterations < iterations {
            // As Django's harden_runtime: spend the iterations the old hash skipped.
            burnIterations(iterations - stored.iterations, password: password)
        }
        guard Crypto.constantTimeEquals(derivedKey, stored.derivedKey) else { return .invalid }
        let needsRehash = stored.iterations < iterations || stored.salt.count < Self.saltLength
        return .valid(needsRehash: needsRehash)
    }

    /// Does the work of a real check and answers `.invalid`. Call it when the user does not exist,
    /// so that a login for an unknown name takes as long as one with a wrong password.
    @discardableResult
    public func dummyVerify(_ password: String) -> PasswordCheck {
        burnIterations(iterations, password: password)
        return .invalid
    }

    private func burnIterations(_ count: Int, password: String) {
        _ = Crypto.pbkdf2SHA256(password: Array(password.utf8), salt: Array("uplyft-timing-equalizer".utf8),
                                iterations: count, length: Self.derivedKeyLength)
    }

    /// A salt of `saltLength` characters drawn uniformly from `saltAlphabet`.
    static func makeSalt() -> String {
        // 248 is the largest multiple of 62 not above 256: rejecting bytes from 248 up keeps
        // every character equally likely (a plain `% 62` would favour the first eight).
        let acceptedByteLimit = UInt8(256 / saltAlphabet.count * saltAlphabet.count)
        var salt: [UInt8] = []
        salt.reserveCapacity(saltLength)
        while salt.count < saltLength {
            for byte in Crypto.randomBytes(saltLength * 2) where byte < acceptedByteLimit && salt.count < saltLength {
                salt.append(saltAlphabet[Int(byte) % saltAlphabet.count])
            }
        }
        return String(decoding: salt, as: UTF8.self)
    }

    /// A parsed `pbkdf2_sha256$iterations$salt$hash` string.
    private struct StoredHash {
        let iterations: Int
        let salt: String
        let derivedKey: [UInt8]

        init?(parsing encoded: String, iterationLimit: Int) {
            let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
            guard fields.count == 4, fields[0] == PasswordHasher.algorithmName else { return nil }
            let iterationsText = fields[1]
            // Digits only: Int() alone would also take "+1000".
            guard !iterationsText.isEmpty, iterationsText.utf8.count <= 10,
                  iterationsText.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                  let iterations = Int(iterationsText),
                  (1...iterationLimit).contains(iterations)
            else { return nil }
            let salt = String(fields[2])
            guard !salt.isEmpty,
                  let derivedKey = Data(base64Encoded: String(fields[3])),
                  derivedKey.count == PasswordHasher.derivedKeyLength
            else { return nil }
            self.iterations = iterations
            self.salt = salt
            self.derivedKey = Array(derivedKey)
        }
    }
}
