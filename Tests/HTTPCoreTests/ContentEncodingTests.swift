import Testing
@testable import HTTPCore

/// gzip through the system zlib (`Gzip`) and the negotiation around it (`ContentEncoding`):
/// round trips, the limits at both ends, malformed streams, Accept-Encoding with q-values, and
/// which responses are compressed and tagged.
@Suite struct ContentEncodingTests {
    static let text = Array(String(repeating: "{\"name\":\"Wireless Headphones\",\"price\":49.95},", count: 200).utf8)

    @Test func gzipRoundTripsAndShrinksText() throws {
        let compressed = try Gzip.compress(Self.text)
        #expect(compressed.count < Self.text.count / 5)
        #expect(Array(compressed.prefix(2)) == [0x1f, 0x8b], "a gzip member (RFC 1952 magic)")
        #expect(try Gzip.decompress(compressed, maximumOutputBytes: Self.text.count) == Self.text)
        #expect(try Gzip.decompress(try Gzip.compress([]), maximumOutputBytes: 0) == [])
    }

    @Test func compressionRefusesInputsOverItsLimit() {
        #expect(throws: GzipError.inputTooLarge) { try Gzip.compress(Self.text, maximumInputBytes: Self.text.count - 1) }
    }

    /// A megabyte of zeros is a kilobyte of gzip: the output limit stops it, not memory.
    @Test func decompressionStopsAtTheOutputLimit() throws {
        let bomb = try Gzip.compress([UInt8](repeating: 0, count: 1 << 20))
        #expect(bomb.count < 4096)
        #expect(throws: GzipError.outputTooLarge) { try Gzip.decompress(bomb, maximumOutputBytes: 1000) }
        #expect(try Gzip.decompress(bomb, maximumOutputBytes: 1 << 20).count == 1 << 20)
    }

    @Test func malformedStreamsAreRefused() throws {
        let good = try Gzip.compress(Self.text)
        var flipped = good
        flipped[flipped.count - 6] ^= 0xff // inside the CRC-32 trailer
        for bad in [[], [0x1f, 0x8b], Array(good.dropLast(4)), Array(good.prefix(good.count / 2)), flipped, good + [0],
                    Array("not gzip at all".utf8)] {
            #expect(throws: GzipError.malformed) { try Gzip.decompress(bad, maximumOutputBytes: 1 << 20) }
        }
    }

    @Test(arguments: [
        ("gzip", true), ("GZIP", true), ("x-gzip", true), ("gzip, deflate, br", true), ("br;q=1.0, gzip;q=0.8", true),
        ("*", true), ("*;q=0.1", true), ("identity, *;q=0.5", true), (" gzip ; q=0.001 ", true),
        ("gzip;q=0", false), ("gzip;q=0.000", false), ("gzip;q=0, *", false), ("*;q=0", false), ("deflate, br", false),
        ("identity", false), ("", false), ("gzip;q=2", false), ("gzip;q=0.1234", false), ("gzip;q=abc", false),
        ("gzip;level=9", false), ("gzipx", false), ("gzip;q=1.5", false), ("gzip;q=-1", false),
    ])
    func acceptEncodingIsReadWithItsWeights(header: String, accepts: Bool) {
        #expect(ContentEncoding.acceptsGzip(header) == accepts, "\(header)")
    }

    @Test func aMissingAcceptEncodingGetsIdentity() {
        #expect(!ContentEncoding.acceptsGzip(nil))
    }

    @Test func qualityValuesFollowTheGrammar() {
        #expect(ContentEncoding.qualityValue("1") == 1000)
        #expect(ContentEncoding.qualityValue("1.000") == 1000)
        #expect(ContentEncoding.qualityValue("0.5") == 500)
        #expect(ContentEncoding.qualityValue("0.05") == 50)
        #expect(ContentEncoding.qualityValue("0.") == 0)
        for bad in ["1.001", "2", ".5", "0.5000", "", "0,5", "1e0"] { #expect(ContentEncoding.qualityValue(bad) == nil, "\(bad)") }
    }

    private func response(_ type: String, bytes: Int, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", type), ("ETag", "\"v1\"")], body: Array(Self.text.prefix(bytes)))
    }

    @Test func largeTextIsCompressedWithVaryAndItsOwnTag() throws {
        for type in ["application/json", "text/html; charset=utf-8", "text/css", "text/javascript", "image/svg+xml",
                     "application/problem+json"] {
            var response = response(type, bytes: 4000)
            ContentEncoding.apply(to: &response, acceptsGzip: true)
            #expect(response.header("Content-Encoding") == "gzip", "\(type)")
            #expect(response.header("Vary") == "Accept-Encoding", "\(type)")
            #expect(response.header("ETag") == "\"v1-gzip\"", "\(type)")
            #expect(try Gzip.decompress(response.body, maximumOutputBytes: 4000) == Array(Self.text.prefix(4000)))
        }
    }

    /// The cache key must include the coding whether or not this answer was compressed.
    @Test func compressibleAnswersVaryEvenWhenSentAsTheyAre() {
        for (bytes, accepts) in [(4000, false), (ContentEncoding.minimumBytes - 1, true)] {
            var response = response("application/json", bytes: bytes)
            ContentEncoding.apply(to: &response, acceptsGzip: accepts)
            #expect(response.header("Content-Encoding") == nil)
            #expect(response.header("Vary") == "Accept-Encoding")
            #expect(response.header("ETag") == "\"v1\"")
            #expect(response.body.count == bytes)
        }
    }

    @Test func imagesEncodedAnswersAndEmptyStatusesAreLeftAlone() {
        var image = response("image/png", bytes: 4000)
        ContentEncoding.apply(to: &image, acceptsGzip: true)
        #expect(image.header("Content-Encoding") == nil && image.header("Vary") == nil)
        var encoded = response("text/css", bytes: 4000)
        encoded.headers.append(("Content-Encoding", "br"))
        ContentEncoding.apply(to: &encoded, acceptsGzip: true)
        #expect(encoded.body.count == 4000 && encoded.header("Content-Encoding") == "br")
        var notModified = HTTPResponse(status: 304, headers: [("Content-Type", "text/css"), ("ETag", "\"v1\"")])
        ContentEncoding.apply(to: &notModified, acceptsGzip: true)
        #expect(notModified.body.isEmpty && notModified.header("Content-Encoding") == nil)
    }

    @Test func varyIsMergedNotRepeated() {
        var response = response("application/json", bytes: 10)
        response.headers.append(("Vary", "Origin"))
        ContentEncoding.apply(to: &response, acceptsGzip: true)
        ContentEncoding.addVary("accept-encoding", to: &response)
        #expect(response.headers.filter { $0.name == "Vary" }.map(\.value) == ["Origin, Accept-Encoding"])
    }

    @Test func bodiesOverTheCapGoUncompressed() {
        var response = HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")],
                                    body: [UInt8](repeating: 65, count: ContentEncoding.maximumBytes + 1))
        ContentEncoding.apply(to: &response, acceptsGzip: true)
        #expect(response.header("Content-Encoding") == nil)
        #expect(response.body.count == ContentEncoding.maximumBytes + 1)
    }
}
