/// The references one page file makes to others, found by scanning its text: what
/// fingerprinting rewrites (`AssetFingerprints`) and what module preloading follows.
///
/// A scanner, not a parser, for the three languages the page is written in:
/// - JavaScript: the string after `from` or `import` (static imports and re-exports, which
///   the browser fetches before running anything) and after `import(` (dynamic imports);
/// - CSS: `url(...)` with or without quotes, and `@import "..."`;
/// - HTML: quoted `src` and `href` attribute values.
/// Only a specifier that resolves to a file of the web root counts (`resolve`), so a match
/// inside a comment or a string that names no file changes nothing; one that names a real
/// file is rewritten to the same file's fingerprinted name, which is harmless.
struct AssetReference: Equatable {
    enum Kind: Hashable {
        /// `import ... from "x"`, `import "x"`, `export ... from "x"`: fetched before the module runs.
        case staticImport
        /// `import("x")`: fetched when the code runs.
        case dynamicImport
        /// CSS `url()` and `@import`, HTML `src` and `href`.
        case link
    }

    /// The specifier's bytes in the file, quotes excluded.
    let range: Range<Int>
    /// The specifier as written (`./dom.js`, `/static/css/shop.css`).
    let specifier: String
    let kind: Kind
}

enum AssetLanguage {
    case html, css, javaScript

    /// The language of a file by its name; nil for files that reference nothing (images).
    init?(path: String) {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".html") { self = .html }
        else if lowered.hasSuffix(".css") { self = .css }
        else if lowered.hasSuffix(".js") || lowered.hasSuffix(".mjs") { self = .javaScript }
        else { return nil }
    }
}

enum AssetReferenceScanner {
    /// Every candidate reference in `text`, in order of position.
    static func references(in text: [UInt8], language: AssetLanguage) -> [AssetReference] {
        switch language {
        case .javaScript: javaScriptReferences(text)
        case .css: cssReferences(text)
        case .html: htmlReferences(text)
        }
    }

