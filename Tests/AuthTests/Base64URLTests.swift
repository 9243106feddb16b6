import Testing
@testable import Auth

@Suite struct Base64URLTests {
    // RFC 4648 §10 vectors, with padding removed (the base64url alphabet agrees on these).
    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"),
        ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ])
    func encodesAndDecodesRFC4648Vectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test func usesURLSafeAlphabet() {
        // 0xfb 0xff 0xbf is "+/+/" in standard base64.
        #expect(Base64URL.encode([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xfb, 0xff, 0xbf])
    }

    @Test func roundTripsEveryByteValueAndEveryTailLength() {
        let allBytes = (0...255).map { UInt8($0) }
        for length in 0...allBytes.count {
            let bytes = Array(allBytes.prefix(length))
            let encoded = Base64URL.encode(bytes)
            #expect(!encoded.contains("="))
            #expect(Base64URL.decode(encoded) == bytes)
        }
    }

    @Test(arguments: [
        "Zg==",       // padding
        "Zm8=",       // padding
        "Zm9v=",      // padding after a full group
        "Zm9v+",      // standard-alphabet character
        "Zm/v",       // standard-alphabet character
        "Zm9 v",      // whitespace
        "Zm9v\n",     // newline
        "Z",          // 4n+1 length is impossible
        "Zm9vY",      // 4n+1 length is impossible
        "Zh",         // unused low bits set: canonical form of 0x66 is "Zg"
        "Zm9",        // unused low bits set: canonical form of "fo" is "Zm8"
        "Zm9vé",      // non-ASCII
    ])
    func rejectsNonCanonicalText(_ text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test func decodesSubstrings() {
        let token = "Zm9v.YmFy"
        let parts = token.split(separator: ".")
        #expect(parts.map { Base64URL.decode($0) } == [Array("foo".utf8), Array("bar".utf8)])
    }
}
