import Testing
@testable import API

/// `uplyft serve --host 0.0.0.0` over plain HTTP marks cookies Secure, which a browser then
/// drops: the start-up warning says what breaks and names the switch (issue 11, section 6).
@Suite struct PlainHTTPCookieWarningTests {
    private func configuration(_ environment: [String: String]) throws -> ShopConfiguration {
        try ShopConfiguration.fromEnvironment(environment)
    }

    @Test(arguments: ["0.0.0.0", "::", "192.168.1.20", "shop.internal"])
    func anyNonLoopbackHostWithTheDefaultIsWarnedAbout(host: String) throws {
        var settings = try configuration([:])
        settings.host = host
        #expect(settings.usesSecureCookies)
        let warning = try #require(settings.plainHTTPCookieWarning(port: 8081))
        #expect(warning.hasPrefix("warning: "))
        #expect(warning.contains("UPLYFT_SECURE_COOKIES=off"))
        #expect(warning.contains("HTTPS proxy"))
        #expect(warning.contains("signed out"))
        #expect(warning.contains(":8081/"), "the port actually bound: \(warning)")
        #expect(!warning.contains("\n"), "one line in the log")
    }

    @Test func aConcreteHostIsTheAddressToOpenAndAWildcardIsNot() throws {
        var settings = try configuration(["UPLYFT_HOST": "10.0.0.7"])
        #expect(settings.plainHTTPCookieWarning(port: 80)?.contains("http://10.0.0.7:80/") == true)
        settings.host = "fd00::7"
        #expect(settings.plainHTTPCookieWarning(port: 80)?.contains("http://[fd00::7]:80/") == true)
        settings.host = "0.0.0.0"
        #expect(settings.plainHTTPCookieWarning(port: 80)?.contains("http://<this machine's address>:80/") == true)
    }

    @Test(arguments: ["127.0.0.1", "localhost", "::1"])
    func loopbackNeedsNoWarning(host: String) throws {
        var settings = try configuration([:])
        settings.host = host
        #expect(!settings.usesSecureCookies)
        #expect(settings.plainHTTPCookieWarning(port: 8080) == nil)
    }

    /// Once the operator has chosen, either way, there is nothing to point out.
    @Test(arguments: ["off", "on", "0", "true"])
    func anExplicitChoiceIsNotWarnedAbout(value: String) throws {
        let settings = try configuration(["UPLYFT_HOST": "0.0.0.0", "UPLYFT_SECURE_COOKIES": value])
        #expect(settings.plainHTTPCookieWarning(port: 8080) == nil)
    }
}
