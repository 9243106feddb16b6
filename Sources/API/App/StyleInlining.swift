import Crypto
import Foundation

/// Puts a page's small style sheets into the page itself, so that its first paint waits for
/// one round trip (the HTML) instead of two (the HTML, then the CSS it names).
///
/// A style sheet blocks rendering; on a slow link (400 ms round trips) the second round trip
/// is most of the time to first paint. Inlined, the sheet travels with the HTML, gzipped with
/// it; a returning visitor revalidates the page (304) and downloads neither. Sheets above
/// `maximumInlineBytes` stay links (they would delay the HTML more than a round trip costs),
/// as do sheets with a `media` condition and sheets that hold the text `</style`.
///
/// The Content-Security-Policy allows no inline style, so each inlined sheet is allowed by
/// its SHA-256 (CSP Level 2 hash sources): `policy(adding:)` gives the page's policy.
enum StyleInlining {
    static let maximumInlineBytes = 32 * 1024

    struct Result {
        let page: [UInt8]
        /// `'sha256-<base64>'` of each inlined sheet, for the page's style-src.
        let hashSources: [String]
    }

    /// `page` with each `<link rel="stylesheet" href="...">` naming one of `sheets` (by URL
    /// path, their text already with fingerprinted references) replaced by a `<style>`
    /// element holding it, with every reference in it made absolute (the page's URL is not
    /// the sheet's).
    static func inline(page: [UInt8], sheets: [String: [UInt8]]) -> Result {
        let text = String(decoding: page, as: UTF8.self)
        var output = ""
        var hashes: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "<link", options: .caseInsensitive) {
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[open.lowerBound...close]
            output += rest[..<open.lowerBound]
            if let path = stylesheetPath(in: String(tag)), let sheet = sheets[path], sheet.count <= maximumInlineBytes,
               let style = absolute(sheet, at: path), !style.lowercased().contains("</style") {
                output += "<style>" + style + "</style>"
                hashes.append("'sha256-" + Data(Crypto.sha256(Array(style.utf8))).base64EncodedString() + "'")
            } else {
                output += tag
            }
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        return Result(page: Array(output.utf8), hashSources: hashes)
    }

    /// The policy `base` with `hashSources` added to its `style-src`.
    static func policy(_ base: String, adding hashSources: [String]) -> String {
        guard !hashSources.isEmpty else { return base }
        let directives = base.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        return directives.map { directive in
            directive.hasPrefix("style-src ") ? ([directive] + hashSources).joined(separator: " ") : directive
        }.joined(separator: "; ")
    }

    /// The `href` of a `<link rel="stylesheet">` tag without a `media` attribute, when it is
    /// a same-site path.
    private static func stylesheetPath(in tag: String) -> String? {
        let lowered = tag.lowercased()
        guard lowered.contains("rel=\"stylesheet\"") || lowered.contains("rel='stylesheet'"), !lowered.contains("media=") else { return nil }
        let references = AssetReferenceScanner.references(in: Array(tag.utf8), language: .html)
        guard references.count == 1 else { return nil }
        return AssetReferenceScanner.resolve(references[0].specifier, from: "/", language: .html)
    }

    /// The sheet's text with each reference that resolves to a same-site path written as that
    /// absolute path; nil when the bytes are not UTF-8.
    private static func absolute(_ sheet: [UInt8], at path: String) -> String? {
        guard var text = String(validating: sheet, as: UTF8.self) else { return nil }
        var bytes = Array(text.utf8)
        for reference in AssetReferenceScanner.references(in: bytes, language: .css).reversed() {
            guard !reference.specifier.hasPrefix("/"),
                  let resolved = AssetReferenceScanner.resolve(reference.specifier, from: path, language: .css) else { continue }
            bytes.replaceSubrange(reference.range, with: Array(resolved.utf8))
        }
        text = String(decoding: bytes, as: UTF8.self)
        return text
    }
}
