import Analysis
import Foundation
import Query
import Testing
import Search
@testable import Chat

/// One splitter (issue 12): the chat's message tokens, the chat vocabulary's phrases and the
/// "did you mean" hint take their words from the analysis chain (`TokenizedText`), so a name
/// the index splits one way is read the same way by each of them: hyphens, apostrophes,
/// accents, digits with letters, other scripts and emoji.
@Suite struct TextSplittingAgreementTests {
    static let catalogLines = [
        #"{"id":"at-1","name":"Audio-Technica ATH-M50x Studio Headphones","brand":"Audio-Technica","category":"Electronics","price":149,"attributes":{"color":"Black"}}"#,
        #"{"id":"dk-1","name":"Dunkin' Original Blend Ground Coffee","brand":"Dunkin'","category":"Grocery","price":9.99}"#,
        #"{"id":"lo-1","name":"L'Oréal Paris Revitalift Serum","brand":"L'Oréal Paris","category":"Beauty","price":24.99}"#,
        #"{"id":"bd-1","name":"BLACK+DECKER Cordless Drill","brand":"BLACK+DECKER","category":"Tools","price":59.99,"attributes":{"color":"Orange"}}"#,
        #"{"id":"rei-1","name":"REI Co-op Trail Backpack","brand":"REI Co-op","category":"Outdoors","price":89,"attributes":{"color":"Rose-Gold"}}"#,
        #"{"id":"mj-1","name":"無印良品 Notebook","brand":"無印良品","category":"Office","price":3.5}"#,
        #"{"id":"hs-1","name":"Happy😀Socks Striped Socks","brand":"Happy😀Socks","category":"Clothing","price":12}"#,
        #"{"id":"3m-1","name":"3M Scotch Tape","brand":"3M","category":"Office","price":4.99}"#,
        #"{"id":"lv-1","name":"Levi's 501 Original Jeans","brand":"Levi's","category":"Clothing","price":69.5}"#,
        #"{"id":"lv-2","name":"Levin Desk Lamp","brand":"Levin Home","category":"Office","price":30}"#,
    ]

    static let catalog: Result<ChatFixture.Catalog, ChatFixture.SetupError> = {
        do {
            return .success(try ChatFixture.indexed(catalogLines: catalogLines))
        } catch {
            return .failure(ChatFixture.SetupError(description: "cannot index the agreement catalog: \(error)"))
        }
    }()

