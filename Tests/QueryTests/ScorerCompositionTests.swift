import Foundation
import Testing
@testable import Query

/// Unions, intersections and optional words as scorers, over real postings: what a match is
/// made of (best candidate of a word, sum of the words), and bounds that hold for it.
@Suite struct ScorerCompositionTests {
    /// "kettle" in every second product, "steel" in every third, "teapot" in every fifth,
    /// "the" in every seventh; names of varied length so that scores vary.
    static let index: SearchIndex = {
        let names = (0..<900).map { number -> String in
            var words: [String] = []
            if number % 2 == 0 { words.append("Kettle") }
            if number % 3 == 0 { words.append("Steel") }
            if number % 5 == 0 { words.append("Teapot") }
            if number % 7 == 0 { words.append("The") }
            words.append("Item")
            words += Array(repeating: "Basic", count: number % 4)
            return words.joined(separator: " ")
        }
        do {
            return try WalkPartsFixture.index(names: names, label: "composition")
        } catch {
            fatalError("cannot build the test index: \(error)")
        }
    }()

    static func terms(_ words: [(String, typos: Int)]) throws -> [TermScorer] {
        try words.enumerated().map { position, word in
            try #require(try WalkPartsFixture.term(word.0, in: index, typos: word.typos, flatIndex: position))
        }
    }

    /// A union of a word's candidates scores a document by its best candidate there (fewest
    /// typos first, then highest score) and marks every candidate holding it.
    @Test func aUnionScoresItsBestCandidate() throws {
        let scorer = WalkPartsFixture.scorer(Self.index)
        // "teapot" stands in for a typo candidate (1 typo): where "kettle" also matches, the
        // exact one wins even when it scores lower.
        var terms = try Self.terms([("kettle", 0), ("teapot", 1)])
        var matched = 0
        terms.withUnsafeMutableBufferPointer { terms in
            var union = Union(terms)
            while !union.isExhausted {
                let document = union.document
                var mask: UInt64 = 0
                let bound = union.documentBound(scorer: scorer)
                let match = union.match(scorer: scorer, mask: &mask)
                let hasKettle = document % 2 == 0
                let hasTeapot = document % 5 == 0
                #expect(mask == (hasKettle ? 1 : 0) | (hasTeapot ? 2 : 0), "document \(document)")
                #expect(match.typos == (hasKettle ? 0 : 1) && bound.typos == match.typos, "document \(document)")
                #expect(match.matchedWords == 1)
                #expect(match.score <= bound.score)
                matched += 1
                union.next()
            }
        }
        #expect(matched == (0..<900).count { $0 % 2 == 0 || $0 % 5 == 0 })
    }

    /// An intersection's match sums its words in order; its bounds, taken at any document,
    /// hold for it (the run bound for every document up to the run's end).
    @Test func anIntersectionSumsItsWordsUnderItsBounds() throws {
        let scorer = WalkPartsFixture.scorer(Self.index)
        var terms = try Self.terms([("teapot", 0), ("kettle", 1), ("steel", 0)])
        let expected = (0..<900).filter { $0 % 30 == 0 }.map(UInt32.init)
        var found: [UInt32] = []
        terms.withUnsafeMutableBufferPointer { terms in
            var all = Intersection(terms, within: 0..<PostingsCursor.exhausted)
            let global = all.globalBound(scorer: scorer)
            #expect(all.fewestTypos == 1)
            var runEnd: UInt32 = 0
            var run = ScoreBound(typos: 0, score: 0)
            while !all.isExhausted {
                let document = all.document
                if found.isEmpty || document > runEnd {
                    runEnd = all.blockLastDocument
                    run = all.runBound(through: runEnd, scorer: scorer)
                }
                let bound = all.documentBound(scorer: scorer)
                // Each word on its own, summed in the same order, is the match.
                var sum: Float = 0
                var ownMask: UInt64 = 0
                for position in 0..<terms.count { sum += terms[position].match(scorer: scorer, mask: &ownMask).score }
                var mask: UInt64 = 0
                let match = all.match(scorer: scorer, mask: &mask)
                #expect(match.score == sum && mask == 0b111 && match.matchedWords == 3 && match.typos == 1)
                #expect(match.score <= bound.score && match.score <= run.score && run.score <= global, "document \(document)")
                #expect(bound.typos == 1 && run.typos == 1)
                found.append(document)
                all.next()
            }
        }
        #expect(found == expected)
    }

    /// Optional words add their score where they occur, never words or typos, and their
    /// global bound to every bound.
    @Test func optionalWordsAddOnlyTheirScore() throws {
        let scorer = WalkPartsFixture.scorer(Self.index)
        var required = try Self.terms([("steel", 0)])
        var optional = [try #require(try WalkPartsFixture.term("the", in: Self.index, typos: 2, flatIndex: 1))]
        let theBound = optional[0].globalBound(scorer: scorer)
        var withThe = 0
        required.withUnsafeMutableBufferPointer { required in
            optional.withUnsafeMutableBufferPointer { optional in
                var plain = required[0]
                var words = OptionalWords(Intersection(required, within: 0..<PostingsCursor.exhausted), optional: optional, scorer: scorer)
                while !words.isExhausted {
                    let document = words.document
                    let lead = words.required.runBound(through: words.blockLastDocument, scorer: scorer)
                    #expect(words.runBound(through: words.blockLastDocument, scorer: scorer).score == lead.score + theBound)
                    var plainMask: UInt64 = 0
                    let alone = plain.match(scorer: scorer, mask: &plainMask)
                    var mask: UInt64 = 0
                    let match = words.match(scorer: scorer, mask: &mask)
                    #expect(match.matchedWords == 1 && match.typos == 0, "document \(document)")
                    if document % 7 == 0 {
                        #expect(match.score > alone.score && mask == 0b11, "document \(document)")
                        withThe += 1
                    } else {
                        #expect(match.score == alone.score && mask == 0b01, "document \(document)")
                    }
                    words.next()
                    plain.next()
                }
            }
        }
        #expect(withThe == (0..<900).count { $0 % 21 == 0 })
    }
}
