import Crypto

/// Content-hashed URLs for the page's files, and the page text rewritten to use them.
///
/// Each file under `/static/` gets a second name with a hash of its content
/// (`/static/js/chat.js` -> `/static/js/chat.3f9a1c2e.js`) that browsers may keep for a year
/// (`immutable`): a new version is a new name. Every reference the page's HTML, JavaScript and
/// CSS make to a static file (`AssetReferenceScanner`) is rewritten to that name, so one
/// revalidated HTML page pulls a consistent set of files.
///
/// The hash of a file covers the files it references, transitively (its raw bytes and theirs),
/// because its rewritten text names their hashes: if a module three imports away changes,
/// every module on the way gets a new name. Hashing raw bytes of the closure, instead of the
/// rewritten text in dependency order, also works when modules import each other in a cycle.
///
/// Pages (HTML outside `/static/`) also get `<link rel="modulepreload">` for every module
/// their module scripts import statically, transitively, so the browser fetches the whole
/// graph in parallel as soon as it reads the head instead of one import level per round trip.
struct AssetFingerprints {
    /// Hex digits of SHA-256 in a fingerprinted name: 32 bits, enough to tell versions of
    /// one file apart.
    static let hashDigits = 8

    /// Fingerprinted URL path by original URL path, for every file under `/static/`.
    let fingerprintedPaths: [String: String]
    /// The file's text with its references rewritten (and, for pages, preloads added), by
    /// original URL path; files that reference nothing keep their bytes.
    let bodies: [String: [UInt8]]
    /// The modules preloaded by each page, fingerprinted, in the order they are listed.
    let modulePreloads: [String: [String]]

    /// `files` by URL path: `/static/...` for assets, `/<name>.html` for pages.
    init(files: [String: [UInt8]]) {
        var references: [String: [(reference: AssetReference, target: String)]] = [:]
        for (path, bytes) in files {
            guard let language = AssetLanguage(path: path) else { continue }
            references[path] = AssetReferenceScanner.references(in: bytes, language: language).compactMap { reference in
                guard let target = AssetReferenceScanner.resolve(reference.specifier, from: path, language: language),
                      target.hasPrefix(StaticFiles.staticPrefix), files[target] != nil else { return nil }
                return (reference, target)
            }
        }
        var rawHashes: [String: [UInt8]] = [:]
        for (path, bytes) in files { rawHashes[path] = Crypto.sha256(bytes) }

        var fingerprinted: [String: String] = [:]
        for path in files.keys where path.hasPrefix(StaticFiles.staticPrefix) {
            var material: [UInt8] = []
            for member in Self.closure(of: path, references: references, kinds: nil).sorted() {
                material += Array(member.utf8) + [0] + (rawHashes[member] ?? [])
            }
            let hex = Crypto.sha256(material).prefix(Self.hashDigits / 2).map { byte in
                (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }.joined()
            fingerprinted[path] = Self.name(path, withHash: hex)
        }

        var bodies: [String: [UInt8]] = [:]
        var preloads: [String: [String]] = [:]
        for (path, bytes) in files {
            guard let found = references[path], let language = AssetLanguage(path: path) else {
                bodies[path] = bytes
                continue
            }
            var text = bytes
            // From the end, so earlier ranges stay valid.
            for (reference, target) in found.reversed() {
                guard let newPath = fingerprinted[target], let specifier = Self.rewritten(reference.specifier, target: target, to: newPath)
                else { continue }
                text.replaceSubrange(reference.range, with: Array(specifier.utf8))
            }
            if language == .html && !path.hasPrefix(StaticFiles.staticPrefix) {
                let entries = found.filter { Self.isModuleScript(bytes, at: $0.reference.range) }.map(\.target)
                var listed: [String] = []
                for entry in entries {
                    for module in Self.closure(of: entry, references: references, kinds: [.staticImport])
                    where !entries.contains(module) && !listed.contains(module) {
                        listed.append(module)
                    }
                }
                let urls = listed.compactMap { fingerprinted[$0] }
                preloads[path] = urls
                text = Self.insertingPreloads(urls, into: text)
            }
            bodies[path] = text
        }
        self.fingerprintedPaths = fingerprinted
        self.bodies = bodies
        self.modulePreloads = preloads
    }

    /// `path` with `.hash` before its last extension: `/static/js/chat.js` ->
    /// `/static/js/chat.3f9a1c2e.js`; a name without an extension gets it at the end.
    static func name(_ path: String, withHash hash: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let lastSegment = path[slash...]
        guard let dot = lastSegment.lastIndex(of: "."), dot != lastSegment.startIndex else { return path + "." + hash }
        return String(path[..<dot]) + "." + hash + String(path[dot...])
    }

    /// The specifier as written with its last segment swapped for the fingerprinted file's
    /// (`./dom.js` -> `./dom.1a2b3c4d.js`), so relative stays relative; nil when the last
    /// segments disagree (nothing is rewritten then).
    private static func rewritten(_ specifier: String, target: String, to newPath: String) -> String? {
        guard let targetName = target.split(separator: "/").last, let newName = newPath.split(separator: "/").last,
              specifier.hasSuffix("/" + targetName) || specifier == targetName else { return nil }
        return String(specifier.dropLast(targetName.count)) + newName
    }

    /// Files reachable from `start` through references of `kinds` (all when nil), `start`
    /// included; breadth-first, so a module comes before the ones only it imports.
    private static func closure(of start: String, references: [String: [(reference: AssetReference, target: String)]],
                                kinds: Set<AssetReference.Kind>?) -> [String] {
        var seen: Set<String> = [start]
        var queue = [start]
        var index = 0
        while index < queue.count {
            let current = queue[index]
            index += 1
            for (reference, target) in references[current] ?? [] where kinds?.contains(reference.kind) ?? true {
                if seen.insert(target).inserted { queue.append(target) }
            }
        }
        return queue
    }

    /// Whether the attribute at `range` sits in a `<script ... type="module">` tag.
    private static func isModuleScript(_ text: [UInt8], at range: Range<Int>) -> Bool {
        guard let open = text[..<range.lowerBound].lastIndex(of: UInt8(ascii: "<")) else { return false }
        let close = text[range.upperBound...].firstIndex(of: UInt8(ascii: ">")) ?? text.count
        let tag = String(decoding: text[open..<close], as: UTF8.self).lowercased()
        return tag.hasPrefix("<script") && (tag.contains("type=\"module\"") || tag.contains("type='module'") || tag.contains("type=module"))
    }

    /// `text` with one `<link rel="modulepreload">` per URL just before `</head>` (at the
    /// start when there is no head end), skipping URLs the page already names.
    private static func insertingPreloads(_ urls: [String], into text: [UInt8]) -> [UInt8] {
        let page = String(decoding: text, as: UTF8.self)
        let links = urls.filter { !page.contains("\"\($0)\"") }.map { "  <link rel=\"modulepreload\" href=\"\($0)\">\n" }.joined()
        guard !links.isEmpty else { return text }
        let marker = Array("</head>".utf8)
        var position = 0
        var insertAt = 0
        let lowered = text.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        while position + marker.count <= lowered.count {
            if lowered[position..<(position + marker.count)].elementsEqual(marker) {
                insertAt = position
                break
            }
            position += 1
        }
        // Keep the head's indentation: insert at the start of the `</head>` line.
        while insertAt > 0, text[insertAt - 1] == UInt8(ascii: " ") { insertAt -= 1 }
        var result = text
        result.insert(contentsOf: Array(links.utf8), at: insertAt)
        return result
    }
}
