import Catalog
import Foundation
import IndexFormat
import Indexer
import Testing
import TestSupport

/// `GET /api/health/` names the catalog being served by the SHA-256 the index records.
@Suite struct HealthTests {
    @Test func healthShowsTheServedCatalogsChecksumWhenTheIndexRecordsOne() throws {
        let directory = NSTemporaryDirectory() + "uplyft-health-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checksum = try #require(CatalogChecksum(hex: String(repeating: "0123456789abcdef", count: 4)))
        var builder = IndexBuilder()
        for product in ShopServerFixture.products { builder.add(product) }
        builder.catalogChecksum = checksum
        _ = try builder.write(to: directory + "/recorded.uplyft")

        let shop = try ShopServerFixture { $0.indexPath = directory + "/recorded.uplyft" }
        let health = try shop.get("/api/health/").jsonObject()
        #expect(health["catalog_sha256"] as? String == checksum.hex)

        // The fixture's own index is built from products in memory: no checksum, no key.
        let plain = try ShopServerFixture().get("/api/health/").jsonObject()
        #expect(plain["status"] as? String == "ok")
        #expect(plain["catalog_sha256"] == nil)
    }
}
