import Testing
import TestSupport
@testable import IndexFormat

@Suite struct WordTrieTests {
    // MARK: Fixtures

    struct Entry {
        var word: [UInt8]
        var value: UInt32
        var weight: UInt32
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Sorts and deduplicates, then numbers the words in order.
    static func entries(_ words: [(String, UInt32)]) -> [Entry] {
        var seen = Set<[UInt8]>()
        let sorted = words.map { (bytes($0.0), $0.1) }.filter { seen.insert($0.0).inserted }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        return sorted.enumerated().map { Entry(word: $0.element.0, value: UInt32($0.offset), weight: $0.element.1) }
    }

    static func serialize(_ entries: [Entry]) throws -> [UInt8] {
        var builder = WordTrieBuilder()
        for entry in entries { try builder.add(word: entry.word, value: entry.value, weight: entry.weight) }
        return builder.finish()
    }

    /// Runs `body` over a trie read from `bytes`.
    static func withTrie<Result>(_ bytes: [UInt8], _ body: (WordTrie) throws -> Result) throws -> Result {
        try bytes.withUnsafeBytes { raw in try body(try WordTrie(bytes: raw)) }
    }

    /// A vocabulary over a small alphabet, so that random queries have many near neighbours.
    static func randomVocabulary(count: Int, generator: inout SeededRandomGenerator) -> [Entry] {
        let alphabet = Array("abcdeéio".utf8)
        var words: [(String, UInt32)] = []
        for _ in 0..<count {
            let length = Int.random(in: 1...8, using: &generator)
            let word = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            words.append((String(decoding: word, as: UTF8.self), UInt32.random(in: 1...20, using: &generator)))
        }
        // Decoding may have replaced a split é; use the bytes as they are.
        return entries(words)
    }

    static func randomQuery(from vocabulary: [Entry], generator: inout SeededRandomGenerator) -> [UInt8] {
        let alphabet = Array("abcdeiox".utf8)
        var query = vocabulary.randomElement(using: &generator)?.word ?? []
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
            let position = Int.random(in: 0...query.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: query.insert(alphabet.randomElement(using: &generator) ?? 0, at: position)
            case 1 where position < query.count: query.remove(at: position)
            case 2 where position < query.count: query[position] = alphabet.randomElement(using: &generator) ?? 0
            case 3 where position + 1 < query.count: query.swapAt(position, position + 1)
            default: break
            }
        }
        return query
    }

    /// Optimal string alignment distances from its definition: element i is the distance
    /// between the first i bytes of `word` and `query` (the last is the whole word's).
    static func osaDistancesOfPrefixes(_ word: [UInt8], _ query: [UInt8]) -> [Int] {
        let width = query.count + 1
        var table = [Int](repeating: 0, count: (word.count + 1) * width)
        for i in 0...word.count { table[i * width] = i }
        for j in 0...query.count { table[j] = j }
        for i in stride(from: 1, through: word.count, by: 1) {
            for j in stride(from: 1, through: query.count, by: 1) {
                let cost = word[i - 1] == query[j - 1] ? 0 : 1
                var distance = min(table[(i - 1) * width + j] + 1, table[i * width + j - 1] + 1, table[(i - 1) * width + j - 1] + cost)
                if i > 1, j > 1, word[i - 1] == query[j - 2], word[i - 2] == query[j - 1] {
                    distance = min(distance, table[(i - 2) * width + j - 2] + 1)
                }
                table[i * width + j] = distance
            }
        }
        return (0...word.count).map { table[$0 * width + query.count] }
    }

    static func osaDistance(_ word: [UInt8], _ query: [UInt8]) -> Int {
        osaDistancesOfPrefixes(word, query).last ?? query.count
    }

    static func ranked(_ matches: [WordMatch], limit: Int) -> [WordMatch] {
        Array(matches.sorted(by: WordMatch.ranksBefore).prefix(limit))
    }

    static let shopWords: [Entry] = entries([
        ("phone", 50), ("phones", 20), ("phonecase", 7), ("photo", 30), ("photos", 3), ("photograph", 12),
        ("pho", 2), ("apple", 40), ("apples", 5), ("applesauce", 1), ("app", 9), ("bag", 33), ("bags", 14),
        ("backpack", 25), ("banana", 6), ("bandana", 6), ("band", 6), ("zebra", 1), ("été", 4),
    ])

