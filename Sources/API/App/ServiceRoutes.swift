import Foundation

/// Operational endpoints: health for load balancers and monitoring, and the API description.
struct ServiceRoutes: Sendable {
    let indexes: IndexHolder
    let database: Database

    struct Health: Encodable {
        let status: String
        let products: Int
        let indexBytes: Int
        let schemaVersion: Int
        /// The SHA-256 of the catalog the served index was built from (absent when the index
        /// records none): which catalog is live, without shell access to the machine.
        let catalogSha256: String?
        /// The synonyms file in use (absent when none) and how many rules it has.
        let synonymsFile: String?
        let synonymRules: Int
    }

    func register(in router: inout Router) {
        router.add("GET", "/api/health/") { _ throws(APIError) in
            let index = indexes.current
            guard let schema = try? database.schemaVersion() else {
                return JSONResponse.make(status: 503, Health(status: "database unavailable", products: index.documentCount,
                                                              indexBytes: index.fileBytes, schemaVersion: 0,
                                                              catalogSha256: index.metadata.catalogChecksum?.hex,
                                                              synonymsFile: index.synonyms.path, synonymRules: index.synonyms.rules.count))
            }
            return JSONResponse.make(Health(status: "ok", products: index.documentCount, indexBytes: index.fileBytes, schemaVersion: schema,
                                            catalogSha256: index.metadata.catalogChecksum?.hex,
                                            synonymsFile: index.synonyms.path, synonymRules: index.synonyms.rules.count))
        }
        router.add("GET", "/api/openapi.json") { _ throws(APIError) in
            HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array(OpenAPIDocument.json.utf8))
        }
    }
}
