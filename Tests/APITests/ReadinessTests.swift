import Testing
import TestSupport
@testable import API

/// `GET /api/ready/` (issue 17, "graceful drain on node shutdown"): what a load balancer's
/// health check reads.
@Suite struct ReadinessTests {
    @Test func aServingNodeIsReadyUntilItDrains() throws {
        let shop = try ShopServerFixture()
        let ready = try shop.get("/api/ready/")
        #expect(ready.status == 200)
        let body = try ready.jsonObject()
        #expect(body["status"] as? String == "ready")
        #expect(body["index_generation"] as? String == (try shop.get("/api/health/").jsonObject()["index_generation"] as? String))

        shop.application.readiness.beginDraining()
        let draining = try shop.get("/api/ready/")
        #expect(draining.status == 503)
        #expect(try draining.jsonObject()["status"] as? String == "draining")
        // Draining turns new shoppers away at the balancer; this node still answers them.
        #expect(try shop.get("/api/health/").status == 200)
        #expect(try shop.get("/api/search/?q=shirt").status == 200)
    }

    @Test func theDrainTimeIsReadAndChecked() throws {
        #expect(try ShopConfiguration.fromEnvironment([:]).drainSeconds == 0)
        #expect(try ShopConfiguration.fromEnvironment(["UPLYFT_DRAIN_SECONDS": "3"]).drainSeconds == 3)
        for bad in ["-1", "301", "2.5", "soon"] {
            #expect(throws: (any Error).self, "\(bad)") { try ShopConfiguration.fromEnvironment(["UPLYFT_DRAIN_SECONDS": bad]) }
        }
    }
}
