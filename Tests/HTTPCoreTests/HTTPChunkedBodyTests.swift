import Testing
@testable import HTTPCore

/// Request bodies in the chunked transfer coding (RFC 9112 section 7.1) and the framing rules
/// around Transfer-Encoding (section 6), at the parser: what is decoded, what is refused with
/// which status, and that the result never depends on how the bytes were segmented.
@Suite struct HTTPChunkedBodyTests {
    static let chunkedHead = "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"

    @Test func decodesChunksAndKeepsThePipelinedRequestAfterThem() throws {
        let wire = Self.chunkedHead + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n" + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n"
        let requests = try parse(wire)
        #expect(requests.map(\.path) == ["/upload", "/next"])
        #expect(requests.first?.body == Array("hello world".utf8))
        #expect(requests.last?.body == [])
    }

    @Test func everySegmentationGivesTheSameRequests() throws {
        let wire = Array((Self.chunkedHead + "3;name=value\r\nabc\r\nA\r\n0123456789\r\n000\r\nX-Sum: 1\r\n\r\n"
                          + "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nok").utf8)
        var whole = HTTPRequestParser()
        let expected = try whole.feed(wire)
        #expect(expected.map { String(decoding: $0.body, as: UTF8.self) } == ["abc0123456789", "ok"])
        for split in 0...wire.count {
            var parser = HTTPRequestParser()
            let requests = try parser.feed(wire[..<split]) + parser.feed(wire[split...])
            #expect(requests.map(\.body) == expected.map(\.body), "split at \(split)")
            #expect(!parser.hasPartialRequest, "split at \(split)")
        }
        var parser = HTTPRequestParser()
        var requests: [HTTPRequest] = []
        for byte in wire { requests += try parser.feed([byte]) }
        #expect(requests.map(\.body) == expected.map(\.body))
    }

    @Test func acceptsWhatTheGrammarAllows() throws {
        let accepted: [(label: String, body: String, decoded: String)] = [
            ("upper and lower case hex", "a\r\n0123456789\r\nB\r\nabcdefghijk\r\n0\r\n\r\n", "0123456789abcdefghijk"),
            ("leading zeros", "0000000000000000000004\r\nabcd\r\n00\r\n\r\n", "abcd"),
            ("extensions, with whitespace and quoted values", "4 ; a ; b = c;d=\"x;\\\"y\"\r\nabcd\r\n0;last\r\n\r\n", "abcd"),
            ("trailer fields, discarded", "2\r\nhi\r\n0\r\nX-Checksum: abc\r\nX-Other:\r\n\r\n", "hi"),
            ("empty body", "0\r\n\r\n", ""),
            ("CRLF inside the data", "4\r\n\r\n\r\n\r\n0\r\n\r\n", "\r\n\r\n"),
        ]
        for (label, body, decoded) in accepted {
            let request = try #require(try parse(Self.chunkedHead + body).first, "\(label)")
            #expect(request.body == Array(decoded.utf8), "\(label)")
        }
        // Coding names are case-insensitive and OWS around them is not part of the value.
        for value in ["CHUNKED", "Chunked ", "\tchunked", ", chunked", "chunked,"] {
            let wire = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \(value)\r\n\r\n1\r\nx\r\n0\r\n\r\n"
            #expect(try parse(wire).first?.body == [UInt8(ascii: "x")], "\(value.debugDescription)")
        }
    }

