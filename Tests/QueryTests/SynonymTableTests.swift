import Foundation
import Query
import Testing

@Suite struct SynonymTableTests {
    @Test func readsMultiWayAndOneWayRulesWithComments() throws {
        let table = try SynonymTable(text: """
            # a comment
            tv, television   # trailing comment

            hoodie, hoody => hooded sweatshirt
            """)
        #expect(table.rules.count == 2)
        #expect(table.rules[0].line == 2 && table.rules[0].from == ["tv", "television"] && !table.rules[0].isOneWay)
        #expect(table.rules[1].line == 4 && table.rules[1].isOneWay)
        #expect(table.rules[1].from == ["hoodie", "hoody"] && table.rules[1].to == ["hooded sweatshirt"])
    }

    @Test(arguments: [
        ("tv, television\ntv", 2, "one phrase"),
        ("a => b => c", 1, "more than one '=>'"),
        ("tv,, television", 1, "empty phrase"),
        ("tv, television\n\nfridge =>", 3, "empty phrase"),
        ("!!!, tv", 1, "no words"),
        ("one two three four five six seven, x", 1, "at most 6"),
    ])
    func badLineIsNamed(text: String, line: Int, reason: String) {
        do {
            _ = try SynonymTable(text: text, path: "shop.txt")
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.line == line)
            #expect(error.description.contains("synonyms file shop.txt, line \(line):"))
            #expect(error.reason.contains(reason), "\(error)")
        }
    }

    @Test func missingAndNonUTF8FilesAreErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("uplyft-synonyms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing.txt").path
        #expect(throws: SynonymFileError.self) { try SynonymTable(contentsOf: missing) }
        let binary = directory.appendingPathComponent("binary.txt")
        try Data([0x74, 0x76, 0x2C, 0xFF, 0xFE]).write(to: binary)
        do {
            _ = try SynonymTable(contentsOf: binary.path)
            Issue.record("a file that is not UTF-8 was accepted")
        } catch {
            #expect(error.description.contains("not UTF-8"))
        }
    }

    @Test func exampleFileShippedInDocsIsValid() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/synonyms.example.txt").path
        let table = try SynonymTable(contentsOf: file)
        #expect(table.rules.count >= 5)
        #expect(table.path == file)
    }
}
