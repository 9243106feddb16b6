import Testing
@testable import HTTPCore

@Suite struct HTTPRequestParserTests {
    @Test func parsesASimpleGet() throws {
        let requests = try parse("GET /search?q=red+shoes&page=2 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n")
        let request = try #require(requests.first)
        #expect(requests.count == 1)
        #expect(request.method == "GET")
        #expect(request.target == "/search?q=red+shoes&page=2")
        #expect(request.path == "/search")
        #expect(request.queryValue("q") == "red shoes")
        #expect(request.queryValue("page") == "2")
        #expect(request.version == .http1_1)
        #expect(request.header("HOST") == "example.com")
        #expect(request.body.isEmpty)
    }

    @Test func parsesABodyByContentLength() throws {
        let requests = try parse("POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello worldGET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(requests.count == 2)
        #expect(requests[0].body == Array("hello world".utf8))
        #expect(requests[1].method == "GET")
    }

    @Test func everySplitPointGivesTheSameRequests() throws {
        let wire = "POST /a%20b?x=1%262&y=%E2%82%AC HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nX-Multi: one\r\n"
            + "x-multi: two\r\n\r\nabcde\r\nGET /next HTTP/1.0\r\n\r\n"
        let bytes = Array(wire.utf8)
        let whole = try parse(wire)
        #expect(whole.count == 2)
        for split in 0...bytes.count {
            var parser = HTTPRequestParser()
            var requests = try parser.feed(bytes[..<split])
            requests += try parser.feed(bytes[split...])
            #expect(requests.count == 2, "split at \(split)")
            for (got, expected) in zip(requests, whole) {
                #expect(got.method == expected.method && got.path == expected.path && got.body == expected.body)
                #expect(got.headerValues("x-multi") == expected.headerValues("x-multi"))
            }
        }
        // And one byte at a time.
        var parser = HTTPRequestParser()
        var requests: [HTTPRequest] = []
        for byte in bytes { requests += try parser.feed([byte]) }
        #expect(requests.map(\.path) == ["/a b", "/next"])
        #expect(requests[0].queryValue("x") == "1&2")
        #expect(requests[0].queryValue("y") == "€")
    }

    @Test func pipelinedRequestsComeOutInOrder() throws {
        let wire = (1...5).map { "GET /\($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined()
        #expect(try parse(wire).map(\.path) == ["/1", "/2", "/3", "/4", "/5"])
    }

    @Test func headersKeepOrderAndRepeatedValues() throws {
        let request = try #require(try parse("GET / HTTP/1.1\r\nHost: a\r\nAccept: x\r\nACCEPT:  y \r\nB:\r\n\r\n").first)
        #expect(request.headers.map(\.name) == ["host", "accept", "accept", "b"])
        #expect(request.headerValues("Accept") == ["x", "y"])
        #expect(request.header("accept") == "x, y")
        #expect(request.header("b") == "")
        #expect(request.header("missing") == nil)
    }

    @Test func cookies() throws {
        let request = try #require(try parse(
            "GET / HTTP/1.1\r\nHost: a\r\nCookie: session=abc123; theme=\"dark\"\r\nCookie: other=1\r\n\r\n").first)
        #expect(request.cookie("session") == "abc123")
        #expect(request.cookie("theme") == "dark")
        #expect(request.cookie("other") == "1")
        #expect(request.cookie("sess") == nil)
    }

    @Test func percentDecodingAndQueryEdgeCases() throws {
        let request = try #require(try parse("GET /caf%C3%A9/a+b?flag&empty=&a=%zz&&b=1=2 HTTP/1.1\r\nHost: a\r\n\r\n").first)
        #expect(request.path == "/café/a+b")  // + is literal in paths
        #expect(request.query.map(\.name) == ["flag", "empty", "a", "b"])
        #expect(request.queryValue("flag") == "")
        #expect(request.queryValue("a") == "%zz")  // malformed escapes kept, not fatal
        #expect(request.queryValue("b") == "1=2")
        #expect(parseError("GET /bad%2 HTTP/1.1\r\nHost: a\r\n\r\n")?.status == 400)
        #expect(parseError("GET /bad%FF HTTP/1.1\r\nHost: a\r\n\r\n")?.status == 400)  // not UTF-8
    }

    @Test func absoluteFormAndLeadingEmptyLines() throws {
        let requests = try parse("\r\nGET http://example.com/x?y=1 HTTP/1.1\r\nHost: example.com\r\n\r\n")
        #expect(requests.first?.path == "/x")
        #expect(requests.first?.queryValue("y") == "1")
    }

    @Test func http10NeedsNoHostAndDefaultsToClose() throws {
        let request = try #require(try parse("GET / HTTP/1.0\r\n\r\n").first)
        #expect(request.version == .http1_0)
        #expect(!request.wantsKeepAlive)
        let keepAlive = try #require(try parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").first)
        #expect(keepAlive.wantsKeepAlive)
        let close = try #require(try parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").first)
        #expect(!close.wantsKeepAlive)
    }

