/// libFuzzer target: the HTTP/1.x request parser.
///
/// Every input is parsed three ways: in one piece, split in two at a point derived from the
/// input, and one byte at a time. The parser must never crash, and since TCP may deliver the
/// same bytes in any segmentation, all three must yield the same requests, and none may
/// refuse bytes another accepts. Chunked bodies are included: the `chunked-*` seeds and the
/// framing tokens of Fuzz/dictionaries/HTTPRequestParser.dict lead the fuzzer to them.
/// Small limits let the fuzzer reach every limit check with short inputs.
import HTTPCore

private let fuzzLimits = HTTPRequestParser.Limits(
    maxHeaderBytes: 512, maxRequestLineBytes: 128, maxHeaderCount: 8, maxBodyBytes: 256, maxChunkExtensionBytes: 64)

/// What parsing produced: the requests in order, then whether an error stopped parsing or the
/// parser is still waiting for the rest of a request.
///
/// Outcomes agree when the requests are the same and neither contradicts the other: which
/// error is not compared (an input may break two rules, and which is seen first depends on how
/// much has arrived: a 414 before the bare LF that makes it a 400), and an error may come
/// earlier in one segmentation while the other is still waiting for the head to end. What must
/// never happen is that one accepts bytes the other refuses.
private struct ParseOutcome: Equatable {
    var requests: [RequestSnapshot] = []
    var failed = false
    var waiting = false
    var error: HTTPParseError?

    static func == (lhs: ParseOutcome, rhs: ParseOutcome) -> Bool {
        lhs.requests == rhs.requests
            && (lhs.failed == rhs.failed || (lhs.failed && rhs.waiting) || (rhs.failed && lhs.waiting))
    }
}

/// The comparable parts of an `HTTPRequest` (which is not Equatable itself).
private struct RequestSnapshot: Equatable {
    let method: String
    let target: String
    let path: String
    let query: [String]
    let version: String
    let headers: [String]
    let body: [UInt8]

    init(_ request: HTTPRequest) {
        method = request.method
        target = request.target
        path = request.path
        query = request.query.map { "\($0.name)=\($0.value)" }
        version = "\(request.version)"
        headers = request.headers.map { "\($0.name): \($0.value)" }
        body = request.body
    }
}

private func parse(_ pieces: [ArraySlice<UInt8>]) -> ParseOutcome {
    var parser = HTTPRequestParser(limits: fuzzLimits)
    var outcome = ParseOutcome()
    // `next()` rather than `feed(_:)`: feed drops the requests it completed before an error,
    // while the server (like this comparison) uses each request as soon as it is complete.
    do {
        for piece in pieces {
            parser.append(piece)
            while let event = try parser.next() {
                if case .request(let request) = event { outcome.requests.append(RequestSnapshot(request)) }
            }
        }
    } catch {
        outcome.failed = true
        outcome.error = error
        return outcome
    }
    outcome.waiting = parser.hasPartialRequest
    return outcome
}

/// A split point that depends on every byte, so the fuzzer explores splits as it mutates.
private func splitPoint(of bytes: [UInt8]) -> Int {
    var hash: UInt32 = 2_166_136_261
    for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return Int(hash % UInt32(bytes.count + 1))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = parse([bytes[...]])

    let split = splitPoint(of: bytes)
    let halves = parse([bytes[..<split], bytes[split...]])
    if halves != whole {
        fatalError("split at \(split) gave \(halves), one piece gave \(whole)")
    }
    // Byte by byte is the worst segmentation a client can choose; cap it to keep runs fast.
    if bytes.count <= 2048 {
        let single = parse(bytes.indices.map { bytes[$0...$0] })
        if single != whole {
            fatalError("byte-by-byte gave \(single), one piece gave \(whole)")
        }
    }
    return 0
}
