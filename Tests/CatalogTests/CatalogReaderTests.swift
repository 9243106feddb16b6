import Foundation
import Testing
@testable import Catalog

/// Everything one `forEach` pass produced.
private struct ReadResult {
    var products: [Product] = []
    var badLines: [CatalogLineError] = []
    var summary = CatalogReadSummary()
}

/// A fresh directory for one test's catalog files, removed when the test ends.
private final class CatalogDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "uplyft-catalog-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ bytes: [UInt8], name: String = "catalog.jsonl") throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }
}

/// Writes `contents` to a fresh file and reads it with `policy` (skipping bad lines unless
/// told otherwise). Small `chunkBytes` / `maxLineBytes` reach the buffer edges cheaply.
private func readCatalog(
    _ contents: [UInt8], policy: BadLinePolicy = .skipBad,
    chunkBytes: Int = 1 << 20, maxLineBytes: Int = 1 << 20
) throws -> ReadResult {
    let directory = try CatalogDirectory()
    let path = try directory.write(contents)
    var reader = try CatalogReader(path: path, policy: policy, chunkBytes: chunkBytes, maxLineBytes: maxLineBytes)
    var result = ReadResult()
    result.summary = try reader.forEach(onBadLine: { result.badLines.append($0) }) { result.products.append($0) }
    return result
}

private func readCatalog(_ text: String, policy: BadLinePolicy = .skipBad) throws -> ReadResult {
    try readCatalog(Array(text.utf8), policy: policy)
}

private func lines(_ products: [Product]) -> String {
    products.map { CatalogLineEncoder.encode($0) + "\n" }.joined()
}

/// Products exercising every field and the characters JSON must escape.
private let awkwardProducts: [Product] = [
    Product(id: "p1", name: "Plain"),
    Product(
        id: "p2", name: "Quote \" backslash \\ slash / tab\there", brand: "Ünïcødé", category: "Kitchen > Knives",
        description: "line one\nline two\r\nSOH \u{1} bell \u{7} unit \u{1F} end", price: 19.99, image: "img/p2.jpg",
        attributes: [("size", "XL"), ("color", "red"), ("année", "2024"), ("a", "")], rating: 4.5, stock: 12),
    Product(id: "😀-id", name: "Emoji 🏳️‍🌈 family 👨‍👩‍👧 flag 🇯🇵", price: 0, rating: 0, stock: 0),
    Product(id: "日本語", name: "中文 한국어 العربية עברית", description: "\u{2028}\u{2029}\u{FEFF}", price: 1_234_567.89, rating: 5),
    Product(id: "tiny", name: "Fractions", price: 0.1, rating: 3.333333333333333),
    Product(id: "huge", name: "Big numbers", price: Product.maximumPrice, stock: Product.maximumStock),
    Product(id: "\\\"", name: "Id made of escapes", attributes: [("z", "1"), ("y", "2"), ("x", "3")]),
]

@Suite struct CatalogReaderTests {
    // MARK: Good input

    @Test func productsWrittenByTheEncoderReadBackEqual() throws {
        let result = try readCatalog(lines(awkwardProducts))
        #expect(result.badLines == [])
        #expect(result.products == awkwardProducts)
        #expect(result.summary == CatalogReadSummary(productCount: awkwardProducts.count, badLineCount: 0, lineCount: awkwardProducts.count))
        let attributes = try #require(result.products.first { $0.id == "p2" }).attributes
        #expect(attributes.map(\.name) == ["size", "color", "année", "a"])
    }

    @Test func everyJSONEscapeDecodes() throws {
        let line = #"{"id":"e","name":"\"\\\/\b\f\n\r\t\u00e9\u00C9\ud83d\ude00\u0001x"}"#
        let result = try readCatalog(line)
        #expect(result.badLines == [])
        #expect(result.products.first?.name == "\"\\/\u{8}\u{C}\n\r\té\u{C9}😀\u{1}x")
    }

