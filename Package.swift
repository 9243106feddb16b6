// swift-tools-version:6.0
// uplyft: product search engine and sales chatbot. No package dependencies by design:
// the toolchain, Foundation, and the system's SQLite3, libcrypto and zlib only.
//
// Built and tested on Linux only (the server's event loop is epoll through Glibc), so no
// `platforms` are declared: SwiftPM has no way to say "Linux", and naming an Apple platform
// would claim a build nobody runs.
import PackageDescription

// Hot loops mutate value-type buffers; exclusivity checks there cost ~4x (measured, see
// shared PLATFORM.md). Bounds and overflow checks stay on.
let hotPathFlags: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "uplyft",
    products: [
        .executable(name: "uplyft", targets: ["uplyft"]),
    ],
    // The layers of ARCHITECTURE.md: a target imports only the targets it lists here, and
    // `--explicit-target-dependency-import-check error` (make build, make test) refuses any
    // other import. The lists point one way, from the CLI down to the system libraries.
    targets: [
        // Text analysis shared by indexing, querying and chat: normalisation, tokens, stemming.
        .target(name: "Analysis", swiftSettings: hotPathFlags),
        // The on-disk format's shared pieces: section ids, varints, checksums, block codec.
        .target(name: "IndexFormat", swiftSettings: hotPathFlags),
        // Files written whole or not at all (temporary file, fsync, rename, directory fsync).
        .target(name: "DurableFiles"),
        // Products and the JSON Lines catalog format: the strict line reader and the encoder.
        .target(name: "Catalog", swiftSettings: hotPathFlags),
        // Deterministic synthetic catalogs (`uplyft gen`, fixtures); never linked into the indexer.
        .target(name: "CatalogGenerator", dependencies: ["Catalog"]),
        .target(name: "Indexer", dependencies: ["Analysis", "IndexFormat", "DurableFiles", "Catalog", "CCrypto"], swiftSettings: hotPathFlags),
        .target(name: "Query", dependencies: ["Analysis", "IndexFormat"], swiftSettings: hotPathFlags),
        // System libraries through shims (module maps in Sources/C*): no package dependencies.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // gzip for HTTP responses (Sources/API/HTTP/Gzip.swift is the one file that calls it).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // epoll, eventfd and accept4, which Glibc's Swift module does not export.
        .systemLibrary(name: "CSystemShim"),
        // HTTP/1.1 over epoll: connections, parsing, limits, workers. Knows nothing of uplyft:
        // a handler is a function from HTTPRequest to HTTPResponse.
        .target(name: "HTTPCore", dependencies: ["CSystemShim", "CZlib"], path: "Sources/API/HTTP"),
        // The shop's database: SQLite behind one connection or PostgreSQL behind a pool, numbered
        // migrations, one store per table family. Knows nothing of HTTP, tokens or the index.
        .target(name: "Store", dependencies: ["CSQLite", "CPostgres"], path: "Sources/API/Store"),
        // The cryptographic primitives, from the system's libcrypto: HMAC, SHA-256, PBKDF2,
        // random bytes, constant-time comparison.
        .target(name: "Crypto", dependencies: ["CCrypto"], path: "Sources/API/Crypto"),
        // Accounts and tokens: password hashing (on a pool of its own) and policy, sign-in and
        // sign-up throttles, JWTs, device cookies, the signing secret. Knows nothing of HTTP:
        // it refuses with `AuthError`, which the application answers.
        .target(name: "Auth", dependencies: ["Store", "Crypto", "DurableFiles"], path: "Sources/API/Auth"),
        // What the catalog endpoints and the chat share: the index being served (swapped when
        // the file is rebuilt), products as results show them, did-you-mean words.
        .target(name: "Search", dependencies: ["Query", "Analysis"], path: "Sources/API/Search"),
        // The shop assistant: reads a message with the catalog's own words and acts on it with
        // searches, the conversation state and the cart. Knows nothing of HTTP or accounts.
        .target(name: "Chat", dependencies: ["Search", "Store", "Crypto", "Query", "Analysis"], path: "Sources/API/Chat"),
        // The application: routes, JSON bodies and errors, client addresses, static pages;
        // composes the layers above into `ShopApplication`, a function from request to response.
        .target(name: "API", dependencies: ["HTTPCore", "Store", "Crypto", "Auth", "Search", "Chat", "Query"],
                path: "Sources/API/App"),
        .executableTarget(name: "uplyft", dependencies: ["Indexer", "Query", "Catalog", "CatalogGenerator", "IndexFormat", "DurableFiles", "HTTPCore", "API"]),
        // libFuzzer targets with AddressSanitizer; scripts/fuzz.sh builds them into .build-fuzz.
        .executableTarget(name: "FuzzHTTPRequestParser", dependencies: ["HTTPCore"], path: "Fuzz/HTTPRequestParser"),
        .target(name: "ShopFixture", dependencies: ["API", "HTTPCore", "Indexer", "CatalogGenerator"], path: "Fuzz/ShopFixture"),
        .executableTarget(name: "FuzzAPIRequests", dependencies: ["HTTPCore", "ShopFixture"], path: "Fuzz/APIRequests"),
        .executableTarget(name: "FuzzCatalogLine", dependencies: ["Catalog"], path: "Fuzz/CatalogLine"),
        .executableTarget(name: "FuzzIndexReader", dependencies: ["Query", "Indexer", "CatalogGenerator", "IndexFormat"], path: "Fuzz/IndexReader"),
        .executableTarget(name: "FuzzJWT", dependencies: ["Auth", "CCrypto"], path: "Fuzz/JWT"),
        .executableTarget(name: "FuzzChat", dependencies: ["HTTPCore", "ShopFixture"], path: "Fuzz/Chat"),
        // Per-message time of the assistant in process (Benchmarks/chat_speed.sh).
        .executableTarget(name: "ChatSpeed", dependencies: ["Chat", "Search", "Store", "Query"], path: "Benchmarks/ChatSpeed"),

        // What tests repeat: the seeded random generator, temporary directories, a raw HTTP
        // client, a clock tests move by hand, an event recorder. Depends on nothing of
        // uplyft's, so any test target may use it.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "AnalysisTests", dependencies: ["Analysis"], exclude: ["Fixtures"]),
        .testTarget(name: "IndexFormatTests", dependencies: ["IndexFormat", "TestSupport"]),
        .testTarget(name: "DurableFilesTests", dependencies: ["DurableFiles", "TestSupport"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog"]),
        .testTarget(name: "CatalogGeneratorTests", dependencies: ["CatalogGenerator", "Catalog", "TestSupport"]),
        .testTarget(name: "IndexerTests", dependencies: ["Indexer", "Query", "Catalog", "IndexFormat", "Analysis", "TestSupport"]),
        .testTarget(name: "QueryTests", dependencies: ["Query", "Indexer", "Catalog", "CatalogGenerator", "IndexFormat", "TestSupport"]),
        .testTarget(name: "HTTPCoreTests", dependencies: ["HTTPCore", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport"]),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"]),
        .testTarget(name: "AuthTests", dependencies: ["Auth", "Store", "Crypto", "TestSupport"]),
        .testTarget(name: "ChatTests", dependencies: ["Chat", "Search", "Store", "Query", "Analysis", "Indexer", "Catalog", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "APITests", dependencies: ["API", "HTTPCore", "Store", "Crypto", "Auth", "Chat", "Indexer", "Catalog", "Query",
                                                     "IndexFormat", "Analysis", "Search", "TestSupport"],
                    exclude: ["pyjwt_crosscheck.py"]),
        // The command line as a user runs it: the built `uplyft` binary in a subprocess.
        .testTarget(name: "CLITests", dependencies: ["uplyft", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
