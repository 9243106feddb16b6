import Foundation
import Testing
@testable import API
import TestSupport
@testable import Auth

/// `PasswordPolicy`'s rules (tested on their edges in AuthTests) applied where accounts are
/// made: sign-up over HTTP, `uplyft user add` and `uplyft user passwd`.
@Suite struct AccountPasswordRulesTests {
    @Test func signUpAppliesEveryRule() throws {
        let shop = try ShopServerFixture { $0.registrationsPerAddressPerHour = 100 }
        for (password, code) in [("          ", "password_blank"), ("shopper-alice1", "password_too_similar"),
                                 ("password1!", "password_too_common"), ("qwertyuiop", "password_too_common")] {
            let response = try shop.register("shopper-alice", password: password)
            #expect(response.status == 400 && response.errorCode == code, "\(password): \(response.text)")
        }
        #expect(try shop.application.users.count() == 0)
    }

    @Test func userAddAndPasswdApplyTheRules() throws {
        let directory = NSTemporaryDirectory() + "uplyft-accounts-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let accounts = try AccountAdministration(dataDirectory: directory, passwordIterations: 1)
        #expect(throws: AccountAdministration.Failure.self) { try accounts.add(username: "carol", password: "carol123") }
        #expect(throws: AccountAdministration.Failure.self) { try accounts.add(username: "carol", password: "         ") }
        _ = try accounts.add(username: "carol", password: "correct horse battery")
        for weak in ["short", "12345678", "Carol2024", "password!"] {
            do {
                _ = try accounts.changePassword(username: "carol", password: weak)
                Issue.record("\(weak) was accepted")
            } catch let failure as AccountAdministration.Failure {
                #expect(failure.description.contains("password_"), "\(failure)")
            }
        }
    }
}
