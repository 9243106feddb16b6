import Testing
@testable import Chat

/// How a reply names the products it lists (`ChatTurn.spoken`): what describes them goes
/// before their kind, and only the kind takes the plural (issue 14, "Replies").
@Suite struct SpokenPhraseTests {
    static func kinds(_ words: String...) -> Set<[UInt8]> { Set(words.compactMap(ProductKind.term)) }

    @Test(arguments: [
        (["hoodies", "women's"], 3, ["hoodie"], "women's hoodies"),
        (["shampoo", "curly", "hair"], 4, ["shampoo"], "curly hair shampoos"),
        (["keyboard", "wireless"], 1, ["keyboard"], "wireless keyboard"),
        (["olive", "oil", "italy"], 4, ["oil"], "italy olive oils"),
        (["novels", "paperbacks"], 5, ["empire"], "paperback novels"),
        (["dry", "dog", "food", "puppies"], 3, ["food"], "puppy dry dog foods"),
        (["chef's", "knife"], 3, ["knife"], "chef's knives"),
        (["running", "shoes"], 13, ["shoe"], "running shoes"),
        (["laptop"], 9, ["laptop"], "laptops"),
        (["sunscreen", "spf", "50"], 3, ["lotion", "sunscreen"], "spf 50 sunscreens"),
        (["dress"], 1, ["dress"], "dress"),
        (["desk", "lamp"], 2, [], "desk lamps"),
    ] as [([String], Int, [String], String)])
    func theKindComesLastAndAloneTakesThePlural(words: [String], count: Int, heads: [String], expected: String) {
        let kinds = Set(heads.compactMap(ProductKind.term))
        #expect(ChatTurn.spoken(words, count: count, kinds: kinds).joined(separator: " ") == expected)
    }
}