    /// Transfer-Encoding header combinations (RFC 9112 sections 6.1 and 6.3).
    @Test(arguments: [
        ("Transfer-Encoding: chunked\r\nContent-Length: 5", 400),              // TE.CL
        ("Content-Length: 5\r\nTransfer-Encoding: chunked", 400),              // CL.TE
        ("Content-Length: 0\r\nTransfer-Encoding: chunked", 400),
        ("Transfer-Encoding: chunked, identity", 400),                          // chunked not final
        ("Transfer-Encoding: chunked\r\nTransfer-Encoding: identity", 400),
        ("Transfer-Encoding: identity", 400),
        ("Transfer-Encoding: gzip", 400),
        ("Transfer-Encoding: xchunked", 400),
        ("Transfer-Encoding: chunkedx", 400),
        ("Transfer-Encoding: chunked-false", 400),
        ("Transfer-Encoding: \"chunked\"", 400),
        ("Transfer-Encoding: chunk ed", 400),
        ("Transfer-Encoding: chunked;q=1", 400),                                // chunked has no parameters
        ("Transfer-Encoding: chunked, chunked", 400),                           // applied twice
        ("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked", 400),
        ("Transfer-Encoding: ", 400),                                           // no coding at all
        ("Transfer-Encoding: ,", 400),
        ("Transfer-Encoding: gzip, chunked", 501),                              // a coding we do not decode
        ("Transfer-Encoding: deflate\r\nTransfer-Encoding: chunked", 501),
        ("Transfer-Encoding : chunked", 400),                                   // space before the colon
        ("Transfer-Encoding: chunked\u{0B}", 400),                              // control character
    ])
    func refusesAmbiguousTransferEncodings(fields: String, status: Int) {
        let wire = "POST / HTTP/1.1\r\nHost: a\r\n\(fields)\r\n\r\n0\r\n\r\n"
        #expect(parseError(wire)?.status == status, "\(fields.debugDescription)")
    }

    @Test func transferEncodingInHTTP10IsFaultyFraming() {
        #expect(parseError("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")?.status == 400)
        #expect(parseError("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello")?.status == 400)
    }

    /// Chunk framing: sizes, extensions, line ends.
    @Test(arguments: [
        ("ffffffffffffffffff\r\n", 413),                 // overflows 64 bits
        ("7fffffffffffffff\r\n", 413),                   // Int.max
        ("100001\r\n", 413),                             // one byte over 1 MiB
        ("-5\r\nhello\r\n0\r\n\r\n", 400),
        ("+5\r\nhello\r\n0\r\n\r\n", 400),
        ("0x5\r\nhello\r\n0\r\n\r\n", 400),
        ("\r\nhello\r\n0\r\n\r\n", 400),                 // empty size
        ("5 \r\nhello\r\n0\r\n\r\n", 400),               // whitespace not followed by an extension
        (" 5\r\nhello\r\n0\r\n\r\n", 400),
        ("5;\r\nhello\r\n0\r\n\r\n", 400),               // extension without a name
        ("5;a=\r\nhello\r\n0\r\n\r\n", 400),
        ("5;a=\"open\r\nhello\r\n0\r\n\r\n", 400),
        ("5;a=b c\r\nhello\r\n0\r\n\r\n", 400),
        ("5;a\u{0}\r\nhello\r\n0\r\n\r\n", 400),
        ("5\nhello\r\n0\r\n\r\n", 400),                  // bare LF after the size
        ("5\rhello\r\n0\r\n\r\n", 400),                  // bare CR
        ("5\r\nhelloX\r\n0\r\n\r\n", 400),               // data longer than its size
        ("5\r\nhell\r\n0\r\n\r\n", 400),                 // shorter
        ("5\r\nhello\n0\r\n\r\n", 400),                  // bare LF after the data
        ("5\r\nhello\r\n0\r\n\n", 400),                  // bare LF ending the body
        ("5\r\nhello\r\n0\r\nX-Trailer\r\n\r\n", 400),   // trailer line without a colon
        ("5\r\nhello\r\n0\r\nX : 1\r\n\r\n", 400),
        ("5\r\nhello\r\n0\r\n Folded: 1\r\n\r\n", 400),
        (String(repeating: "0", count: 33) + "5\r\nhello\r\n0\r\n\r\n", 400),
    ])
    func refusesMalformedChunks(body: String, status: Int) {
        #expect(parseError(Self.chunkedHead + body)?.status == status, "\(body.debugDescription)")
    }

