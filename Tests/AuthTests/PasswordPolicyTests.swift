import Foundation
import Testing
@testable import Auth

/// Every rule of `PasswordPolicy` on its edges (the same rules through sign-up and
/// `uplyft user`: `AccountPasswordRulesTests` in APITests).
@Suite struct PasswordPolicyTests {
    @Test(arguments: [
        ("", "password_blank"), ("        ", "password_blank"), ("\t \n  \u{00A0}   \t", "password_blank"),
        ("short1!", "password_too_short"), ("ab cd e", "password_too_short"),
        ("12345678", "password_entirely_numeric"), ("908172635401", "password_entirely_numeric"), ("１２３４５６７８９", "password_entirely_numeric"),
        ("shopper-alice", "password_too_similar"), ("SHOPPER-ALICE", "password_too_similar"), ("shopper-alice1", "password_too_similar"),
        ("alice2024", "password_too_similar"), ("xxalicexx", "password_too_similar"),
        ("password", "password_too_common"), ("Password123!", "password_too_common"), ("p@ssw0rd", "password_too_common"),
        ("!!letmein!!", "password_too_common"), ("trustno1", "password_too_common"), ("qwertyuiop", "password_too_common"),
        ("1qaz2wsx", "password_too_common"), ("abcdefgh", "password_too_common"), ("hgfedcba", "password_too_common"),
        ("aaaaaaaaaa", "password_too_common"), ("abcabcabcab", "password_too_common"), ("xyxyxyxy", "password_too_common"),
    ])
    func refusesNamingTheRule(password: String, code: String) {
        let violation = PasswordPolicy.violation(of: password, username: "shopper-alice")
        #expect(violation?.code == code, "\(password)")
        #expect(violation?.message.isEmpty == false)
    }

    @Test(arguments: ["correct horse battery", "Tr0ub4dor&3x", "shopping list 2024?", "9 lives of a cat", "alicia-keys-fan",
                      "qwerty-is-not-it-7", "ünïcödé pässwörd"])
    func acceptsPasswordsThatBreakNoRule(password: String) {
        #expect(PasswordPolicy.violation(of: password, username: "shopper-alice") == nil, "\(password)")
    }

    @Test func overTheByteLimitIsRefusedBeforeAnythingElse() {
        let long = String(repeating: "a1b2", count: 257)
        #expect(PasswordPolicy.violation(of: long, username: "someone")?.code == "password_too_long")
        #expect(PasswordPolicy.violation(of: String(repeating: "é", count: 600), username: "someone")?.code == "password_too_long")
    }

    /// The similarity is Ratcliff-Obershelp's, as Python's `difflib.SequenceMatcher.ratio()`;
    /// the expected values are Python's own for the same pairs.
    @Test(arguments: [("abcd", "bcde", 0.75), ("alice2024", "alice", 0.7142857142857143), ("private", "pirate", 0.7692307692307693),
                      ("alicealice", "alice", 0.6666666666666666), ("correct horse battery", "alice", 0.15384615384615385),
                      ("", "", 1.0), ("abc", "xyz", 0.0)])
    func similarityMatchesPythonsSequenceMatcher(left: String, right: String, ratio: Double) {
        let computed = PasswordPolicy.similarity(Array(left.unicodeScalars), Array(right.unicodeScalars))
        #expect(abs(computed - ratio) < 1e-12, "\(left) ~ \(right): \(computed)")
    }

    @Test func similarityIsCheckedAgainstThePartsOfTheUsernameToo() {
        // "jonathan.whitfield": the whole name is far from "whitfield99", its second part is not.
        #expect(PasswordPolicy.isTooSimilar("whitfield99", to: "jonathan.whitfield"))
        #expect(!PasswordPolicy.isTooSimilar("correct horse battery", to: "jonathan.whitfield"))
    }
}
