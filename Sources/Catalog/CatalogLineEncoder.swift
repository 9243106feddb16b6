/// Writes a product as one JSON Lines line of the catalog format.
///
/// Output is deterministic (fixed key order, shortest round-tripping number form) so that a
/// generated catalog is byte-for-byte the same for the same seed. Optional fields that are
/// `nil` or empty are omitted, which the catalog reader treats as absent.
public enum CatalogLineEncoder {
    /// The JSON object for `product`, without the trailing newline.
    public static func encode(_ product: Product) -> String {
        var out = ""
        out.reserveCapacity(256 + product.description.utf8.count)
        out += "{\"id\":"
        appendQuoted(product.id, to: &out)
        out += ",\"name\":"
        appendQuoted(product.name, to: &out)
        appendField("brand", product.brand, to: &out)
        appendField("category", product.category, to: &out)
        appendField("description", product.description, to: &out)
        if let price = product.price {
            out += ",\"price\":"
            out += formatNumber(price)
        }
        appendField("image", product.image, to: &out)
        if !product.attributes.isEmpty {
            out += ",\"attributes\":{"
            for (index, attribute) in product.attributes.enumerated() {
                if index > 0 { out += "," }
                appendQuoted(attribute.name, to: &out)
                out += ":"
                appendQuoted(attribute.value, to: &out)
            }
            out += "}"
        }
        if let rating = product.rating {
            out += ",\"rating\":"
            out += formatNumber(rating)
        }
        if let stock = product.stock {
            out += ",\"stock\":\(stock)"
        }
        out += "}"
        return out
    }

    private static func appendField(_ key: String, _ value: String, to out: inout String) {
        guard !value.isEmpty else { return }
        out += ",\""
        out += key
        out += "\":"
        appendQuoted(value, to: &out)
    }

    /// Whole numbers print without a fraction ("12" not "12.0"); others in Swift's shortest
    /// round-tripping form, which JSON accepts.
    static func formatNumber(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return value.description
    }

    static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        // Almost every catalog string needs no escape: append it whole (appending scalar by
        // scalar made `uplyft gen` ten times slower).
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            out += text
            out += "\""
            return
        }
        // Everything escaped is ASCII, so working on UTF-8 bytes keeps other characters intact.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): bytes += Array("\\\\".utf8)
            case UInt8(ascii: "\n"): bytes += Array("\\n".utf8)
            case UInt8(ascii: "\r"): bytes += Array("\\r".utf8)
            case UInt8(ascii: "\t"): bytes += Array("\\t".utf8)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                bytes += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: bytes.append(byte)
            }
        }
        out += String(decoding: bytes, as: UTF8.self)
        out += "\""
    }
}
