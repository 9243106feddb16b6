@testable import HTTPCore

/// The requests a fresh parser makes of `text` fed at once (parser tests share these).
func parse(_ text: String, limits: HTTPRequestParser.Limits = .init()) throws(HTTPParseError) -> [HTTPRequest] {
    var parser = HTTPRequestParser(limits: limits)
    return try parser.feed(Array(text.utf8))
}

/// The error a fresh parser throws for `text`, or nil when it parses.
func parseError(_ text: String, limits: HTTPRequestParser.Limits = .init()) -> HTTPParseError? {
    do {
        _ = try parse(text, limits: limits)
        return nil
    } catch {
        return error
    }
}
