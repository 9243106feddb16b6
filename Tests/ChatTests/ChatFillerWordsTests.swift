import Foundation
import Testing
@testable import Chat

/// The chat's conversational filler ("please", "show", "find", "can", ...) left the shared
/// stop words for the chat (issue 12); the chat still reads it as the request's grammar.
@Suite struct ChatFillerWordsTests {
    /// Products whose names hold filler words, beside the one the message asks for.
    static let catalogLines = [
        #"{"id":"show-1","name":"Show Stopper Party Game","category":"Toys","price":19.99}"#,
        #"{"id":"door-1","name":"Rubber Door Stopper","category":"Home","price":4.99}"#,
        #"{"id":"shower-1","name":"Shower Curtain Liner","category":"Home","price":9.99}"#,
        #"{"id":"can-1","name":"Metal Watering Can","category":"Garden","price":14.99}"#,
        #"{"id":"please-1","name":"Please Knock Door Sign","category":"Home","price":8}"#,
        #"{"id":"find-1","name":"Find It Travel Game","category":"Toys","price":12}"#,
    ]

    static let catalog: Result<ChatFixture.Catalog, ChatFixture.SetupError> = {
        do {
            return .success(try ChatFixture.indexed(catalogLines: catalogLines))
        } catch {
            return .failure(ChatFixture.SetupError(description: "cannot index the filler catalog: \(error)"))
        }
    }()

    /// The chat still reads filler as the request's grammar, not as product words.
    @Test func theChatStillDropsItsFiller() throws {
        let turn = try #require(try ChatFixture.play(["can you please show me a door stopper"], catalog: Self.catalog.get()).last)
        #expect(turn.understanding.productWords == ["door", "stopper"])
        #expect(turn.answer.products.first?.id == "door-1")
    }
}
