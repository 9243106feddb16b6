import Foundation
import HTTPCore
import Search
import Store

/// Operational endpoints: health for load balancers and monitoring, and the API description.
struct ServiceRoutes: Sendable {
    let indexes: IndexHolder
    let database: Database
    let readiness: Readiness

    struct Ready: Encodable {
        static let schema = JSONSchema.object(properties: [
            ("status", .keywords(["type": "string", "enum": ["ready", "draining", "database unavailable"]])),
            ("index_generation", .string),
        ])
        let status: String
        let indexGeneration: String
    }

    struct Health: Encodable {
        static let schema = JSONSchema.object(properties: [
            ("status", .string), ("products", .integer), ("index_bytes", .integer), ("schema_version", .integer),
            ("catalog_sha256", .keywords(["type": "string", "description":
                "SHA-256 of the catalog the index was built from (hex); absent when the index records none"])),
            ("synonyms_file", .keywords(["type": "string", "description": "The synonyms file in use; absent when none"])),
            ("synonym_rules", .integer),
            ("index_generation", .keywords(["type": "string", "description":
                "The served index file's body checksum (8 hex digits): equal on nodes serving the same file"])),
        ])

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
        /// Which index file this node serves (`SearchIndex.generation`): during a rollout,
        /// nodes that show the same generation serve the same file.
        let indexGeneration: String
    }

    func register(in router: inout Router) {
        registerReadiness(in: &router)
        router.add(Self.health) { _ throws(APIError) in
            let index = indexes.current
            guard let schema = try? database.schemaVersion() else {
                return JSONResponse.make(status: 503, Health(status: "database unavailable", products: index.documentCount,
                                                              indexBytes: index.fileBytes, schemaVersion: 0,
                                                              catalogSha256: index.metadata.catalogChecksum?.hex,
                                                              synonymsFile: index.synonyms.path, synonymRules: index.synonyms.rules.count,
                                                              indexGeneration: index.generation))
            }
            return JSONResponse.make(Health(status: "ok", products: index.documentCount, indexBytes: index.fileBytes, schemaVersion: schema,
                                            catalogSha256: index.metadata.catalogChecksum?.hex,
                                            synonymsFile: index.synonyms.path, synonymRules: index.synonyms.rules.count,
                                            indexGeneration: index.generation))
        }
    }

    /// Readiness for a load balancer: 503 while the node drains before it stops, or while its
    /// database cannot be read; 200 otherwise.
    func registerReadiness(in router: inout Router) {
        router.add(Self.ready) { _ throws(APIError) in
            let generation = indexes.current.generation
            if readiness.isDraining {
                return JSONResponse.make(status: 503, Ready(status: "draining", indexGeneration: generation))
            }
            do {
                _ = try database.schemaVersion()
            } catch {
                return JSONResponse.make(status: 503, Ready(status: "database unavailable", indexGeneration: generation))
            }
            return JSONResponse.make(Ready(status: "ready", indexGeneration: generation))
        }
    }

    static let ready = Endpoint("GET", "/api/ready/", summary: "Whether this node takes new requests (for load balancers)", responses: [
        200: .json("Ready", Ready.schema), 503: .json("Draining before a stop, or the database unavailable", Ready.schema),
    ])
    static let health = Endpoint("GET", "/api/health/", summary: "Liveness and what is being served", responses: [
        200: .json("Healthy", Health.schema), 503: .described("Database unavailable"),
    ])
    static let openAPI = Endpoint("GET", "/api/openapi.json", summary: "This document", responses: [
        200: .json("OpenAPI 3.1 JSON", .keywords(["type": "object"])),
    ])

    /// Serves `document` (`OpenAPIDocument.json(describing:)`); registered after every other
    /// route, since the document describes them.
    func registerOpenAPI(_ document: String, in router: inout Router) {
        let body = Array(document.utf8)
        router.add(Self.openAPI) { _ throws(APIError) in
            HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: body)
        }
    }
}