    // MARK: Lookup and completions

    @Test func lookupFindsEveryWordAndNothingElse() throws {
        let bytes = try Self.serialize(Self.shopWords)
        try Self.withTrie(bytes) { trie in
            #expect(trie.wordCount == Self.shopWords.count)
            for entry in Self.shopWords {
                #expect(trie.lookup(entry.word) == WordMatch(word: entry.word, value: entry.value, weight: entry.weight, distance: 0))
            }
            for miss in ["", "p", "ph", "phon", "phonesx", "applesauces", "b", "bandanas", "zebr", "x", "ét"] {
                #expect(trie.lookup(Self.bytes(miss)) == nil, "\(miss)")
            }
        }
    }

    @Test func completionsComeHeaviestFirstAndStopAtTheLimit() throws {
        let bytes = try Self.serialize(Self.shopWords)
        try Self.withTrie(bytes) { trie in
            let all = trie.completions(ofPrefix: Self.bytes("ph"), limit: 100).map { String(decoding: $0.word, as: UTF8.self) }
            #expect(all == ["phone", "photo", "phones", "photograph", "phonecase", "photos", "pho"])
            let top = trie.completions(ofPrefix: Self.bytes("ph"), limit: 2).map(\.weight)
            #expect(top == [50, 30])
            // Ties in weight come in byte order.
            #expect(trie.completions(ofPrefix: Self.bytes("ban"), limit: 10).map { String(decoding: $0.word, as: UTF8.self) } == ["banana", "band", "bandana"])
            #expect(trie.completions(ofPrefix: Self.bytes("q"), limit: 10).isEmpty)
            #expect(trie.completions(ofPrefix: Self.bytes("ph"), limit: 0).isEmpty)
        }
    }

    @Test func completionsOfAWordIncludeItAndMayStartInsideAnEdge() throws {
        let bytes = try Self.serialize(Self.shopWords)
        try Self.withTrie(bytes) { trie in
            let ofApp = trie.completions(ofPrefix: Self.bytes("app"), limit: 10)
            #expect(ofApp.map { String(decoding: $0.word, as: UTF8.self) } == ["apple", "app", "apples", "applesauce"])
            #expect(ofApp.allSatisfy { $0.distance == 0 })
            // "applesa" ends inside the compressed edge to "applesauce".
            #expect(trie.completions(ofPrefix: Self.bytes("applesa"), limit: 10).map(\.word) == [Self.bytes("applesauce")])
            #expect(trie.completions(ofPrefix: Self.bytes("applesax"), limit: 10).isEmpty)
            // The empty prefix completes to the whole vocabulary.
            #expect(trie.completions(ofPrefix: [], limit: 1000).count == Self.shopWords.count)
        }
    }

    @Test func completionsMatchSortingOnARandomVocabulary() throws {
        var generator = SeededRandomGenerator(seed: 7)
        let vocabulary = Self.randomVocabulary(count: 3000, generator: &generator)
        let bytes = try Self.serialize(vocabulary)
        try Self.withTrie(bytes) { trie in
            for _ in 0..<200 {
                let word = vocabulary.randomElement(using: &generator)?.word ?? []
                let prefix = Array(word.prefix(Int.random(in: 0...3, using: &generator)))
                let limit = Int.random(in: 1...40, using: &generator)
                let expected = Self.ranked(vocabulary.filter { $0.word.starts(with: prefix) }.map { WordMatch(word: $0.word, value: $0.value, weight: $0.weight, distance: 0) }, limit: limit)
                #expect(trie.completions(ofPrefix: prefix, limit: limit) == expected)
            }
        }
    }

    // MARK: Typo tolerance

