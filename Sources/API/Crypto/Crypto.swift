import CCrypto

/// The cryptographic primitives the API needs, taken from the system's OpenSSL libcrypto.
///
/// This is the only file that calls libcrypto: tokens, password hashes and the chat's order
/// digests are built from these safe byte-array functions, and no primitive is written by hand. Inputs that
/// reach here have already been validated by the callers (`TokenSigner`, `PasswordHasher`), so a
/// failure below is a programming error or a broken library, never bad user input.
public enum Crypto {
    /// Bytes in a SHA-256 digest, and so in an HMAC-SHA256 tag.
    public static let sha256DigestLength = 32

    /// HMAC-SHA256 (RFC 2104 with SHA-256) of `message` under `key`; always 32 bytes.
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        precondition(key.count <= Int(Int32.max), "HMAC key longer than libcrypto accepts")
        var tag = [UInt8](repeating: 0, count: sha256DigestLength)
        var tagLength: UInt32 = 0
        let result = withNonNullBytes(key) { keyPointer in
            withNonNullBytes(message) { messagePointer in
                tag.withUnsafeMutableBufferPointer { tagBuffer in
                    HMAC(EVP_sha256(), keyPointer, Int32(key.count), messagePointer, message.count,
                         tagBuffer.baseAddress, &tagLength)
                }
            }
        }
        // HMAC() only returns NULL when the digest cannot be set up (allocation failure).
        guard result != nil, Int(tagLength) == sha256DigestLength else {
            fatalError("libcrypto HMAC-SHA256 failed")
        }
        return tag
    }

    /// SHA-256 (FIPS 180-4) of `message`; always 32 bytes.
    public static func sha256(_ message: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: sha256DigestLength)
        let result = withNonNullBytes(message) { messagePointer in
            digest.withUnsafeMutableBufferPointer { SHA256(messagePointer, message.count, $0.baseAddress) }
        }
        // SHA256() returns its output pointer; NULL only if the digest cannot be set up.
        guard result != nil else { fatalError("libcrypto SHA-256 failed") }
        return digest
    }

    /// PBKDF2 (RFC 8018) with HMAC-SHA256 as the pseudo-random function; `length` output bytes.
    public static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], iterations: Int, length: Int) -> [UInt8] {
        precondition((1...Int(Int32.max)).contains(iterations), "PBKDF2 iteration count out of range")
        precondition((1...Int(Int32.max)).contains(length), "PBKDF2 output length out of range")
        precondition(password.count <= Int(Int32.max) && salt.count <= Int(Int32.max),
                     "PBKDF2 input longer than libcrypto accepts")
        var derivedKey = [UInt8](repeating: 0, count: length)
        let status = withNonNullBytes(password) { passwordPointer in
            withNonNullBytes(salt) { saltPointer in
                derivedKey.withUnsafeMutableBufferPointer { output in
                    PKCS5_PBKDF2_HMAC(UnsafeRawPointer(passwordPointer).assumingMemoryBound(to: CChar.self),
                                      Int32(password.count),
                                      saltPointer, Int32(salt.count),
                                      Int32(iterations), EVP_sha256(), Int32(length), output.baseAddress)
                }
            }
        }
        // With the arguments checked above, PBKDF2 only fails when allocation fails.
        guard status == 1 else { fatalError("libcrypto PBKDF2-HMAC-SHA256 failed") }
        return derivedKey
    }

    /// `count` bytes from OpenSSL's cryptographically secure generator.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        precondition((0...Int(Int32.max)).contains(count), "random byte count out of range")
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        let status = bytes.withUnsafeMutableBufferPointer { buffer in
            RAND_bytes(buffer.baseAddress, Int32(count))
        }
        // Salts, token ids and secrets all come from here. If the generator cannot be seeded, the
        // process cannot run safely without randomness: stopping beats issuing guessable values.
        guard status == 1 else { fatalError("libcrypto RAND_bytes failed: no secure randomness available") }
        return bytes
    }

    /// Compares two byte strings in time that depends only on their length, so an attacker
    /// timing the comparison of a MAC or hash learns nothing about how many leading bytes match.
    /// Lengths are public (a SHA-256 tag is always 32 bytes), so the early length check leaks nothing.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard !lhs.isEmpty else { return true }
        return lhs.withUnsafeBytes { lhsBuffer in
            rhs.withUnsafeBytes { rhsBuffer in
                CRYPTO_memcmp(lhsBuffer.baseAddress, rhsBuffer.baseAddress, lhs.count) == 0
            }
        }
    }

    /// Hands `body` a pointer to `bytes` that is never NULL, even for an empty array (whose buffer
    /// may have no base address): libcrypto treats a NULL key or password differently across versions.
    private static func withNonNullBytes<Result>(
        _ bytes: [UInt8], _ body: (UnsafePointer<UInt8>) -> Result
    ) -> Result {
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { return body(base) }
            // Any valid address will do: the length passed alongside it is 0.
            let placeholder: UInt8 = 0
            return withUnsafePointer(to: placeholder) { body($0) }
        }
    }
}
