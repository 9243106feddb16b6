import HTTPCore
import Testing

/// Inputs libFuzzer found (scripts/fuzz.sh), kept so the bugs they exposed stay fixed.
@Suite struct FuzzRegressionTests {
    /// The parser's requests and error for `bytes` delivered in `pieces`.
    private func parse(_ pieces: [ArraySlice<UInt8>], limits: HTTPRequestParser.Limits)
        -> (targets: [String], error: HTTPParseError?) {
        var parser = HTTPRequestParser(limits: limits)
        var targets: [String] = []
        do {
            for piece in pieces {
                parser.append(piece)
                while let event = try parser.next() {
                    if case .request(let request) = event { targets.append(request.target) }
                }
            }
        } catch {
            return (targets, error)
        }
        return (targets, nil)
    }

    /// FuzzHTTPRequestParser: a request line of exactly `maxRequestLineBytes` was accepted in
    /// one piece but refused with 414 when its CR arrived before its LF, because the check for
    /// an unfinished request line counted the CR as part of the line.
    @Test func requestLineOfExactlyTheLimitIsAcceptedWhateverTheSegmentation() throws {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 512, maxRequestLineBytes: 128)
        let target = "/" + String(repeating: "a", count: 128 - "GET  HTTP/1.1".count - 1)
        let requestLine = "GET \(target) HTTP/1.1"
        try #require(requestLine.utf8.count == limits.maxRequestLineBytes)
        let bytes = Array((requestLine + "\r\nHost: a\r\n\r\n").utf8)

        let whole = parse([bytes[...]], limits: limits)
        let byteByByte = parse(bytes.indices.map { bytes[$0...$0] }, limits: limits)
        #expect(whole.targets == [target])
        #expect(whole.error == nil)
        #expect(byteByByte.targets == whole.targets)
        #expect(byteByByte.error == nil)
    }

    /// The limit itself still holds when the line arrives in pieces.
    @Test func requestLineOneByteOverTheLimitIsRefusedWhenSplit() throws {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 512, maxRequestLineBytes: 128)
        let bytes = Array(("GET /" + String(repeating: "a", count: 200)).utf8)
        let byteByByte = parse(bytes.indices.map { bytes[$0...$0] }, limits: limits)
        #expect(byteByByte.error?.status == 414)
    }
}
