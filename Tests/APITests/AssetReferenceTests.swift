import Testing
@testable import API

/// What fingerprinting and preloading see in a file (`AssetReferenceScanner`): imports of every
/// form, CSS `url()` and `@import`, HTML `src` and `href`, and how specifiers resolve.
@Suite struct AssetReferenceTests {
    private func scan(_ text: String, _ language: AssetLanguage) -> [String] {
        AssetReferenceScanner.references(in: Array(text.utf8), language: language).map(\.specifier)
    }

    private func kinds(_ text: String) -> [AssetReference.Kind] {
        AssetReferenceScanner.references(in: Array(text.utf8), language: .javaScript).map(\.kind)
    }

    @Test func javaScriptImportsOfEveryForm() {
        let source = """
            import { a } from './a.js';
            import b from "./b.js"
            import './c.js';
            export * from '../d.js';
            export { e } from "/static/e.js";
            const f = await import( './f.js' );
            import{g}from'./g.js';
            import * as h from
              './h.js';
            """
        #expect(scan(source, .javaScript) == ["./a.js", "./b.js", "./c.js", "../d.js", "/static/e.js", "./f.js", "./g.js", "./h.js"])
        #expect(kinds("import './x.js'; import('./y.js')") == [.staticImport, .dynamicImport])
    }

    @Test func wordsThatOnlyLookLikeImportsAreNotTaken() {
        #expect(scan("Array.from('./a.js'); const importer = 'x'; reimport('./b.js'); data-from('./c.js')", .javaScript).isEmpty)
        #expect(scan("import(`./${name}.js`); import('./a\\'b.js')", .javaScript).isEmpty, "templates and escapes are left alone")
    }

    @Test func cssURLsAndImports() {
        let css = """
            @import "base.css";
            .a { background: url(img/a.svg) }
            .b { background: url( "/static/b.svg" ) }
            .c { background: url('data:image/svg+xml,<svg/>') }
            """
        #expect(scan(css, .css) == ["base.css", "img/a.svg", "/static/b.svg", "data:image/svg+xml,<svg/>"])
    }

    @Test func htmlSourcesAndLinks() {
        let html = #"<script type="module" src="/static/js/a.js"></script><link href='/static/b.css' rel=stylesheet>"#
            + #"<img data-src="/static/no.svg"><a href=/unquoted>x</a>"#
        #expect(scan(html, .html) == ["/static/js/a.js", "/static/b.css"])
    }

    @Test(arguments: [
        ("./a.js", "/static/js/main.js", AssetLanguage.javaScript, "/static/js/a.js"),
        ("../lib/b.js", "/static/js/main.js", .javaScript, "/static/lib/b.js"),
        ("/static/c.js", "/static/js/main.js", .javaScript, "/static/c.js"),
        ("img/d.svg", "/static/css/shop.css", .css, "/static/css/img/d.svg"),
        ("./x/../e.css", "/static/css/shop.css", .css, "/static/css/e.css"),
        ("/static/f.css", "/", .html, "/static/f.css"),
    ])
    func specifiersResolveAgainstTheirFile(specifier: String, base: String, language: AssetLanguage, expected: String) {
        #expect(AssetReferenceScanner.resolve(specifier, from: base, language: language) == expected)
    }

    @Test func specifiersThatAreNotSameSitePathsResolveToNothing() {
        for specifier in ["lodash", "https://cdn.example/x.js", "//cdn.example/x.js", "data:text/javascript,1", "./a.js?v=2",
                          "./a.js#x", "../../../../x.js", "", "./a\\b.js"] {
            #expect(AssetReferenceScanner.resolve(specifier, from: "/static/js/main.js", language: .javaScript) == nil, "\(specifier)")
        }
    }

    @Test func fingerprintedNamesKeepTheExtensionLast() {
        #expect(AssetFingerprints.name("/static/js/chat.js", withHash: "3f9a1c2e") == "/static/js/chat.3f9a1c2e.js")
        #expect(AssetFingerprints.name("/static/css/shop.min.css", withHash: "00ff00ff") == "/static/css/shop.min.00ff00ff.css")
        #expect(AssetFingerprints.name("/static/LICENSE", withHash: "12345678") == "/static/LICENSE.12345678")
        #expect(AssetFingerprints.name("/static/.well", withHash: "12345678") == "/static/.well.12345678")
    }
}