    @Test func fuzzyMatchesEachKindOfEdit() throws {
        let bytes = try Self.serialize(Self.shopWords)
        try Self.withTrie(bytes) { trie in
            func nearest(_ query: String, _ maxEdits: Int) -> [String] {
                trie.fuzzyMatches(of: Self.bytes(query), maxEdits: maxEdits, limit: 3).map { String(decoding: $0.word, as: UTF8.self) }
            }
            #expect(nearest("phone", 0) == ["phone"])
            #expect(nearest("fhone", 1) == ["phone"])        // substitution
            #expect(nearest("phoone", 1) == ["phone"])       // insertion
            #expect(nearest("pone", 1) == ["phone"])         // deletion
            #expect(nearest("hpone", 1) == ["phone"])        // transposition
            #expect(nearest("hpoen", 1).isEmpty)             // two transpositions
            #expect(nearest("hpoen", 2) == ["phone"])
            #expect(nearest("zbera", 1) == ["zebra"])
            let matches = trie.fuzzyMatches(of: Self.bytes("phones"), maxEdits: 1, limit: 10)
            #expect(matches.map(\.distance) == [0, 1])
            #expect(matches.map { String(decoding: $0.word, as: UTF8.self) } == ["phones", "phone"])
        }
    }

    @Test(arguments: [1, 2])
    func fuzzyMatchesAgreeWithBruteForce(maxEdits: Int) throws {
        var generator = SeededRandomGenerator(seed: UInt64(maxEdits) * 1_000_003)
        let vocabulary = Self.randomVocabulary(count: 700, generator: &generator)
        let bytes = try Self.serialize(vocabulary)
        try Self.withTrie(bytes) { trie in
            for round in 0..<200 {
                let query = Self.randomQuery(from: vocabulary, generator: &generator)
                let limit = round.isMultiple(of: 3) ? 5 : 10_000
                let expected = Self.ranked(vocabulary.compactMap { entry -> WordMatch? in
                    // The distance is at least the difference in length: skip the table then.
                    guard abs(entry.word.count - query.count) <= maxEdits else { return nil }
                    let distance = Self.osaDistance(entry.word, query)
                    return distance <= maxEdits ? WordMatch(word: entry.word, value: entry.value, weight: entry.weight, distance: distance) : nil
                }, limit: limit)
                #expect(trie.fuzzyMatches(of: query, maxEdits: maxEdits, limit: limit) == expected, "\(String(decoding: query, as: UTF8.self))")
            }
        }
    }

