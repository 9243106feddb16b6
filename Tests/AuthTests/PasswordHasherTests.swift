import Foundation
import Testing
@testable import Auth

@Suite struct PasswordHasherTests {
    // Low cost keeps the suite fast; the format and logic do not depend on the count.
    static let hasher = PasswordHasher(iterations: 1000)

    @Test func defaultIsDjangoIterationCount() {
        #expect(PasswordHasher().iterations == 1_000_000)
    }

    @Test func hashHasDjangoFormat() throws {
        let encoded = Self.hasher.hash("correct horse battery staple")
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        try #require(fields.count == 4)
        #expect(fields[0] == "pbkdf2_sha256")
        #expect(fields[1] == "1000")
        #expect(fields[2].count == 22)
        #expect(fields[2].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(Data(base64Encoded: String(fields[3]))?.count == 32)
        #expect(fields[3].hasSuffix("="))  // 32 bytes -> 44 characters with one padding '='
    }

    @Test func verifiesOwnHashAndRejectsOtherPasswords() {
        let encoded = Self.hasher.hash("correct horse battery staple")
        #expect(Self.hasher.verify("correct horse battery staple", against: encoded) == .valid(needsRehash: false))
        #expect(Self.hasher.verify("correct horse battery stapl", against: encoded) == .invalid)
        #expect(Self.hasher.verify("Correct horse battery staple", against: encoded) == .invalid)
        #expect(Self.hasher.verify("", against: encoded) == .invalid)
    }

    @Test func handlesUnicodeAndEmptyPasswords() {
        for password in ["", "pässwörd", "🔑🔑", "e\u{301}"] {
            let encoded = Self.hasher.hash(password)
            #expect(Self.hasher.verify(password, against: encoded) == .valid(needsRehash: false))
        }
        // No normalization, as in Django: precomposed é and e + combining accent are different passwords.
        #expect(Self.hasher.verify("\u{e9}", against: Self.hasher.hash("e\u{301}")) == .invalid)
    }

    @Test func samePasswordGetsDifferentSalts() {
        #expect(Self.hasher.hash("hunter2") != Self.hasher.hash("hunter2"))
        #expect(PasswordHasher.makeSalt() != PasswordHasher.makeSalt())
    }

    /// Produced independently with Python 3.11 (what Django's PBKDF2PasswordHasher does):
    ///
    ///     key = hashlib.pbkdf2_hmac("sha256", b"correct horse", b"saltsaltsalt", 1000)
    ///     "pbkdf2_sha256$1000$saltsaltsalt$" + base64.b64encode(key).decode()
    static let djangoEncoded = "pbkdf2_sha256$1000$saltsaltsalt$F7o7+5VTVzFAO998X6s3AHrDsJVdMiIlgndIMe19NvY="

    @Test func verifiesDjangoFormatVector() {
        // Valid, and flagged for rehash like Django does: a 12-character salt is below the
        // 22 characters (128 bits) that new hashes get.
        #expect(Self.hasher.verify("correct horse", against: Self.djangoEncoded) == .valid(needsRehash: true))
        #expect(Self.hasher.verify("correct horsE", against: Self.djangoEncoded) == .invalid)
    }

    @Test func producesDjangoFormatVectorForTheSameSalt() {
        #expect(Self.hasher.hash("correct horse", salt: "saltsaltsalt") == Self.djangoEncoded)
    }

    @Test func flagsFewerIterationsForRehashButNeverDowngrades() {
        let encoded = Self.hasher.hash("hunter2")
        #expect(PasswordHasher(iterations: 2000).verify("hunter2", against: encoded) == .valid(needsRehash: true))
        #expect(PasswordHasher(iterations: 500).verify("hunter2", against: encoded) == .valid(needsRehash: false))
        #expect(PasswordHasher(iterations: 2000).verify("hunter3", against: encoded) == .invalid)
    }

    static let validKey = "F7o7+5VTVzFAO998X6s3AHrDsJVdMiIlgndIMe19NvY="

    @Test(arguments: [
        "",
        "$$$",
        "!",                                                   // Django's unusable-password marker
        "!Xp3kq0vR8bT2nLmZ4wY6aC1dE9fG7hJ5sU",                 // Django set_unusable_password() value
        "pbkdf2_sha256",
        "pbkdf2_sha256$1000$saltsaltsalt",                       // three fields
        "pbkdf2_sha256$1000$saltsaltsalt$\(validKey)$extra",     // five fields
        "pbkdf2_sha1$1000$saltsaltsalt$\(validKey)",             // other algorithm
        "PBKDF2_SHA256$1000$saltsaltsalt$\(validKey)",           // algorithm name is case-sensitive
        "argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA",
        "pbkdf2_sha256$$saltsaltsalt$\(validKey)",               // no iterations
        "pbkdf2_sha256$abc$saltsaltsalt$\(validKey)",
        "pbkdf2_sha256$+1000$saltsaltsalt$\(validKey)",
        "pbkdf2_sha256$-1000$saltsaltsalt$\(validKey)",
        "pbkdf2_sha256$0$saltsaltsalt$\(validKey)",
        "pbkdf2_sha256$1e3$saltsaltsalt$\(validKey)",
        "pbkdf2_sha256$99999999999999999999999$saltsaltsalt$\(validKey)",  // would overflow Int
        "pbkdf2_sha256$900000000$saltsaltsalt$\(validKey)",      // beyond the stored-iterations cap
        "pbkdf2_sha256$1000$$\(validKey)",                       // empty salt
        "pbkdf2_sha256$1000$saltsaltsalt$",                      // empty key
        "pbkdf2_sha256$1000$saltsaltsalt$not base64!",
        "pbkdf2_sha256$1000$saltsaltsalt$F7o7+5VTVzFAO998X6s3AHrDsJVdMiIlgndIMe19NvY",  // padding dropped
        "pbkdf2_sha256$1000$saltsaltsalt$F7o7-5VTVzFAO998X6s3AHrDsJVdMiIlgndIMe19NvY=", // url-safe alphabet
        "pbkdf2_sha256$1000$saltsaltsalt$AAAA",                  // key of 3 bytes, not 32
    ])
    func malformedStoredValuesAreInvalid(encoded: String) {
        #expect(Self.hasher.verify("correct horse", against: encoded) == .invalid)
    }

    @Test func dummyVerifyAlwaysAnswersInvalid() {
        #expect(Self.hasher.dummyVerify("correct horse") == .invalid)
        #expect(Self.hasher.dummyVerify("") == .invalid)
    }

    @Test func saltIsAlphanumericOfDjangoLength() {
        for _ in 0..<50 {
            let salt = PasswordHasher.makeSalt()
            #expect(salt.utf8.count == 22)
            #expect(salt.utf8.allSatisfy { PasswordHasher.saltAlphabet.contains($0) })
        }
    }
}
