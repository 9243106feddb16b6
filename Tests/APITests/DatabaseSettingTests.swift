import Testing
@testable import API

/// `UPLYFT_DATABASE_URL` and the pool settings as `uplyft serve` reads them.
@Suite struct DatabaseSettingTests {
    @Test func aPostgreSQLURLSelectsPostgreSQLAndIsLoggedWithoutItsPassword() throws {
        let configuration = try ShopConfiguration.fromEnvironment([
            "UPLYFT_DATABASE_URL": "postgresql://shop:hunter2@db:5432/shop",
            "UPLYFT_DATABASE_POOL_SIZE": "3", "UPLYFT_DATABASE_ACQUIRE_SECONDS": "2",
        ])
        #expect(configuration.databaseURL == "postgresql://shop:hunter2@db:5432/shop")
        #expect(configuration.databaseURLForLogs == "postgresql://shop:***@db:5432/shop")
        #expect(configuration.databasePoolSize == 3)
        #expect(configuration.databaseAcquireTimeoutSeconds == 2)
        #expect(try ShopConfiguration.fromEnvironment([:]).databaseURL == nil)
        #expect(try ShopConfiguration.fromEnvironment(["UPLYFT_DATABASE_URL": ""]).databaseURL == nil)
    }

    /// Anything but a PostgreSQL URL stops the start, naming the setting but not echoing the
    /// value (which may hold a password).
    @Test(arguments: ["mysql://shop:hunter2@db/shop", "shop:hunter2@db", "/var/lib/uplyft.db"])
    func otherURLsAreRefused(_ url: String) {
        let error = #expect(throws: ShopConfiguration.InvalidSetting.self) {
            try ShopConfiguration.fromEnvironment(["UPLYFT_DATABASE_URL": url])
        }
        #expect(error?.description.contains("UPLYFT_DATABASE_URL") == true)
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test(arguments: [("UPLYFT_DATABASE_POOL_SIZE", "0"), ("UPLYFT_DATABASE_POOL_SIZE", "many"), ("UPLYFT_DATABASE_ACQUIRE_SECONDS", "-1")])
    func poolSettingsOutOfRangeAreRefused(_ name: String, _ value: String) {
        #expect(throws: ShopConfiguration.InvalidSetting.self) { try ShopConfiguration.fromEnvironment([name: value]) }
    }
}
