/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny, fast pseudo-random generator whose output
/// depends only on the seed.
///
/// The catalog generator needs byte-identical catalogs for the same seed on every machine, which
/// rules out `SystemRandomNumberGenerator` (seeded by the OS) and `Hasher` (seeded per process).
/// Everything derived from it stays in integer arithmetic for the same reason.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A whole number in `0..<upperBound` (0 when `upperBound` is not positive).
    ///
    /// Multiply-high mapping rather than `%`: no division, and its bias (below 2^-40 for the
    /// small bounds used here) does not matter for synthetic data. Written out instead of using
    /// the standard library's `random(in:using:)` because that algorithm is not guaranteed to
    /// stay the same across Swift releases, and catalogs must not change with the toolchain.
    mutating func below(_ upperBound: Int) -> Int {
        guard upperBound > 0 else { return 0 }
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(upperBound)).high)
    }

    /// A whole number in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `percent` / 100.
    mutating func chance(percent: Int) -> Bool {
        below(100) < percent
    }

    /// One element of a non-empty array; `fallback` for an empty one.
    mutating func pick<Element>(_ items: [Element], or fallback: Element) -> Element {
        items.isEmpty ? fallback : items[below(items.count)]
    }
}