    /// A brand or colour written in a message as the catalog writes it, or as the index also
    /// matches it, is the brand or colour, and the search finds the product.
    @Test(arguments: [
        // Hyphens: the index splits "Audio-Technica" into "audio", "technica" (and "audiotechnica").
        ("audio-technica headphones", "Audio-Technica", nil, "at-1"),
        ("Audio Technica headphones", "Audio-Technica", nil, "at-1"),
        ("rei co-op backpack", "REI Co-op", nil, "rei-1"),
        ("rose-gold backpack", nil, "Rose-Gold", "rei-1"),
        // Apostrophes: inside a word they stay ("l'oreal"), at its end they do not ("dunkin").
        ("dunkin' coffee", "Dunkin'", nil, "dk-1"),
        ("Dunkin coffee", "Dunkin'", nil, "dk-1"),
        ("levi's jeans", "Levi's", nil, "lv-1"),
        // Accents are folded, "+" is no letter.
        ("L'OREAL PARIS serum", "L'Oréal Paris", nil, "lo-1"),
        ("l’oréal paris serum", "L'Oréal Paris", nil, "lo-1"),
        ("black+decker drill", "BLACK+DECKER", nil, "bd-1"),
        // Other scripts, emoji between words, digits with letters.
        ("無印良品 notebook", "無印良品", nil, "mj-1"),
        ("happy😀socks striped socks", "Happy😀Socks", nil, "hs-1"),
        ("3m tape", "3M", nil, "3m-1"),
    ] as [(String, String?, String?, String)])
    func namesAreReadAsTheIndexSplitsThem(message: String, brand: String?, color: String?, productID: String) throws {
        let turn = try #require(try ChatFixture.play([message], catalog: Self.catalog.get()).last)
        if let brand { #expect(turn.understanding.brand == brand, "\(message): \(turn.understanding)") }
        if let color { #expect(turn.understanding.colors == [color], "\(message): \(turn.understanding)") }
        #expect(turn.answer.products.map(\.id).contains(productID), "\(message): \(turn.answer.text)")
    }

    /// The vocabulary's phrase key is the key the search's brand and category filters use.
    @Test func phraseKeysAreTheFacetKeys() {
        for name in Self.catalogLines.compactMap({ line -> String? in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["brand"] as? String
        }) + ["Home & Kitchen", "Sports & Outdoors", "Wi-Fi", "T-Shirts"] {
            #expect(Array(ChatVocabulary.phrase(name).utf8) == FacetKey.make(name), "\(name)")
        }
    }

    /// Whatever the chat glues into one token ("$1,299.99", "wh-1000xm5", "#2"), its words are
    /// the analysis chain's words, in order: no word split, lost or made up.
    @Test(arguments: [
        "Sony WH-1000XM5 under $1,299.99, please!", "the 2nd one", "#3 and #-1", "add 1,,5 of it", "$20-$40 yoga mats",
        "men's boots 5'11", "'quoted' rock'n'roll", "Café crème brûlée", "東京 tower", "naïve—straße", "happy😀socks 👍🏽",
        "1️⃣ ① ² ½", "\u{0600}٣ items", "a\u{200D}b", "ｆｕｌｌ－ｗｉｄｔｈ ＳＯＮＹ", "under 1e19", "5,5 €", "",
    ])
    func chatTokensHoldExactlyTheIndexWords(message: String) {
        let fromChat = MessageParser.tokens(of: message).flatMap { TokenizedText($0).words.map(\.surfaceText) }
        let fromIndex = TokenizedText(message).words.map(\.surfaceText)
        #expect(fromChat == fromIndex, "\(message): chat tokens \(MessageParser.tokens(of: message))")
    }

    /// The same property over every string of up to three characters from letters, digits of
    /// two scripts, the characters the chat glues with, a combining accent, emoji, joiners and
    /// a prepended number sign; and of up to four from the characters of numbers.
    @Test func everyShortStringSplitsTheSameWay() {
        let tricky = ["a", "Z", "5", "٣", "é", "\u{301}", "$", "#", ".", ",", "-", "'", "+", " ", "😀", "\u{200D}", "\u{0600}", "ｓ", "ß", "東"]
        let numeric = ["1", ",", ".", "-", "$", "a", " "]
        func strings(_ alphabet: [String], upTo length: Int) -> [String] {
            var all = [""]
            var last = [""]
            for _ in 0..<length {
                last = last.flatMap { prefix in alphabet.map { prefix + $0 } }
                all += last
            }
            return all
        }
        var disagreements: [String] = []
        for message in strings(tricky, upTo: 3) + strings(numeric, upTo: 4) {
            let fromChat = MessageParser.tokens(of: message).flatMap { TokenizedText($0).words.map(\.surfaceText) }
            if fromChat != TokenizedText(message).words.map(\.surfaceText) { disagreements.append(message.debugDescription) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) strings split differently: \(disagreements.prefix(20))")
    }

    /// "Did you mean" suggests for the words the search looked for: "levi's" is a catalog
    /// word as typed (no suggestion), "jeens" is not.
    @Test func theHintSuggestsForTheSearchsWords() throws {
        let index = try Self.catalog.get().holder.current
        #expect(QueryWordsHint.suggestions(for: "levi's jeens", index: index) == ["jeans"])
        #expect(QueryWordsHint.suggestions(for: "Audio-Technica headphnes", index: index) == ["headphones"])
    }
}
