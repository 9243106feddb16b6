/// The SHA-256 digest of the catalog file an index was built from, kept in META (FORMAT.md,
/// "META", format version 2 on).
///
/// It lets `uplyft index --if-changed` decide from the catalog's content, not from file
/// times, whether an existing index already holds that catalog: times change when a file is
/// copied or checked out and stay put when it is replaced by an older one, while the digest
/// changes exactly when a byte does. SHA-256 rather than the files' CRC-32C: two different
/// catalogs must not be taken for one, and a 32-bit checksum collides once in a few billion
/// pairs, which a shop regenerating its feed every hour reaches in earnest.
///
/// In the file it is 32 bytes, all zero when no catalog file was involved (an index built from
/// products in memory, as tests do); such an index never counts as built from any catalog.
/// Computing it needs libcrypto and lives with the writer (`Indexer`); readers only compare.
public struct CatalogChecksum: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The digest's length in bytes (SHA-256: 256 bits).
    public static let byteCount = 32

    /// The 32 digest bytes, in the order SHA-256 outputs them (the order `sha256sum` prints).
    public let bytes: [UInt8]

    /// Nil unless `bytes` holds exactly 32 bytes, not all zero (zero means "not recorded").
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount, bytes.contains(where: { $0 != 0 }) else { return nil }
        self.bytes = bytes
    }

    /// Parses 64 hexadecimal digits (either case), as `sha256sum` prints them.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 2 * Self.byteCount else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount)
        var index = 0
        while index < digits.count {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.init(bytes: bytes)
    }

    /// 64 lowercase hexadecimal digits, comparable with `sha256sum`'s output.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * bytes.count)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    public var description: String { "sha256 " + hex }

    /// The 32 bytes META stores for an optional digest: the digest, or zeros.
    public static func encoded(_ checksum: CatalogChecksum?) -> [UInt8] {
        checksum?.bytes ?? [UInt8](repeating: 0, count: byteCount)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