    @Test(arguments: [
        ("GARBAGE\r\n\r\n", 400),
        ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400),
        ("GET nopath HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("G@T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        ("GET / HTTP/0.9\r\nHost: a\r\n\r\n", 505),
        ("GET / HTTP/1.10\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n\r\n", 400),                                        // no Host
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),                  // two Hosts
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),                            // space before colon
        ("GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n  folded\r\n\r\n", 400),       // obs-fold
        ("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", 400),
        ("GET / HTTP/1.1\nHost: a\n\n", 400),                                   // bare LF
        ("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400),                          // bare CR
        ("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{1}b\r\n\r\n", 400),               // control char
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 2\r\n\r\nab", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nExpect: something-else\r\n\r\n", 417),
    ])
    func rejectsMalformedRequests(wire: String, status: Int) {
        #expect(parseError(wire)?.status == status, "\(wire.debugDescription)")
    }

    @Test func identicalContentLengthsAreOneValue() throws {
        let request = try #require(try parse(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok").first)
        #expect(request.body == Array("ok".utf8))
    }

    /// The grammar allows leading zeros; they are not part of the size ("007" is 7, not a
    /// 22-digit number to refuse as too large).
    @Test func contentLengthWithLeadingZerosIsItsValue() throws {
        let zeros = String(repeating: "0", count: 30)
        let request = try #require(try parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(zeros)2\r\n\r\nok").first)
        #expect(request.body == Array("ok".utf8))
        #expect(parseError("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(zeros)\r\n\r\n") == nil)
        #expect(parseError("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(zeros)1\(zeros)\r\n\r\n")?.status == 413)
    }

    /// Limits are configuration, but arithmetic on them must not trap either: an unfinished
    /// head is compared against `limit + slack`, which overflowed for a limit of Int.max.
    @Test func limitsNearIntMaxDoNotOverflow() throws {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: .max, maxRequestLineBytes: .max, maxHeaderCount: .max,
                                              maxBodyBytes: .max, maxChunkExtensionBytes: .max)
        var parser = HTTPRequestParser(limits: limits)
        parser.append(Array("GET /unfinished".utf8))
        #expect(try parser.next() == nil)
        parser.append(Array(" HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;e\r\n".utf8))
        #expect(try parser.next() == nil)
        #expect(parseError("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
                           limits: limits)?.status == 413)
    }

    @Test func limits() {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 1024, maxRequestLineBytes: 256,
                                              maxHeaderCount: 10, maxBodyBytes: 100)
        let longLine = "GET /" + String(repeating: "a", count: 300) + " HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(parseError(longLine, limits: limits)?.status == 414)
        // Without its end: refused as soon as the limit is passed, not when the line ends.
        #expect(parseError(String(longLine.prefix(280)), limits: limits)?.status == 414)
        let bigHeader = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "b", count: 1100) + "\r\n\r\n"
        #expect(parseError(bigHeader, limits: limits)?.status == 431)
        #expect(parseError(String(bigHeader.prefix(1060)), limits: limits)?.status == 431)
        let manyHeaders = "GET / HTTP/1.1\r\nHost: a\r\n" + (1...10).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        #expect(parseError(manyHeaders, limits: limits)?.status == 431)
        let tenHeaders = "GET / HTTP/1.1\r\nHost: a\r\n" + (1...9).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        #expect(parseError(tenHeaders, limits: limits) == nil)
        // The body limit is checked from Content-Length, before any body byte arrives.
        #expect(parseError("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n", limits: limits)?.status == 413)
        #expect(parseError("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n", limits: limits) == nil)
    }

    @Test func errorsAreSticky() {
        var parser = HTTPRequestParser()
        #expect(throws: HTTPParseError.self) { try parser.feed(Array("BAD\r\n\r\n".utf8)) }
        #expect(throws: HTTPParseError.self) { try parser.feed(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)) }
    }

    @Test func expectContinueIsAnnouncedOnlyBeforeTheBody() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        guard case .continueExpected = try parser.next() else {
            Issue.record("expected a 100-continue event")
            return
        }
        #expect(try parser.next() == nil)
        parser.append(Array("abc".utf8))
        guard case .request(let request) = try parser.next() else {
            Issue.record("expected the request")
            return
        }
        #expect(request.body == Array("abc".utf8))

        // Body already here: no interim response needed. HTTP/1.0: expectation ignored.
        for wire in ["PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nz",
                     "PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n"] {
            var other = HTTPRequestParser()
            other.append(Array(wire.utf8))
            if case .continueExpected = try other.next() { Issue.record("unexpected 100-continue for \(wire)") }
        }
    }

    @Test func remoteAddressIsCarried() throws {
        var parser = HTTPRequestParser(remoteAddress: "10.0.0.7")
        #expect(try parser.feed(Array("GET / HTTP/1.0\r\n\r\n".utf8)).first?.remoteAddress == "10.0.0.7")
    }
}
