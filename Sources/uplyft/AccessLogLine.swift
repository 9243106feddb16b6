import Foundation
import HTTPCore

/// One access-log line per answer, in the format `ShopConfiguration.accessLogFormat` names.
/// Hand-written rather than through JSONEncoder: it runs for every request, and the fields
/// are a fixed few. Strings are escaped as RFC 8259 section 7 requires (quote, backslash and
/// every control character), so a path can never break a line or the object.
enum AccessLogLine {
    /// `ADDRESS METHOD PATH STATUS BYTES TIMEus`. The path is percent-decoded, so it is escaped
    /// as in JSON (without the quotes): a decoded "%0A" must not start a forged line.
    static func text(_ entry: HTTPServerConfiguration.AccessLogEntry) -> String {
        "\(entry.remoteAddress) \(entry.method) \(escaped(entry.path)) \(entry.status) \(entry.bodyBytes) \(entry.microseconds)us"
    }

    /// `{"ts":1764547200.123,"remote":"...","method":"GET","path":"/api/search/","status":200,"bytes":1714,"duration_us":95}`;
    /// `ts` is seconds since 1970 (UTC) with milliseconds.
    static func json(_ entry: HTTPServerConfiguration.AccessLogEntry, secondsSince1970: Double) -> String {
        let milliseconds = Int64((secondsSince1970 * 1000).rounded(.down))
        let fraction = String(milliseconds % 1000)
        let timestamp = "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
        return "{\"ts\":\(timestamp),\"remote\":\(quoted(entry.remoteAddress)),\"method\":\(quoted(entry.method)),"
            + "\"path\":\(quoted(entry.path)),\"status\":\(entry.status),\"bytes\":\(entry.bodyBytes),\"duration_us\":\(entry.microseconds)}"
    }

    static func quoted(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