    /// The URL path a specifier names, seen from the file at `base` (a URL path such as
    /// `/static/js/shop.js`); nil for specifiers that are not same-origin paths: bare module
    /// names, `//host`, schemes (`data:`, `https:`), or any with a query or fragment.
    static func resolve(_ specifier: String, from base: String, language: AssetLanguage) -> String? {
        guard !specifier.isEmpty, !specifier.hasPrefix("//"), !specifier.contains("?"), !specifier.contains("#"),
              !specifier.contains(":"), !specifier.contains("\\") else { return nil }
        var segments: [Substring]
        if specifier.hasPrefix("/") {
            segments = []
        } else {
            // A bare JavaScript specifier ("lodash") is a package name, not a path.
            if language == .javaScript && !specifier.hasPrefix("./") && !specifier.hasPrefix("../") { return nil }
            segments = base.split(separator: "/", omittingEmptySubsequences: false).dropFirst().dropLast()
        }
        for segment in specifier.split(separator: "/", omittingEmptySubsequences: false).drop(while: { $0.isEmpty && specifier.hasPrefix("/") }) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default:
                segments.append(segment)
            }
        }
        return "/" + segments.joined(separator: "/")
    }

    // MARK: - Languages

    private static func javaScriptReferences(_ text: [UInt8]) -> [AssetReference] {
        var found: [AssetReference] = []
        var position = 0
        while position < text.count {
            if let end = word(fromKeyword, in: text, at: position) {
                if let reference = quoted(in: text, after: end, kind: .staticImport) { found.append(reference) }
                position = end
            } else if let end = word(importKeyword, in: text, at: position) {
                var next = skipSpaces(text, end)
                if next < text.count, text[next] == UInt8(ascii: "(") {
                    next = skipSpaces(text, next + 1)
                    if let reference = quoted(in: text, after: next, kind: .dynamicImport) { found.append(reference) }
                } else if let reference = quoted(in: text, after: end, kind: .staticImport) {
                    found.append(reference)
                }
                position = end
            } else {
                position += 1
            }
        }
        return found
    }

    private static func cssReferences(_ text: [UInt8]) -> [AssetReference] {
        var found: [AssetReference] = []
        var position = 0
        while position < text.count {
            if let end = literal(urlKeyword, in: text, at: position) {
                let start = skipSpaces(text, end)
                if let reference = quoted(in: text, after: start, kind: .link) {
                    found.append(reference)
                } else {
                    // Unquoted: up to the closing parenthesis or a space.
                    var stop = start
                    while stop < text.count, ![UInt8(ascii: ")"), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\""),
                                               UInt8(ascii: "'")].contains(text[stop]) { stop += 1 }
                    if stop > start, stop < text.count {
                        found.append(AssetReference(range: start..<stop, specifier: String(decoding: text[start..<stop], as: UTF8.self),
                                                    kind: .link))
                    }
                }
                position = end
            } else if let end = literal(cssImportKeyword, in: text, at: position) {
                if let reference = quoted(in: text, after: end, kind: .link) { found.append(reference) }
                position = end
            } else {
                position += 1
            }
        }
        return found
    }

    private static func htmlReferences(_ text: [UInt8]) -> [AssetReference] {
        var found: [AssetReference] = []
        var position = 0
        while position < text.count {
            let attributeEnd = literal(srcAttribute, in: text, at: position, wordStart: true)
                ?? literal(hrefAttribute, in: text, at: position, wordStart: true)
            if let end = attributeEnd {
                if let reference = quoted(in: text, after: end, kind: .link, spaces: false) { found.append(reference) }
                position = end
            } else {
                position += 1
            }
        }
        return found
    }

    // MARK: - Scanning

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// The end of `keyword` at `position` when it stands as a whole word there.
    private static func word(_ keyword: [UInt8], in text: [UInt8], at position: Int) -> Int? {
        guard let end = literal(keyword, in: text, at: position, wordStart: true) else { return nil }
        guard end == text.count || !isIdentifierByte(text[end]) else { return nil }
        return end
    }

    /// The end of `keyword` at `position` (ASCII case-insensitive), optionally only where no
    /// identifier byte comes just before it.
    private static func literal(_ keyword: [UInt8], in text: [UInt8], at position: Int, wordStart: Bool = false) -> Int? {
        guard position + keyword.count <= text.count, lowercased(text[position]) == keyword[0] else { return nil }
        if wordStart, position > 0, isIdentifierByte(text[position - 1]) { return nil }
        for offset in 1..<keyword.count where lowercased(text[position + offset]) != keyword[offset] { return nil }
        return position + keyword.count
    }

    // The keywords as bytes once: `literal` runs at every byte of every file.
    private static let fromKeyword = Array("from".utf8)
    private static let importKeyword = Array("import".utf8)
    private static let urlKeyword = Array("url(".utf8)
    private static let cssImportKeyword = Array("@import".utf8)
    private static let srcAttribute = Array("src=".utf8)
    private static let hrefAttribute = Array("href=".utf8)

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static func skipSpaces(_ text: [UInt8], _ position: Int) -> Int {
        var position = position
        while position < text.count, text[position] == 0x20 || text[position] == 0x09 || text[position] == 0x0A || text[position] == 0x0D {
            position += 1
        }
        return position
    }

    /// A string in single or double quotes starting at `position` (after spaces unless
    /// `spaces` is false), with no escape, line break or template substitution inside.
    private static func quoted(in text: [UInt8], after position: Int, kind: AssetReference.Kind, spaces: Bool = true) -> AssetReference? {
        let open = spaces ? skipSpaces(text, position) : position
        guard open < text.count, text[open] == UInt8(ascii: "\"") || text[open] == UInt8(ascii: "'") else { return nil }
        let quote = text[open]
        var close = open + 1
        while close < text.count, text[close] != quote {
            if text[close] == UInt8(ascii: "\\") || text[close] == UInt8(ascii: "\n") { return nil }
            close += 1
        }
        guard close < text.count, close - open - 1 <= 1024 else { return nil }
        let range = (open + 1)..<close
        return AssetReference(range: range, specifier: String(decoding: text[range], as: UTF8.self), kind: kind)
    }
}
