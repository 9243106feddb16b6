import Foundation
import Testing
@testable import Analysis

@Suite struct EnglishStemmerTests {
    /// Snowball's own English vectors (see Fixtures/snowball-english/README.md): words and
    /// the stems the reference implementation gives them, line for line.
    private struct Vector {
        var word: String
        var expectedStem: String
    }

    private struct FixtureError: Error, CustomStringConvertible {
        var description: String
    }

    private static let fixtureDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/snowball-english")

    private static func lines(of fileName: String) throws -> [Substring] {
        let url = fixtureDirectory.appendingPathComponent(fileName)
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func loadVectors() throws -> [Vector] {
        let words = try lines(of: "voc.txt")
        let stems = try lines(of: "output.txt")
        guard words.count == stems.count else {
            throw FixtureError(description: "voc.txt has \(words.count) lines but output.txt has \(stems.count)")
        }
        return zip(words, stems).map { Vector(word: String($0), expectedStem: String($1)) }
    }

    private static func report(_ mismatches: [String], outOf total: Int, api: String) -> Comment {
        "\(api): \(mismatches.count) of \(total) vectors differ; first: \(mismatches.prefix(10).joined(separator: ", "))"
    }

    @Test func fixtureHasEveryVector() throws {
        let vectors = try Self.loadVectors()
        #expect(vectors.count == 42_649)
    }

    @Test func stringAPIReproducesSnowballVectors() throws {
        let vectors = try Self.loadVectors()
        var mismatches: [String] = []
        for vector in vectors {
            let stem = EnglishStemmer.stem(vector.word)
            if stem != vector.expectedStem {
                mismatches.append("\(vector.word) -> \(stem) (expected \(vector.expectedStem))")
            }
        }
        #expect(mismatches.count == 0, Self.report(mismatches, outOf: vectors.count, api: "stem(String)"))
    }

    @Test func byteAPIsReproduceSnowballVectors() throws {
        let vectors = try Self.loadVectors()
        var arrayMismatches: [String] = []
        var bufferMismatches: [String] = []
        // One reused output buffer, cleared per word, as the indexer uses it.
        var output: [UInt8] = []
        for vector in vectors {
            let word = Array(vector.word.utf8)
            let expected = Array(vector.expectedStem.utf8)

            let arrayStem = EnglishStemmer.stem(word)
            if arrayStem != expected {
                arrayMismatches.append("\(vector.word) -> \(String(decoding: arrayStem, as: UTF8.self))")
            }

            output.removeAll(keepingCapacity: true)
            word.withUnsafeBufferPointer { EnglishStemmer.stem($0, into: &output) }
            if output != expected {
                bufferMismatches.append("\(vector.word) -> \(String(decoding: output, as: UTF8.self))")
            }
        }
        #expect(arrayMismatches.count == 0, Self.report(arrayMismatches, outOf: vectors.count, api: "stem([UInt8])"))
        #expect(bufferMismatches.count == 0, Self.report(bufferMismatches, outOf: vectors.count, api: "stem(_:into:)"))
    }

    @Test func bufferAPIAppendsToExistingOutput() {
        var output = Array("previous ".utf8)
        Array("running".utf8).withUnsafeBufferPointer { EnglishStemmer.stem($0, into: &output) }
        #expect(String(decoding: output, as: UTF8.self) == "previous run")

        // A word left unchanged (too short) is appended too, not substituted.
        Array("by".utf8).withUnsafeBufferPointer { EnglishStemmer.stem($0, into: &output) }
        #expect(String(decoding: output, as: UTF8.self) == "previous runby")
    }

    @Test func nonASCIIWordsComeBackUnchanged() {
        #expect(EnglishStemmer.stem("café") == "café")
        #expect(EnglishStemmer.stem("naïvely") == "naïvely")
        #expect(EnglishStemmer.stem(Array("cafés".utf8)) == Array("cafés".utf8))
    }

    @Test(arguments: [
        ("", ""),
        ("a", "a"),
        ("at", "at"),
        ("'s", "'s"),
        ("ies", "ie"),        // three letters: stemmed
        ("'", "'"),
        ("'''", "'"),         // leading apostrophe dropped, then one trailing one
        ("sky", "sky"),       // exception list
        ("skies", "sky"),
        ("dying", "die"),
        ("inning", "inning"),
        ("proceeding", "proceed"),
        ("generously", "generous"),
        ("sayyid", "sayyid"), // only the "y" after a vowel is a consonant; it comes back as "y"
        ("yelling", "yell"),
        ("headphones", "headphon"),
        ("wireless", "wireless"),
    ])
    func edgeCases(word: String, expectedStem: String) {
        #expect(EnglishStemmer.stem(word) == expectedStem)
    }

    @Test func longWordsAndOddBytesDoNotCrash() {
        let long = String(repeating: "ization", count: 2_000)
        #expect(EnglishStemmer.stem(long).count <= long.count)
        #expect(EnglishStemmer.stem("wh-1000") == "wh-1000")
    }
}
