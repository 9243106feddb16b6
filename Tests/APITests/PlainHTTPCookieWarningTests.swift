import Testing
@testable import API

/// `uplyft serve --host 0.0.0.0` over plain HTTP marks cookies Secure, which a browser then
/// drops: the start-up warning says what breaks and names the switch (issue 11, section 6).
@Suite struct PlainHTTPCookieWarningTests {
    private func configuration(_ environment: [String: String]) throws -> ShopConfiguration {
        try ShopConfiguration.fromEnvironment(environment)
    }

    @Test(arguments: ["0.0.0.0", "::", "192.168.1.20", "shop.internal", "128.0.0.1", "::2", "::ffff:10.0.0.1"])
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

    @Test(arguments: ["127.0.0.1", "localhost", "::1", "127.0.0.2", "127.255.255.254", "::ffff:127.0.0.1", "LOCALHOST"])
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

    /// A switch that is not clearly on or off stops the start instead of falling back to one
    /// side: "disabled" left sign-up open before.
    @Test(arguments: ["UPLYFT_REGISTRATION", "UPLYFT_SECURE_COOKIES"], ["disabled", "never", "of", "", "2", "offf"])
    func unclearSwitchesAreRefusedNamingTheVariable(name: String, value: String) throws {
        #expect {
            _ = try configuration([name: value])
        } throws: { error in
            "\(error)".contains(name) && "\(error)".contains("on or off")
        }
    }

    @Test(arguments: [("off", false), ("OFF", false), (" no ", false), ("0", false), ("false", false),
                      ("on", true), ("Yes", true), ("1", true), ("true", true)])
    func clearSwitchesAreRead(value: String, expected: Bool) throws {
        #expect(try configuration(["UPLYFT_REGISTRATION": value]).registrationEnabled == expected)
        #expect(try configuration(["UPLYFT_SECURE_COOKIES": value]).secureCookies == expected)
    }

    @Test func theServingAddressPutsAnIPv6HostInBrackets() throws {
        var settings = try configuration([:])
        #expect(settings.baseURL(port: 8080) == "http://127.0.0.1:8080")
        settings.host = "::1"
        #expect(settings.baseURL(port: 8080) == "http://[::1]:8080")
    }
}
