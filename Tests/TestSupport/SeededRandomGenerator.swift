/// SplitMix64 (Steele, Lea and Flood, 2014) as a `RandomNumberGenerator`: the seeded generator
/// of every test that draws random inputs, so that each run sees the same vocabularies,
/// catalogs and damage, and a failure reproduces from its seed.
///
/// The same algorithm as the catalog generator's `SplitMix64` (production code, which cannot
/// use a test target); `CatalogGeneratorTests` checks that both give the same numbers.
public struct SeededRandomGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
