#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns one catalog line (a JSON object) into a `Product`, or says exactly why it cannot.
///
/// The rules are the catalog format's (README, "Catalog format"): `id` and `name` are
/// non-empty strings; `brand`, `category`, `description` and `image` are strings;
/// `price` is a number in 0...`Product.maximumPrice`; `attributes` an object of strings;
/// `rating` a number in 0...5; `stock` a whole number in 0...`Product.maximumStock`. Every
/// optional field may also be `null`, meaning absent.
/// A known field given twice is an error (which one was meant is unknowable). Unknown fields
/// are validated as JSON, skipped, and their names collected in `unknownFieldNames`.
///
/// Uniqueness of ids spans lines, so it is the reader's job, not the decoder's.
struct CatalogLineDecoder {
    private var parser = JSONValueParser()
    /// Names of the unknown fields of the line last decoded, in line order. The reader counts
    /// them only when the line is accepted, so a rejected line contributes nothing.
    private(set) var unknownFieldNames: [String] = []
    private var lineNumber = 0
    /// The top-level field whose value is being read, named by errors found inside it.
    private var currentField: String?

    mutating func decode(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws(CatalogLineError) -> Product {
        parser.reset(line: line)
        self.lineNumber = lineNumber
        currentField = nil
        unknownFieldNames.removeAll(keepingCapacity: true)

        parser.skipWhitespace()
        guard let kind = parser.nextValueKind, kind == .object || isCompleteLiteral(kind) else {
            throw syntaxError(parser.unexpected("a JSON object"))
        }
        guard kind == .object else {
            throw CatalogLineError(
                line: lineNumber, column: parser.column, field: nil,
                reason: "expected a JSON object, got \(kind.described)")
        }

        var product = Product(id: "", name: "")
        var seenFields = KnownFields()
        var hasMember = try beginObject(depth: 1)
        while hasMember {
            currentField = nil
            let member = try readMemberName { name in
                KnownFields(utf8: name).map(MemberName.known) ?? .unknown(String(decoding: name, as: UTF8.self))
            }
            switch member {
            case let .known(field):
                currentField = field.name
                guard !seenFields.contains(field) else { throw fieldError("appears more than once") }
                seenFields.insert(field)
                try readKnownField(field, into: &product)
            case let .unknown(name):
                currentField = name
                unknownFieldNames.append(name)
                try skipValue(depth: 2)
            }
            currentField = nil
            hasMember = try endMember()
        }
        try expectEnd()

        guard seenFields.contains(.id) else {
            throw CatalogLineError(line: lineNumber, column: nil, field: "id", reason: "missing required field")
        }
        guard seenFields.contains(.name) else {
            throw CatalogLineError(line: lineNumber, column: nil, field: "name", reason: "missing required field")
        }
        return product
    }

    /// Whether a line starting like `null`, `true` or `false` really holds that literal, so
    /// that "nonsense" is reported as unexpected text and not as "got null". Other kinds are
    /// told apart by their first byte alone.
    private func isCompleteLiteral(_ kind: JSONValueKind) -> Bool {
        var probe = parser
        switch kind {
        case .null: return (try? probe.readNull()) != nil
        case .boolean: return (try? probe.readBoolean()) != nil
        default: return true
        }
    }

    // MARK: Field values

    private mutating func readKnownField(_ field: KnownFields, into product: inout Product) throws(CatalogLineError) {
        switch field {
        case .id: product.id = try readRequiredString()
        case .name: product.name = try readRequiredString()
        case .brand: product.brand = try readOptionalString()
        case .category: product.category = try readOptionalString()
        case .description: product.description = try readOptionalString()
        case .image: product.image = try readOptionalString()
        case .price:
            product.price = try readOptionalNumber()
            if let price = product.price, price < 0 {
                throw fieldError("must not be negative, got \(CatalogLineEncoder.formatNumber(price))")
            }
            if let price = product.price, price > Product.maximumPrice {
                throw fieldError("must be at most \(CatalogLineEncoder.formatNumber(Product.maximumPrice)) (the highest price an index holds), got \(CatalogLineEncoder.formatNumber(price))")
            }
        case .rating:
            product.rating = try readOptionalNumber()
            if let rating = product.rating, !(0 ... 5).contains(rating) {
                throw fieldError("must be between 0 and 5, got \(CatalogLineEncoder.formatNumber(rating))")
            }
        case .stock: product.stock = try readOptionalStock()
        case .attributes: product.attributes = try readAttributes()
        default: break  // KnownFields(named:) yields exactly one of the cases above.
        }
    }

    private mutating func readRequiredString() throws(CatalogLineError) -> String {
        try expectKind(.string)
        let value = try readString()
        guard !value.isEmpty else { throw fieldError("must not be empty") }
        return value
    }

    /// An optional text field: `null` is the same as absent, which the model stores as "".
    private mutating func readOptionalString() throws(CatalogLineError) -> String {
        if parser.nextValueKind == .null {
            try readNull()
            return ""
        }
        try expectKind(.string)
        return try readString()
    }

    private mutating func readOptionalNumber() throws(CatalogLineError) -> Double? {
        if parser.nextValueKind == .null {
            try readNull()
            return nil
        }
        try expectKind(.number)
        return try readNumber()
    }

    /// Stock is a count: any number with a whole value (so `3` and `3.0`, not `1.5`), from 0
    /// to `Product.maximumStock`. Checked on the Double before any conversion: `1e19` is
    /// whole but fits no index.
    private mutating func readOptionalStock() throws(CatalogLineError) -> Int? {
        guard let value = try readOptionalNumber() else { return nil }
        guard value == value.rounded(.towardZero) else {
            throw fieldError("expected a whole number, got \(CatalogLineEncoder.formatNumber(value))")
        }
        guard value >= 0 else { throw fieldError("must not be negative, got \(CatalogLineEncoder.formatNumber(value))") }
        guard value <= Double(Product.maximumStock), let count = Int(exactly: value) else {
            throw fieldError("must be at most \(Product.maximumStock) (the highest stock an index holds), got \(CatalogLineEncoder.formatNumber(value))")
        }
        return count
    }

    /// Attribute names and values are strings, kept in line order.
    private mutating func readAttributes() throws(CatalogLineError) -> [(name: String, value: String)] {
        if parser.nextValueKind == .null {
            try readNull()
            return []
        }
        try expectKind(.object)
        var attributes: [(name: String, value: String)] = []
        var hasMember = try beginObject(depth: 2)
        while hasMember {
            let name = try readMemberName()
            guard let kind = parser.nextValueKind else { throw syntaxError(parser.unexpected("a value")) }
            guard kind == .string else {
                throw CatalogLineError(
                    line: lineNumber, column: nil, field: "attributes.\(name)",
                    reason: "expected a string, got \(kind.described)")
            }
            attributes.append((name, try readString(field: "attributes.\(name)")))
            hasMember = try endMember()
        }
        return attributes
    }

    /// Fails with a type error naming what was found when the next value is not `expected`.
    private func expectKind(_ expected: JSONValueKind) throws(CatalogLineError) {
        guard let found = parser.nextValueKind else {
            throw syntaxError(parser.unexpected("a value"))
        }
        guard found == expected else {
            throw fieldError("expected \(expected.described), got \(found.described)")
        }
    }

    // MARK: Errors

    // Each parser step, with its syntax error turned into this line's error. (Spelled out
    // because closures do not infer typed throws in Swift 6 mode.)

    private mutating func beginObject(depth: Int) throws(CatalogLineError) -> Bool {
        do throws(JSONSyntaxError) { return try parser.beginObject(depth: depth) } catch { throw syntaxError(error) }
    }

    private mutating func readMemberName() throws(CatalogLineError) -> String {
        do throws(JSONSyntaxError) { return try parser.readMemberName() } catch { throw syntaxError(error) }
    }

    private mutating func readMemberName<Name>(_ classify: (UnsafeBufferPointer<UInt8>) -> Name) throws(CatalogLineError) -> Name {
        do throws(JSONSyntaxError) { return try parser.readMemberName(classify) } catch { throw syntaxError(error) }
    }

    private mutating func endMember() throws(CatalogLineError) -> Bool {
        do throws(JSONSyntaxError) { return try parser.endMember() } catch { throw syntaxError(error) }
    }

    private mutating func expectEnd() throws(CatalogLineError) {
        do throws(JSONSyntaxError) { try parser.expectEnd() } catch { throw syntaxError(error) }
    }

    private mutating func skipValue(depth: Int) throws(CatalogLineError) {
        do throws(JSONSyntaxError) { try parser.skipValue(depth: depth) } catch { throw syntaxError(error) }
    }

    private mutating func readNull() throws(CatalogLineError) {
        do throws(JSONSyntaxError) { try parser.readNull() } catch { throw syntaxError(error) }
    }

    /// A string value. U+0000 (written `\u0000`) is refused: no product text needs it, and the
    /// stores the shop copies ids and names into cannot hold it (PostgreSQL's text type refuses
    /// it, C strings end at it), so a cart or order line with it would fail long after indexing.
    private mutating func readString(field: String? = nil) throws(CatalogLineError) -> String {
        let value: String
        do throws(JSONSyntaxError) { value = try parser.readString() } catch { throw syntaxError(error) }
        guard !value.utf8.contains(0) else {
            throw CatalogLineError(line: lineNumber, column: nil, field: field ?? currentField,
                                   reason: "must not contain the NUL character (\\u0000)")
        }
        return value
    }

    private mutating func readNumber() throws(CatalogLineError) -> Double {
        do throws(JSONSyntaxError) { return try parser.readNumber() } catch { throw syntaxError(error) }
    }

    /// The syntax error at its byte column, inside the field being read if any.
    private func syntaxError(_ error: JSONSyntaxError) -> CatalogLineError {
        CatalogLineError(line: lineNumber, column: error.column, field: currentField, reason: error.reason)
    }

    /// A well-formed value that breaks a field rule. It carries no column: the field name
    /// locates it better for a person fixing the feed.
    private func fieldError(_ reason: String) -> CatalogLineError {
        CatalogLineError(line: lineNumber, column: nil, field: currentField, reason: reason)
    }
}

/// A member of the product object: one the format defines, or any other (kept by name).
private enum MemberName {
    case known(KnownFields)
    case unknown(String)
}

/// The known fields of a product line, as a set to detect repeats cheaply.
private struct KnownFields: OptionSet {
    let rawValue: UInt16

