import Testing
@testable import Analysis

@Suite struct QueryWordsTests {
    @Test func typoBudgetFollowsWordLength() {
        #expect(QueryWords.maxTypos(forWordLength: 1) == 0)
        #expect(QueryWords.maxTypos(forWordLength: 4) == 0)
        #expect(QueryWords.maxTypos(forWordLength: 5) == 1)
        #expect(QueryWords.maxTypos(forWordLength: 8) == 1)
        #expect(QueryWords.maxTypos(forWordLength: 9) == 2)
        #expect(QueryWords.maxTypos(forWordLength: 30) == 2)
    }

    @Test func numbersAndModelsGetNoTypos() {
        let words = QueryWords.parse("12345678 abcd12345")
        #expect(words.map(\.maxTypos) == [0, 0])
    }

    @Test func wordsAreStemmedAndLastWordIsMarked() {
        let words = QueryWords.parse("Wireless Headphones")
        #expect(words.map(\.surfaceText) == ["wireless", "headphones"])
        #expect(words.map { String(decoding: $0.term, as: UTF8.self) } == [EnglishStemmer.stem("wireless"), EnglishStemmer.stem("headphones")])
        #expect(words.map(\.isLast) == [false, true])
    }

    @Test func stopWordsAreFlagged() {
        let words = QueryWords.parse("headphones for the gym")
        #expect(words.map(\.isStopWord) == [false, true, true, false])
    }

    @Test func modelGroupsBecomeTheirJoinedForm() {
        #expect(QueryWords.parse("sony wh-1000xm5").map(\.surfaceText) == ["sony", "wh1000xm5"])
        #expect(QueryWords.parse("wh 1000xm5").map(\.surfaceText) == ["wh", "1000xm5"])
    }

    @Test func duplicatesAndEmptyQueries() {
        #expect(QueryWords.parse("black black boots").map(\.surfaceText) == ["black", "boots"])
        #expect(QueryWords.parse("").isEmpty)
        #expect(QueryWords.parse("?!,").isEmpty)
    }

    @Test func facetKeysIgnoreCaseAndPunctuation() {
        #expect(FacetKey.make("Home & Kitchen") == Array("home kitchen".utf8))
        #expect(FacetKey.make("home-kitchen") == Array("home kitchen".utf8))
        #expect(FacetKey.make("  HOME   KITCHEN ") == Array("home kitchen".utf8))
        #expect(FacetKey.make("") == [])
    }

    @Test func stopWordList() {
        #expect(StopWords.contains("the"))
        #expect(StopWords.contains("for"))
        #expect(!StopWords.contains("black"))
        #expect(!StopWords.contains("up"))
    }

    /// The chat's filler is the chat's business (issue 12): in a search box these are product
    /// words ("Show Stopper", "watering can"), required and prefix-matched like any other.
    @Test func conversationalFillerIsNoStopWord() {
        for word in ["please", "show", "find", "can", "want", "looking", "need", "get", "give"] {
            #expect(!StopWords.contains(word), "\(word)")
            #expect(QueryWords.parse("party \(word)").map(\.isStopWord) == [false, false], "\(word)")
        }
        // Function words of the Snowball and Lucene lists stay.
        for word in ["the", "for", "me", "my", "any", "do", "does", "have", "has", "how", "you"] {
            #expect(StopWords.contains(word), "\(word)")
        }
    }
}
