import Foundation
import Testing
@testable import Query

/// One term's postings as a document set and a scorer: its edges (no postings, one document,
/// seeking past the end) and its bounds (never below a score they bound).
@Suite struct TermScorerTests {
    /// 1,000 products: "kettle" in every second one (500 postings, four blocks) with names of
    /// varied length so that scores vary; "zephyr" in product 999 only.
    static let index: SearchIndex = {
        let names = (0..<1_000).map { number -> String in
            if number == 999 { return "Zephyr Lamp" }
            let padding = String(repeating: " Basic", count: number % 5)
            return number % 2 == 0 ? "Kettle Item\(padding)" : "Plain Item\(padding)"
        }
        do {
            return try WalkPartsFixture.index(names: names, label: "terms")
        } catch {
            fatalError("cannot build the test index: \(error)")
        }
    }()

    @Test func postingsWithoutDocumentsAreExhaustedFromTheStart() {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        var term = TermScorer(cursor: PostingsCursor(postings: empty, documentFrequency: 0, documentLimit: 10),
                              scoring: CandidateScoring(flatIndex: 0, idf: 1, scoreFactor: 1, typos: 0))
        #expect(term.isExhausted)
        #expect(term.documentsLeftInCurrentBlock == 0)
        term.next()
        term.advance(to: 3)
        term.skipCurrentBlock()
        #expect(term.document == PostingsCursor.exhausted)
    }

    @Test func aTermOfOneDocumentHasItThenNoMore() throws {
        var zephyr = try #require(try WalkPartsFixture.term("zephyr", in: Self.index))
        #expect(zephyr.document == 999)
        #expect(zephyr.cost == 1)
        #expect(zephyr.documentsLeftInCurrentBlock == 1)
        zephyr.advance(to: 999)
        #expect(zephyr.document == 999)
        zephyr.next()
        #expect(zephyr.isExhausted)
        // Never back: an exhausted set stays so whatever it is asked.
        zephyr.advance(to: 0)
        #expect(zephyr.isExhausted)
    }

    @Test func seekingPastTheLastDocumentExhausts() throws {
        for target in [UInt32(999), 1_000, 5_000, PostingsCursor.exhausted - 1, PostingsCursor.exhausted] {
            var kettle = try #require(try WalkPartsFixture.term("kettle", in: Self.index))
            kettle.advance(to: target)
            #expect(kettle.isExhausted, "target \(target)")
        }
        var kettle = try #require(try WalkPartsFixture.term("kettle", in: Self.index))
        kettle.advance(to: 998)
        #expect(kettle.document == 998)
        kettle.advance(to: 997)
        #expect(kettle.document == 998)
    }

    @Test func skippingBlocksCountsEveryPosting() throws {
        var kettle = try #require(try WalkPartsFixture.term("kettle", in: Self.index))
        var counted = 0
        var blocks = 0
        while !kettle.isExhausted {
            counted += kettle.documentsLeftInCurrentBlock
            kettle.skipCurrentBlock()
            blocks += 1
        }
        #expect(counted == 500)
        #expect(blocks == 4)
        // A word of that one term, or an intersection of that word alone, counts the same.
        func countBlocks<Scorer: MatchScorer>(_ scorer: Scorer) -> Int {
            var scorer = scorer
            var counted = 0
            while !scorer.isExhausted {
                counted += scorer.documentsLeftInCurrentBlock
                scorer.skipCurrentBlock()
            }
            return counted
        }
        var word = [try #require(try WalkPartsFixture.term("kettle", in: Self.index))]
        #expect(word.withUnsafeMutableBufferPointer { countBlocks(Union($0)) } == 500)
        var alone = [try #require(try WalkPartsFixture.term("kettle", in: Self.index))]
        let intersected = alone.withUnsafeMutableBufferPointer { terms in
            var words = [Union(terms)]
            return words.withUnsafeMutableBufferPointer { countBlocks(Intersection($0, within: 0..<PostingsCursor.exhausted)) }
        }
        #expect(intersected == 500)
    }

    /// The run bound taken on a block's first document holds for every document through the
    /// block's end; the document bound for its document; the global bound for all.
    @Test func boundsNeverFallBelowTheScoresTheyBound() throws {
        let scorer = WalkPartsFixture.scorer(Self.index)
        var kettle = try #require(try WalkPartsFixture.term("kettle", in: Self.index, typos: 1, flatIndex: 5, scoreFactor: 0.9))
        let global = kettle.globalBound(scorer: scorer)
        var run = ScoreBound(typos: 0, score: 0)
        var runLast: UInt32 = 0
        var scores = Set<Float>()
        var first = true
        while !kettle.isExhausted {
            if first || kettle.document > runLast {
                runLast = kettle.blockLastDocument
                run = kettle.runBound(through: runLast, scorer: scorer)
                first = false
            }
            let bound = kettle.documentBound(scorer: scorer)
            var mask: UInt64 = 0
            let match = kettle.match(scorer: scorer, mask: &mask)
            #expect(mask == 1 << 5)
            #expect(match.matchedWords == 1 && match.typos == 1 && bound.typos == 1 && run.typos == 1)
            #expect(match.score <= bound.score && match.score <= run.score && run.score <= global, "document \(kettle.document)")
            scores.insert(match.score)
            kettle.next()
        }
        // Names of five lengths: the bounds were checked against different scores.
        #expect(scores.count == 5)
    }

    @Test func candidatesBeyondSixtyFourHaveNoExplanationBit() {
        #expect(CandidateScoring(flatIndex: 0, idf: 1, scoreFactor: 1, typos: 0).maskBit == 1)
        #expect(CandidateScoring(flatIndex: 63, idf: 1, scoreFactor: 1, typos: 0).maskBit == 1 << 63)
        #expect(CandidateScoring(flatIndex: 64, idf: 1, scoreFactor: 1, typos: 0).maskBit == 0)
    }
}