    static let id = KnownFields(rawValue: 1 << 0)
    static let name = KnownFields(rawValue: 1 << 1)
    static let brand = KnownFields(rawValue: 1 << 2)
    static let category = KnownFields(rawValue: 1 << 3)
    static let description = KnownFields(rawValue: 1 << 4)
    static let image = KnownFields(rawValue: 1 << 5)
    static let price = KnownFields(rawValue: 1 << 6)
    static let attributes = KnownFields(rawValue: 1 << 7)
    static let rating = KnownFields(rawValue: 1 << 8)
    static let stock = KnownFields(rawValue: 1 << 9)

    private static let namedFields: [(field: KnownFields, name: StaticString)] = [
        (.id, "id"), (.name, "name"), (.brand, "brand"), (.category, "category"),
        (.description, "description"), (.image, "image"), (.price, "price"),
        (.attributes, "attributes"), (.rating, "rating"), (.stock, "stock"),
    ]

    init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The field whose name has the UTF-8 `name`, or nil for a field the format does not
    /// define. Compares bytes so that no `String` is made for the name (it was 7% of
    /// reading a catalog).
    init?(utf8 name: UnsafeBufferPointer<UInt8>) {
        for candidate in Self.namedFields where candidate.name.utf8CodeUnitCount == name.count {
            if let bytes = name.baseAddress, memcmp(bytes, candidate.name.utf8Start, name.count) == 0 {
                self = candidate.field
                return
            }
        }
        return nil
    }

    /// The name of a single field, as errors report it.
    var name: String {
        switch self {
        case .id: "id"
        case .name: "name"
        case .brand: "brand"
        case .category: "category"
        case .description: "description"
        case .image: "image"
        case .price: "price"
        case .attributes: "attributes"
        case .rating: "rating"
        case .stock: "stock"
        default: "?"
        }
    }
}

/// Why one catalog line was rejected, precise enough to find and fix it in the feed.
///
/// Syntax errors carry the 1-based byte `column` where they were detected; errors about a
/// well-formed value carry only the `field`. The description reads like
/// `line 17: field "price": expected a number, got a string` or
/// `line 3, column 40: unterminated string`.
public struct CatalogLineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number in the file, counting blank lines.
    public var line: Int
    /// 1-based byte column within the line (after a leading byte order mark), if known.
    public var column: Int?
    /// The top-level field (or `attributes.NAME`) the problem is in, if any.
    public var field: String?
    public var reason: String

    public init(line: Int, column: Int?, field: String?, reason: String) {
        self.line = line
        self.column = column
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var text = "line \(line)"
        if let column { text += ", column \(column)" }
        if let field { text += ": field \"\(field)\"" }
        return text + ": " + reason
    }
}