    /// A NUL in any text a product carries would be refused by PostgreSQL when a shopper puts
    /// the product in a cart or order: the line is refused at indexing instead, naming the field.
    @Test(arguments: [
        (#"{"id":"a\u0000b","name":"N"}"#, "id"),
        (#"{"id":"a","name":"Lamp\u0000"}"#, "name"),
        (#"{"id":"a","name":"N","brand":"\u0000"}"#, "brand"),
        (#"{"id":"a","name":"N","description":"x\u0000y"}"#, "description"),
        (#"{"id":"a","name":"N","attributes":{"color":"red\u0000"}}"#, "attributes.color"),
    ])
    func aNULCharacterInAnyTextRefusesTheLine(line: String, field: String) throws {
        let result = try readCatalog(line + "\n" + #"{"id":"ok","name":"Fine"}"#)
        #expect(result.products.map(\.id) == ["ok"])
        #expect(result.badLines.first?.field == field)
        #expect(result.badLines.first?.reason.contains("NUL") == true)
    }

    @Test func escapedFieldNamesMatchTheirUnescapedForm() throws {
        let result = try readCatalog(#"{"\u0069d":"x","n\u0061me":"X","\u00e9t\u00e9":1}"#)
        #expect(result.products == [Product(id: "x", name: "X")])
        #expect(result.summary.unknownFieldCounts == ["été": 1])
    }

    @Test func controlCharacterAfterALongPlainRunIsFound() throws {
        // The raw tab sits past several 8-byte words of plain ASCII, where the scan is wordwise.
        let result = try readCatalog("{\"id\":\"b\",\"name\":\"" + String(repeating: "abc", count: 11) + "\t\"}")
        #expect(result.badLines.first?.column == 19 + 33)
        #expect(result.badLines.first?.reason == "control character 0x9 in a string must be escaped")
    }

    @Test func nullOptionalFieldsAreAbsent() throws {
        let line = #"{"id":"n","name":"N","brand":null,"price":null,"rating":null,"stock":null,"attributes":null,"image":null}"#
        let result = try readCatalog(line)
        #expect(result.products == [Product(id: "n", name: "N")])
    }

    @Test(arguments: [
        ("0", 0.0), ("-0", 0.0), ("19.99", 19.99), ("0.1", 0.1), ("1e2", 100.0), ("1E+2", 100.0),
        ("2.5e-3", 0.0025), ("123456789012345678901234567890", 123456789012345678901234567890.0),
        ("0.30000000000000004", 0.30000000000000004), ("9007199254740993", 9007199254740993.0),
        ("1.7976931348623157e308", 1.7976931348623157e308), ("4.9e-324", Double.leastNonzeroMagnitude),
        ("12.000", 12.0), ("3.14159265358979323846", 3.14159265358979323846),
    ])
    func numbersParseToTheNearestDouble(text: String, expected: Double) throws {
        let result = try readCatalog(#"{"id":"n","name":"N","price":"# + text + "}")
        if expected <= Product.maximumPrice {
            #expect(result.badLines == [])
            #expect(result.products.first?.price == expected)
        } else {
            // Above what an index holds: refused, naming the value as parsed (the shortest
            // text that reads back as the same Double, so equal text means an equal value).
            #expect(result.badLines.map(\.reason) == ["must be at most 42949672.94 (the highest price an index holds), got \(expected.description)"])
        }
    }

    @Test func stockAcceptsAWholeNumberWrittenWithAFraction() throws {
        let result = try readCatalog(#"{"id":"s","name":"S","stock":3.0}"# + "\n" + #"{"id":"t","name":"T","stock":2e3}"#)
        #expect(result.products.map(\.stock) == [3, 2000])
    }

    @Test func crlfLineEndsByteOrderMarkAndBlankLinesAreTolerated() throws {
        let text = "\u{FEFF}" + #"{"id":"a","name":"A"}"# + "\r\n\r\n   \t \r\n\n" + #"{"id":"b","name":"B"}"# + "\r\n\n"
        let result = try readCatalog(text)
        #expect(result.badLines == [])
        #expect(result.products.map(\.id) == ["a", "b"])
        #expect(result.summary.lineCount == 6)
        #expect(result.summary.badLineCount == 0)
    }

    @Test func byteOrderMarkIsNotCountedInColumns() throws {
        let result = try readCatalog("\u{FEFF}" + #"{"id":"a" "name":"A"}"#)
        // Column 11 is the '"' of "name"; counting the 3 BOM bytes would give 14.
        #expect(result.badLines.first?.column == 11)
    }

    @Test func lastLineWithoutNewlineIsRead() throws {
        let result = try readCatalog(#"{"id":"a","name":"A"}"# + "\n" + #"{"id":"b","name":"B"}"#)
        #expect(result.products.map(\.id) == ["a", "b"])
        #expect(result.summary.lineCount == 2)
    }

    @Test func emptyFileHasNothing() throws {
        let result = try readCatalog("")
        #expect(result.summary == CatalogReadSummary())
    }

    @Test func unknownFieldsAreSkippedAndCountedPerAcceptedProduct() throws {
        let text = """
            {"id":"a","name":"A","color":"red","tags":["x",{"deep":[1,2,{"z":null}]},true,false,-1.5e3],"meta":{"k":{"j":[]}}}
            {"id":"b","meta":{},"name":"B","color":null}
            {"id":"c","name":"","color":"blue"}
            {"id":"d","name":"D","tags":[]}

            """
        let result = try readCatalog(text)
        #expect(result.products.map(\.id) == ["a", "b", "d"])
        // Line 3 is rejected (empty name), so its "color" is not counted.
        #expect(result.summary.unknownFieldCounts == ["color": 2, "tags": 2, "meta": 2])
    }

    @Test func eachPassReadsTheWholeFileAgain() throws {
        let directory = try CatalogDirectory()
        let path = try directory.write(Array(lines(awkwardProducts).utf8))
        var reader = try CatalogReader(path: path, policy: .strict)
        var firstPass: [Product] = []
        var secondPass: [Product] = []
        _ = try reader.forEach { firstPass.append($0) }
        _ = try reader.forEach { secondPass.append($0) }
        #expect(firstPass == awkwardProducts)
        #expect(secondPass == awkwardProducts)
    }

    // MARK: Chunk boundaries and long lines

    @Test func linesSpanningChunkBoundariesReadTheSameForEveryChunkSize() throws {
        let bytes = Array(("\u{FEFF}" + lines(awkwardProducts).replacingOccurrences(of: "\n", with: "\r\n\n")).utf8)
        for chunkBytes in [1, 2, 3, 5, 7, 16, 64, 100, 255, 1000] {
            let result = try readCatalog(bytes, chunkBytes: chunkBytes, maxLineBytes: 4096)
            #expect(result.products == awkwardProducts, "chunk \(chunkBytes)")
            #expect(result.badLines == [], "chunk \(chunkBytes)")
            #expect(result.summary.lineCount == awkwardProducts.count * 2, "chunk \(chunkBytes)")
        }
    }

    @Test func fileLargerThanTheDefaultChunkReadsCompletely() throws {
        // About 3.5 MB of lines of varied length, so lines straddle each 1 MiB read.
        let products = (0 ..< 12_000).map { number in
            Product(
                id: "id-\(number)", name: "Product \(number) ✓",
                description: String(repeating: "word\(number % 97) ", count: number % 53),
                price: Double(number) / 100, attributes: [("n", String(number))], stock: number)
        }
        let text = lines(products)
        #expect(text.utf8.count > 3 << 20)
        let result = try readCatalog(text)
        #expect(result.badLines == [])
        #expect(result.products.count == products.count)
        #expect(result.products == products)
    }

    @Test func overlongLineIsBadAndReadingResumesAfterIt() throws {
        let good = #"{"id":"a","name":"A"}"#
        let long = #"{"id":"long","name":""# + String(repeating: "x", count: 300) + #""}"#
        let text = good + "\n" + long + "\n" + #"{"id":"b","name":"B"}"# + "\n" + long
        for chunkBytes in [7, 64, 100, 1000] {
            let result = try readCatalog(Array(text.utf8), chunkBytes: chunkBytes, maxLineBytes: 100)
            #expect(result.products.map(\.id) == ["a", "b"], "chunk \(chunkBytes)")
            #expect(result.badLines.map(\.line) == [2, 4], "chunk \(chunkBytes)")
            #expect(result.badLines.first?.reason == "line longer than 100 bytes")
            #expect(result.summary.lineCount == 4)
        }
    }

    @Test func lineOverTheDefaultLimitDoesNotStopTheRead() throws {
        let long = #"{"id":"long","name":""# + String(repeating: "é", count: 600_000) + #""}"#
        let text = #"{"id":"a","name":"A"}"# + "\n" + long + "\n" + #"{"id":"b","name":"B"}"#
        let result = try readCatalog(text)
        #expect(result.products.map(\.id) == ["a", "b"])
        #expect(result.badLines.map(\.line) == [2])
        #expect(result.badLines.first?.reason == "line longer than 1048576 bytes")
    }

    // MARK: Bad lines

    /// One bad line placed as line 3 (after a good line and a blank one), and what the
    /// reader must say about it.
    struct BadLineCase: CustomTestStringConvertible, Sendable {
        var line: [UInt8]
        var field: String?
        var column: Int?
        var reason: String
        var testDescription: String { reason }

        init(_ text: String, field: String?, column: Int? = nil, _ reason: String) {
            self.init(bytes: Array(text.utf8), field: field, column: column, reason)
        }

        init(bytes: [UInt8], field: String?, column: Int? = nil, _ reason: String) {
            line = bytes
            self.field = field
            self.column = column
            self.reason = reason
        }
    }

    static let badLineCases: [BadLineCase] = [
        BadLineCase("not json", field: nil, column: 1, "expected a JSON object, found 'n'"),
        BadLineCase("[1,2]", field: nil, column: 1, "expected a JSON object, got an array"),
        BadLineCase(#""text""#, field: nil, column: 1, "expected a JSON object, got a string"),
        BadLineCase("null", field: nil, column: 1, "expected a JSON object, got null"),
        BadLineCase("nope", field: nil, column: 1, "expected a JSON object, found 'n'"),
        BadLineCase("{}", field: "id", "missing required field"),
        BadLineCase(#"{"name":"x"}"#, field: "id", "missing required field"),
        BadLineCase(#"{"id":"b"}"#, field: "name", "missing required field"),
        BadLineCase(#"{"id":"","name":"x"}"#, field: "id", "must not be empty"),
        BadLineCase(#"{"id":"b","name":""}"#, field: "name", "must not be empty"),
        BadLineCase(#"{"id":7,"name":"x"}"#, field: "id", "expected a string, got a number"),
        BadLineCase(#"{"id":"b","name":null}"#, field: "name", "expected a string, got null"),
        BadLineCase(#"{"id":"b","name":"x","brand":true}"#, field: "brand", "expected a string, got a boolean"),
        BadLineCase(#"{"id":"b","name":"x","price":"12"}"#, field: "price", "expected a number, got a string"),
        BadLineCase(#"{"id":"b","name":"x","price":-0.5}"#, field: "price", "must not be negative, got -0.5"),
        BadLineCase(#"{"id":"b","name":"x","rating":7}"#, field: "rating", "must be between 0 and 5, got 7"),
        BadLineCase(#"{"id":"b","name":"x","rating":-1}"#, field: "rating", "must be between 0 and 5, got -1"),
        BadLineCase(#"{"id":"b","name":"x","stock":1.5}"#, field: "stock", "expected a whole number, got 1.5"),
        BadLineCase(#"{"id":"b","name":"x","stock":-2}"#, field: "stock", "must not be negative, got -2"),
        BadLineCase(#"{"id":"b","name":"x","stock":"3"}"#, field: "stock", "expected a number, got a string"),
        // Above what an index holds (issue 11): refused with the line, not dropped at indexing.
        BadLineCase(#"{"id":"b","name":"x","price":42949672.95}"#, field: "price",
                    "must be at most 42949672.94 (the highest price an index holds), got 42949672.95"),
        BadLineCase(#"{"id":"b","name":"x","price":1e19}"#, field: "price",
                    "must be at most 42949672.94 (the highest price an index holds), got 1e+19"),
        BadLineCase(#"{"id":"b","name":"x","price":1.7976931348623157e308}"#, field: "price",
                    "must be at most 42949672.94 (the highest price an index holds), got 1.7976931348623157e+308"),
        BadLineCase(#"{"id":"b","name":"x","stock":4294967295}"#, field: "stock",
                    "must be at most 4294967294 (the highest stock an index holds), got 4294967295"),
        BadLineCase(#"{"id":"b","name":"x","stock":1e19}"#, field: "stock",
                    "must be at most 4294967294 (the highest stock an index holds), got 1e+19"),
        BadLineCase(#"{"id":"b","name":"x","stock":-1e300}"#, field: "stock", "must not be negative, got -1e+300"),
        BadLineCase(#"{"id":"b","name":"x","attributes":["a"]}"#, field: "attributes", "expected an object, got an array"),
        BadLineCase(#"{"id":"b","name":"x","attributes":{"size":10}}"#, field: "attributes.size", "expected a string, got a number"),
        BadLineCase(#"{"id":"b","name":"x","name":"y"}"#, field: "name", "appears more than once"),
        BadLineCase(#"{"id":"a","name":"again"}"#, field: "id", "duplicate id \"a\", first used on line 1"),
        BadLineCase(#"{"id":"b","name":"x"} trailing"#, field: nil, column: 23, "unexpected content after the end of the object"),
        BadLineCase(#"{"id":"b","name":"x"}{}"#, field: nil, column: 22, "unexpected content after the end of the object"),
        BadLineCase(#"{"id":"b","name":"abc"#, field: "name", column: 18, "unterminated string"),
        BadLineCase(#"{"id":"b","name":"abc\"#, field: "name", column: 22, "unterminated string"),
        BadLineCase(#"{"id":"b","name":"a\qb"}"#, field: "name", column: 20, "invalid escape in a string"),
        BadLineCase(#"{"id":"b","name":"a\u12G4"}"#, field: "name", column: 20, #"invalid \u escape: expected four hex digits"#),
        BadLineCase(#"{"id":"b","name":"a\ud800"}"#, field: "name", column: 20, #"unpaired surrogate in \u escape"#),
        BadLineCase(#"{"id":"b","name":"a\ud800\u0041"}"#, field: "name", column: 20, #"unpaired surrogate in \u escape"#),
        BadLineCase(#"{"id":"b","name":"a\udc00"}"#, field: "name", column: 20, #"unpaired surrogate in \u escape"#),
        BadLineCase("{\"id\":\"b\",\"name\":\"a\tb\"}", field: "name", column: 20, "control character 0x9 in a string must be escaped"),
        BadLineCase(bytes: Array(#"{"id":"b","name":"a"#.utf8) + [0xFF] + Array(#""}"#.utf8), field: "name", column: 20, "invalid UTF-8"),
        BadLineCase(bytes: Array(#"{"id":"b","name":"a"#.utf8) + [0xC3] + Array(#""}"#.utf8), field: "name", column: 20, "invalid UTF-8"),
        BadLineCase(bytes: Array(#"{"id":"b","name":"a"#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8), field: "name", column: 20, "invalid UTF-8"),
        BadLineCase(bytes: Array(#"{"id":"b","name":"a"#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8), field: "name", column: 20, "invalid UTF-8"),
        BadLineCase(bytes: Array(#"{"id":"b","name":"x","extra":""#.utf8) + [0xF4, 0x90, 0x80, 0x80] + Array(#""}"#.utf8), field: "extra", column: 31, "invalid UTF-8"),
        BadLineCase(#"{"id":"b","name":"x","price":01}"#, field: "price", column: 30, "invalid number: leading zero"),
        BadLineCase(#"{"id":"b","name":"x","price":1.}"#, field: "price", column: 32, "invalid number: expected a digit after '.'"),
        BadLineCase(#"{"id":"b","name":"x","price":1e}"#, field: "price", column: 32, "invalid number: expected a digit in the exponent"),
        BadLineCase(#"{"id":"b","name":"x","price":-}"#, field: "price", column: 31, "invalid number: expected a digit"),
        BadLineCase(#"{"id":"b","name":"x","price":.5}"#, field: "price", column: 30, "expected a value, found '.'"),
        BadLineCase(#"{"id":"b","name":"x","price":NaN}"#, field: "price", column: 30, "expected a value, found 'N'"),
        BadLineCase(#"{"id":"b","name":"x","price":1e999}"#, field: "price", column: 30, "number out of range"),
        BadLineCase(#"{"id":"b","name":"x","extra":tru}"#, field: "extra", column: 30, "expected a value, found 't'"),
        BadLineCase(#"{"id":"b","name":"x",}"#, field: nil, column: 22, "expected a field name in double quotes, found '}'"),
        BadLineCase(#"{"id":"b" "name":"x"}"#, field: nil, column: 11, "expected ',' or '}', found '\"'"),
        BadLineCase(#"{"id":"b","name""x"}"#, field: nil, column: 17, "expected ':' after the field name, found '\"'"),
        BadLineCase(#"{"id":"b","name":"x""#, field: nil, column: 21, "unexpected end of line, expected ',' or '}'"),
        BadLineCase(#"{"id":"b","name":"x","extra":[1,2}"#, field: "extra", column: 34, "expected ',' or ']', found '}'"),
        BadLineCase(String(repeating: "[", count: 10_000), field: nil, column: 1, "expected a JSON object, got an array"),
        BadLineCase(
            #"{"id":"b","name":"x","extra":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}",
            field: "extra", column: 93, "nesting deeper than 64 levels"),
        BadLineCase(
            #"{"id":"b","name":"x","extra":"# + String(repeating: #"{"a":"#, count: 10_000),
            field: "extra", column: 345, "nesting deeper than 64 levels"),
    ]

    @Test(arguments: badLineCases)
    func badLineIsReportedWithItsLineFieldAndReason(_ badLine: BadLineCase) throws {
        let contents = Array((#"{"id":"a","name":"A"}"# + "\n\n").utf8) + badLine.line + Array(("\n" + #"{"id":"c","name":"C"}"# + "\n").utf8)
        let result = try readCatalog(contents)
        #expect(result.badLines == [CatalogLineError(line: 3, column: badLine.column, field: badLine.field, reason: badLine.reason)])
        #expect(result.products.map(\.id) == ["a", "c"])
        #expect(result.summary.badLineCount == 1)
        #expect(result.summary.lineCount == 4)
    }

    @Test func skipBadReportsEveryBadLineWhileStrictStopsAtTheFirst() throws {
        let text = """
            {"id":"a","name":"A"}
            {"id":"b","name":"B","price":"free"}
            {"id":"c","name":"C"}
            oops
            {"id":"d","name":"D"}
            """
        let skipping = try readCatalog(text, policy: .skipBad)
        #expect(skipping.products.map(\.id) == ["a", "c", "d"])
        #expect(skipping.badLines.map(\.line) == [2, 4])
        #expect(skipping.summary == CatalogReadSummary(productCount: 3, badLineCount: 2, lineCount: 5))

        let directory = try CatalogDirectory()
        let path = try directory.write(Array(text.utf8))
        var reader = try CatalogReader(path: path, policy: .strict)
        var seen: [String] = []
        var reported: [CatalogLineError] = []
        do {
            _ = try reader.forEach(onBadLine: { reported.append($0) }) { seen.append($0.id) }
            Issue.record("strict reading of a bad catalog did not throw")
        } catch let CatalogReadError.badLine(error) {
            #expect(error == CatalogLineError(line: 2, column: nil, field: "price", reason: "expected a number, got a string"))
        }
        #expect(seen == ["a"])
        #expect(reported == [])
    }

    @Test func errorsFromTheBodyPropagate() throws {
        struct Stop: Error {}
        let directory = try CatalogDirectory()
        let path = try directory.write(Array(lines(awkwardProducts).utf8))
        var reader = try CatalogReader(path: path, policy: .skipBad)
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try reader.forEach { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }

    // MARK: Messages and files

    @Test func descriptionsNameLineColumnAndField() {
        #expect(CatalogLineError(line: 17, column: nil, field: "price", reason: "expected a number, got a string").description
            == #"line 17: field "price": expected a number, got a string"#)
        #expect(CatalogLineError(line: 3, column: 40, field: nil, reason: "unterminated string").description
            == "line 3, column 40: unterminated string")
    }

    @Test func missingFileCannotBeOpenedAndSaysWhy() throws {
        let directory = try CatalogDirectory()
        let path = directory.path + "/absent.jsonl"
        do {
            _ = try CatalogReader(path: path, policy: .skipBad)
            Issue.record("opening a missing file did not throw")
        } catch {
            guard case let .cannotOpen(failedPath, reason) = error else {
                Issue.record("expected cannotOpen, got \(error)")
                return
            }
            #expect(failedPath == path)
            #expect(reason == String(cString: strerror(ENOENT)))
            #expect(error.description.contains(path))
        }
    }

    @Test func directoryCannotBeOpenedAsACatalog() throws {
        let directory = try CatalogDirectory()
        #expect {
            _ = try CatalogReader(path: directory.path, policy: .skipBad)
        } throws: { error in
            guard let readError = error as? CatalogReadError, case .cannotOpen = readError else { return false }
            return true
        }
    }
}
