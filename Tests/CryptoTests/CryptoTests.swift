import Testing
@testable import Crypto

/// Lowercase hex of `bytes`, to compare against published vectors.
private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }.joined()
}

@Suite struct CryptoTests {
    struct HMACVector: Sendable, CustomTestStringConvertible {
        let rfc4231Case: Int
        let key: [UInt8]
        let message: [UInt8]
        let expectedHex: String
        var testDescription: String { "RFC 4231 case \(rfc4231Case)" }
    }

    // RFC 4231 §4, HMAC-SHA-256 results. Case 5 is omitted: it checks a truncated tag.
    static let hmacVectors: [HMACVector] = [
        HMACVector(rfc4231Case: 1, key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8),
                   expectedHex: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        HMACVector(rfc4231Case: 2, key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8),
                   expectedHex: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        HMACVector(rfc4231Case: 3, key: [UInt8](repeating: 0xaa, count: 20), message: [UInt8](repeating: 0xdd, count: 50),
                   expectedHex: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        HMACVector(rfc4231Case: 4, key: Array(1...25), message: [UInt8](repeating: 0xcd, count: 50),
                   expectedHex: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        HMACVector(rfc4231Case: 6, key: [UInt8](repeating: 0xaa, count: 131),
                   message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                   expectedHex: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        HMACVector(rfc4231Case: 7, key: [UInt8](repeating: 0xaa, count: 131),
                   message: Array(("This is a test using a larger than block-size key and a larger than block-size data. "
                                   + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
                   expectedHex: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: hmacVectors)
    func hmacSHA256MatchesRFC4231(_ vector: HMACVector) {
        #expect(hex(Crypto.hmacSHA256(key: vector.key, message: vector.message)) == vector.expectedHex)
    }

    @Test func hmacSHA256AcceptsEmptyKeyAndMessage() {
        // Expected value from Python: hmac.new(b"", b"", hashlib.sha256).hexdigest()
        #expect(hex(Crypto.hmacSHA256(key: [], message: []))
                == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    // PBKDF2-HMAC-SHA256 vectors for P = "password", S = "salt" (the SHA-256 counterparts of
    // RFC 6070's SHA-1 vectors), also what Python's hashlib.pbkdf2_hmac returns.
    /// FIPS 180-4 examples (NIST's "abc" and two-block messages) and the empty message.
    @Test func sha256MatchesPublishedDigests() {
        #expect(hex(Crypto.sha256(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(Crypto.sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(Crypto.sha256([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func pbkdf2SHA256OneIteration() {
        let derived = Crypto.pbkdf2SHA256(password: Array("password".utf8), salt: Array("salt".utf8),
                                          iterations: 1, length: 32)
        #expect(hex(derived) == "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
    }

    @Test func pbkdf2SHA256FourThousandNinetySixIterations() {
        let derived = Crypto.pbkdf2SHA256(password: Array("password".utf8), salt: Array("salt".utf8),
                                          iterations: 4096, length: 32)
        #expect(hex(derived) == "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")
    }

    @Test func pbkdf2SHA256AcceptsEmptyPassword() {
        // Python: hashlib.pbkdf2_hmac("sha256", b"", b"salt", 2).hex()
        let derived = Crypto.pbkdf2SHA256(password: [], salt: Array("salt".utf8), iterations: 2, length: 32)
        #expect(hex(derived) == "62384466264daadc4144018c6bd864648272b34da8980d31521ffcce92ae003b")
    }

    @Test func pbkdf2SHA256HonoursRequestedLength() {
        let long = Crypto.pbkdf2SHA256(password: Array("password".utf8), salt: Array("salt".utf8), iterations: 1, length: 40)
        #expect(long.count == 40)
        // PBKDF2's first block does not depend on the total length.
        #expect(hex(Array(long.prefix(32))) == "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
    }

    @Test func randomBytesHaveRequestedLengthAndDiffer() {
        #expect(Crypto.randomBytes(0).isEmpty)
        #expect(Crypto.randomBytes(1).count == 1)
        let first = Crypto.randomBytes(32)
        let second = Crypto.randomBytes(32)
        #expect(first.count == 32)
        #expect(second.count == 32)
        // Two equal 256-bit draws would mean the generator is broken (chance 2^-256 otherwise).
        #expect(first != second)
        #expect(first != [UInt8](repeating: 0, count: 32))
    }

    @Test func constantTimeEqualsComparesContentAndLength() {
        #expect(Crypto.constantTimeEquals([], []))
        #expect(Crypto.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!Crypto.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!Crypto.constantTimeEquals([0, 2, 3], [1, 2, 3]))
        #expect(!Crypto.constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(!Crypto.constantTimeEquals([1, 2], [1, 2, 3]))
        #expect(!Crypto.constantTimeEquals([], [0]))
    }
}