    @Test func limitsHoldForChunkedBodies() {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 256, maxHeaderCount: 4, maxBodyBytes: 100,
                                              maxChunkExtensionBytes: 64)
        let chunk = { (size: Int) in String(size, radix: 16) + "\r\n" + String(repeating: "x", count: size) + "\r\n" }
        // The decoded size counts, across chunks; refused at the size line that passes it.
        #expect(parseError(Self.chunkedHead + chunk(60) + chunk(40) + "0\r\n\r\n", limits: limits) == nil)
        #expect(parseError(Self.chunkedHead + chunk(60) + chunk(41), limits: limits)?.status == 413)
        #expect(parseError(Self.chunkedHead + chunk(60) + "29\r\n", limits: limits)?.status == 413)
        // Extensions: 64 bytes in total over the body.
        let extensions32 = ";" + String(repeating: "e", count: 31)
        #expect(parseError(Self.chunkedHead + "1" + extensions32 + "\r\nx\r\n0" + extensions32 + "\r\n\r\n", limits: limits) == nil)
        #expect(parseError(Self.chunkedHead + "1" + extensions32 + "\r\nx\r\n1" + extensions32 + "\r\nx\r\n0;e\r\n\r\n",
                           limits: limits)?.status == 400)
        // ...refused before the line ends, so an endless line is not buffered.
        #expect(parseError(Self.chunkedHead + "1;" + String(repeating: "e", count: 200), limits: limits)?.status == 400)
        #expect(parseError(Self.chunkedHead + String(repeating: "0", count: 200), limits: limits)?.status == 400)
        // Trailer section: at most maxHeaderBytes and maxHeaderCount fields, finished or not.
        let trailer = (1...4).map { "X-\($0): v\r\n" }.joined()
        #expect(parseError(Self.chunkedHead + "0\r\n" + trailer + "\r\n", limits: limits) == nil)
        #expect(parseError(Self.chunkedHead + "0\r\n" + trailer + "X-5: v\r\n\r\n", limits: limits)?.status == 431)
        #expect(parseError(Self.chunkedHead + "0\r\nX-Big: " + String(repeating: "b", count: 300) + "\r\n\r\n",
                           limits: limits)?.status == 431)
        #expect(parseError(Self.chunkedHead + "0\r\nX-Big: " + String(repeating: "b", count: 300), limits: limits)?.status == 431)
    }

    @Test func expectContinueWorksWithChunkedBodies() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
        guard case .continueExpected = try parser.next() else {
            Issue.record("expected a 100-continue event")
            return
        }
        #expect(try parser.next() == nil)
        parser.append(Array("3\r\nabc\r\n0\r\n\r\n".utf8))
        guard case .request(let request) = try parser.next() else {
            Issue.record("expected the request")
            return
        }
        #expect(request.body == Array("abc".utf8))
    }

    /// What the server's body budget reserves: the declared length at once, a chunked body
    /// chunk by chunk, nothing between requests.
    @Test func committedBodyBytesFollowTheBody() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 500\r\n\r\nabc".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.committedBodyBytes == 500)
        parser.append([UInt8](repeating: 0, count: 497))
        _ = try parser.next()
        #expect(parser.committedBodyBytes == 0)

        parser.append(Array((Self.chunkedHead + "100\r\n").utf8))
        #expect(try parser.next() == nil)
        #expect(parser.committedBodyBytes == 256, "the announced chunk counts before its data arrives")
        parser.append([UInt8](repeating: 1, count: 256) + Array("\r\n10\r\n".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.committedBodyBytes == 256 + 16)
        parser.append([UInt8](repeating: 2, count: 16) + Array("\r\n0\r\n\r\n".utf8))
        guard case .request(let request) = try parser.next() else {
            Issue.record("expected the request")
            return
        }
        #expect(request.body.count == 272)
        #expect(parser.committedBodyBytes == 0)
        #expect(!parser.hasPartialRequest)
    }
}