    /// The frequent-neighbour walk leaves light subtrees unwalked: it must still find every
    /// word of at least the weight, ranked as the unfiltered walk ranks them.
    @Test(arguments: [1, 2])
    func fuzzyMatchesOfAMinimumWeightAgreeWithBruteForce(maxEdits: Int) throws {
        var generator = SeededRandomGenerator(seed: UInt64(maxEdits) * 65_537)
        let vocabulary = Self.randomVocabulary(count: 700, generator: &generator)
        let bytes = try Self.serialize(vocabulary)
        try Self.withTrie(bytes) { trie in
            for round in 0..<200 {
                let query = Self.randomQuery(from: vocabulary, generator: &generator)
                let limit = round.isMultiple(of: 3) ? 3 : 10_000
                let minimumWeight = UInt32.random(in: 0...21, using: &generator)
                let expected = Self.ranked(vocabulary.compactMap { entry -> WordMatch? in
                    guard entry.weight >= minimumWeight, abs(entry.word.count - query.count) <= maxEdits else { return nil }
                    let distance = Self.osaDistance(entry.word, query)
                    return distance <= maxEdits ? WordMatch(word: entry.word, value: entry.value, weight: entry.weight, distance: distance) : nil
                }, limit: limit)
                #expect(trie.fuzzyMatches(of: query, maxEdits: maxEdits, limit: limit, minimumWeight: minimumWeight) == expected,
                        "\(String(decoding: query, as: UTF8.self)) from weight \(minimumWeight)")
            }
        }
    }

    @Test(arguments: [1, 2])
    func fuzzyPrefixMatchesAgreeWithBruteForce(maxEdits: Int) throws {
        var generator = SeededRandomGenerator(seed: UInt64(maxEdits) * 7_919)
        let vocabulary = Self.randomVocabulary(count: 400, generator: &generator)
        let bytes = try Self.serialize(vocabulary)
        try Self.withTrie(bytes) { trie in
            for round in 0..<200 {
                let query = Array(Self.randomQuery(from: vocabulary, generator: &generator).prefix(Int.random(in: 1...6, using: &generator)))
                let limit = round.isMultiple(of: 2) ? 7 : 40
                let expected = Self.ranked(vocabulary.compactMap { entry -> WordMatch? in
                    let distance = Self.osaDistancesOfPrefixes(entry.word, query).min() ?? Int.max
                    return distance <= maxEdits ? WordMatch(word: entry.word, value: entry.value, weight: entry.weight, distance: distance) : nil
                }, limit: limit)
                #expect(trie.fuzzyPrefixMatches(of: query, maxEdits: maxEdits, limit: limit) == expected, "\(String(decoding: query, as: UTF8.self))")
            }
        }
    }

    @Test func fuzzyPrefixMatchesRankTypedBeginnings() throws {
        let bytes = try Self.serialize(Self.shopWords)
        try Self.withTrie(bytes) { trie in
            let typed = trie.fuzzyPrefixMatches(of: Self.bytes("phne"), maxEdits: 1, limit: 4)
            #expect(typed.map { String(decoding: $0.word, as: UTF8.self) } == ["phone", "phones", "phonecase"])
            #expect(typed.allSatisfy { $0.distance == 1 })
            let exact = trie.fuzzyPrefixMatches(of: Self.bytes("bac"), maxEdits: 1, limit: 1)
            #expect(exact == [WordMatch(word: Self.bytes("backpack"), value: exact.first?.value ?? 0, weight: 25, distance: 0)])
        }
    }

    @Test func extremeArgumentsAreAnsweredNotTrapped() throws {
        let bytes = try Self.serialize(Self.shopWords)
        try Self.withTrie(bytes) { trie in
            #expect(trie.fuzzyMatches(of: Self.bytes("bag"), maxEdits: Int.max, limit: Int.max).count == Self.shopWords.count)
            #expect(trie.fuzzyPrefixMatches(of: Self.bytes("bag"), maxEdits: Int.max, limit: Int.max).count == Self.shopWords.count)
            #expect(trie.completions(ofPrefix: [], limit: Int.max).count == Self.shopWords.count)
            #expect(trie.fuzzyMatches(of: Self.bytes("bag"), maxEdits: -1, limit: 10).isEmpty)
            #expect(trie.fuzzyPrefixMatches(of: Self.bytes("bag"), maxEdits: 1, limit: -1).isEmpty)
            // An empty query is within n edits of every word of n bytes or fewer.
            #expect(trie.fuzzyMatches(of: [], maxEdits: 3, limit: 100).map { String(decoding: $0.word, as: UTF8.self) }.sorted() == ["app", "bag", "pho"])
        }
    }

    // MARK: Building

    @Test func wordsMustBeNonEmptyUniqueAndSorted() throws {
        var builder = WordTrieBuilder()
        try builder.add(word: Self.bytes("b"), value: 0, weight: 1)
        #expect(throws: WordTrieBuildError.outOfOrder(previous: Self.bytes("b"), word: Self.bytes("a"))) {
            try builder.add(word: Self.bytes("a"), value: 1, weight: 1)
        }
        #expect(throws: WordTrieBuildError.self) { try builder.add(word: Self.bytes("b"), value: 1, weight: 1) }
        #expect(throws: WordTrieBuildError.emptyWord) { try builder.add(word: [], value: 1, weight: 1) }
        try builder.add(word: Self.bytes("ba"), value: 1, weight: 1)
        #expect(throws: WordTrieBuildError.self) { try builder.add(word: Self.bytes("b"), value: 2, weight: 1) }
        try builder.add(word: Self.bytes("c"), value: 2, weight: 1)
        try Self.withTrie(builder.finish()) { trie in
            #expect(trie.wordCount == 3)
            #expect(trie.lookup(Self.bytes("ba"))?.value == 1)
        }
    }

    @Test func emptyTrieAnswersNothing() throws {
        let bytes = WordTrieBuilder().finish()
        try Self.withTrie(bytes) { trie in
            #expect(trie.wordCount == 0)
            #expect(trie.lookup(Self.bytes("a")) == nil)
            #expect(trie.completions(ofPrefix: [], limit: 10).isEmpty)
            #expect(trie.fuzzyMatches(of: Self.bytes("a"), maxEdits: 2, limit: 10).isEmpty)
            #expect(trie.fuzzyPrefixMatches(of: Self.bytes("a"), maxEdits: 2, limit: 10).isEmpty)
        }
    }

    /// The worked example of FORMAT.md, "WORDS", byte for byte.
    @Test func workedExampleMatchesTheSpec() throws {
        let bytes = try Self.serialize([
            Entry(word: Self.bytes("app"), value: 0, weight: 9),
            Entry(word: Self.bytes("apple"), value: 1, weight: 40),
            Entry(word: Self.bytes("apt"), value: 2, weight: 3),
        ])
        let expected: [UInt8] = [
            0x03, 0, 0, 0, 0x28, 0, 0, 0, 0x05, 0, 0, 0, 0x05, 0, 0, 0,
            0x03, 0x01, 0x28,
            0x05, 0x28, 0x00, 0x09, 0x01, 0x6C, 0x01, 0x65, 0x03,
            0x03, 0x02, 0x03,
            0x04, 0x28, 0x02, 0x70, 0x00, 0x0C, 0x74, 0x00, 0x03,
            0x04, 0x28, 0x01, 0x61, 0x01, 0x70, 0x09,
        ]
        #expect(bytes == expected)
    }

    @Test func singleChainIsStoredAsOneEdge() throws {
        let bytes = try Self.serialize(Self.entries([("internationalization", 3)]))
        // Header, a leaf (flags, value, weight) and a root holding one edge with a 19-byte tail.
        #expect(bytes.count == 16 + 3 + (1 + 1 + 1 + 1 + 1 + 19 + 1))
        try Self.withTrie(bytes) { trie in
            #expect(trie.lookup(Self.bytes("internationalization"))?.weight == 3)
            #expect(trie.lookup(Self.bytes("international")) == nil)
        }
    }

    // MARK: Corruption

    @Test func truncatedOrForeignHeaderIsRejected() throws {
        let bytes = try Self.serialize(Self.shopWords)
        for length in [0, 8, 15, 16] {
            Array(bytes.prefix(length)).withUnsafeBytes { raw in
                _ = #expect(throws: IndexFormatError.self) { try WordTrie(bytes: raw) }
            }
        }
        var rootPastEnd = bytes
        rootPastEnd[4] = 0xFF
        rootPastEnd[5] = 0xFF
        rootPastEnd.withUnsafeBytes { raw in
            _ = #expect(throws: IndexFormatError.self) { try WordTrie(bytes: raw) }
        }
    }

    @Test func damagedBytesNeverCrashAQuery() throws {
        var generator = SeededRandomGenerator(seed: 42)
        let vocabulary = Self.randomVocabulary(count: 300, generator: &generator)
        let original = try Self.serialize(vocabulary)
        for round in 0..<2000 {
            var damaged = original
            if round.isMultiple(of: 10) {
                damaged.removeLast(Int.random(in: 1..<damaged.count, using: &generator))
            }
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                // Header bytes too, now and then, to reach nodes the header misplaces.
                let position = round.isMultiple(of: 4) ? Int.random(in: 0..<damaged.count, using: &generator) : Int.random(in: min(16, damaged.count - 1)..<damaged.count, using: &generator)
                damaged[position] = UInt8.random(in: 0...255, using: &generator)
            }
            let query = Self.randomQuery(from: vocabulary, generator: &generator)
            damaged.withUnsafeBytes { raw in
                guard let trie = try? WordTrie(bytes: raw) else { return }
                _ = trie.lookup(query)
                #expect(trie.completions(ofPrefix: Array(query.prefix(2)), limit: 20).count <= 20)
                #expect(trie.fuzzyMatches(of: query, maxEdits: 2, limit: 20).count <= 20)
                #expect(trie.fuzzyPrefixMatches(of: query, maxEdits: 1, limit: 20).count <= 20)
            }
        }
    }

    @Test func childThatDoesNotPrecedeItsParentStopsTheQuery() throws {
        // A root (offset 16) whose only edge points 0 bytes back, i.e. at itself.
        var writer = ByteWriter()
        for field: UInt32 in [1, 16, 1, 1] { writer.writeUInt32(field) }
        writer.writeBytes([WordTrieLayout.hasChildrenFlag, 5, 1, UInt8(ascii: "a"), 0, 0])
        try Self.withTrie(writer.bytes) { trie in
            #expect(trie.lookup(Self.bytes("a")) == nil)
            #expect(trie.completions(ofPrefix: [], limit: 5).isEmpty)
            #expect(trie.fuzzyMatches(of: Self.bytes("a"), maxEdits: 1, limit: 5).isEmpty)
        }
    }
}
