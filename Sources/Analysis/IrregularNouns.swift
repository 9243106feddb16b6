/// English nouns whose plural the Porter2 rules cannot join to the singular ("knives" stems
/// to "knive", "knife" to "knife"; "mice" stays "mice"), mapped to the singular before stemming
/// so that both forms are one term.
///
/// Irregular plurals are a closed grammatical class, so a hand list is complete in a way a
/// list of product words never is. The entries are the irregular plurals of the standard
/// grammars (Quirk et al., *A Comprehensive Grammar of the English Language*, 5.80-5.101:
/// mutation plurals, -f/-fe to -ves, -en plurals and the Latin and Greek plurals), the same
/// class Krovetz's KStem keeps in its exception table; only those whose Porter2 stems differ
/// and which a shop could use are listed. Left out on purpose:
/// - "men"/"women": apparel writes "men's", "mens" and "womens" alike, and mapping one of
///   them would split the others from it;
/// - "axes" (also the plural of "axe", which Porter2 already joins), "dice" (its own
///   product), "media" and "data" (used as singulars), "people" (not "persons" in a shop);
/// - "lives" and "leaves" as verbs: "leaves" is kept, as leaves of a plant or a table are
///   more common in a shop than the verb.
///
/// Part of the one analysis chain (`TextAnalyzer`), before `EnglishStemmer`; the stemmer itself
/// stays exactly Snowball's Porter2 (its tests check all of Snowball's vectors).
public enum IrregularNouns {
    /// The singular of `word` (lowercase, normalised) when it is an irregular plural listed
    /// here, a possessive ("children's") included; nil otherwise.
    public static func singular(of word: UnsafeBufferPointer<UInt8>) -> StaticString? {
        guard word.count >= shortestPluralLength, word.count <= longestPluralLength + 2 else { return nil }
        var end = word.count
        // A possessive: the stemmer would remove it; here it must go before the lookup.
        if end > 2, word[end - 2] == UInt8(ascii: "'"), word[end - 1] == UInt8(ascii: "s") {
            end -= 2
        } else if word[end - 1] == UInt8(ascii: "'") {
            end -= 1
        }
        for entry in table where entry.plural.utf8CodeUnitCount == end {
            let plural = entry.plural.utf8Start
            var index = 0
            while index < end, word[index] == plural[index] { index += 1 }
            if index == end { return entry.singular }
        }
        return nil
    }

    /// The plural of `word` (lowercase) when it is the singular of an irregular plural listed
    /// here ("knife" -> "knives"), for writing replies; nil otherwise.
    public static func plural(of word: String) -> String? {
        table.first { $0.singular.description == word }.map(\.plural.description)
    }

    /// Whether `word` (lowercase) is one of the irregular plurals listed here ("mice"), which
    /// a reply must not make plural again.
    public static func isPlural(_ word: String) -> Bool {
        table.contains { $0.plural.description == word }
    }

    /// Plural, singular. A linear scan over some 60 short entries is a few hundred
    /// nanoseconds at most, and the indexer asks once per distinct word, not per token.
    static let table: [(plural: StaticString, singular: StaticString)] = [
        // Mutation plurals.
        ("mice", "mouse"), ("lice", "louse"), ("geese", "goose"), ("feet", "foot"),
        ("teeth", "tooth"),
        // -en plurals.
        ("children", "child"), ("oxen", "ox"),
        // -f and -fe to -ves.
        ("knives", "knife"), ("wives", "wife"), ("lives", "life"), ("leaves", "leaf"),
        ("loaves", "loaf"), ("halves", "half"), ("calves", "calf"), ("shelves", "shelf"),
        ("selves", "self"), ("wolves", "wolf"), ("thieves", "thief"), ("sheaves", "sheaf"),
        ("scarves", "scarf"), ("hooves", "hoof"), ("wharves", "wharf"), ("elves", "elf"),
        // Latin and Greek plurals.
        ("cacti", "cactus"), ("fungi", "fungus"), ("radii", "radius"), ("nuclei", "nucleus"),
        ("stimuli", "stimulus"), ("indices", "index"), ("matrices", "matrix"),
        ("vertices", "vertex"), ("appendices", "appendix"), ("analyses", "analysis"),
        ("crises", "crisis"), ("theses", "thesis"), ("diagnoses", "diagnosis"),
        ("criteria", "criterion"), ("phenomena", "phenomenon"), ("bacteria", "bacterium"),
        ("curricula", "curriculum"), ("larvae", "larva"), ("antennae", "antenna"),
        ("formulae", "formula"),
    ]

    private static let shortestPluralLength = table.map(\.plural.utf8CodeUnitCount).min() ?? 0
    private static let longestPluralLength = table.map(\.plural.utf8CodeUnitCount).max() ?? 0
}
