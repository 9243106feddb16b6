import Testing
@testable import Chat

@Suite struct ProductMeasureTests {
    @Test(arguments: [
        ("9 lb", 144.0, "ounce"), ("16 oz", 16.0, "ounce"), ("10-Quart Dual Basket", 320.0, "ounce"), ("22L", 743.908, "ounce"),
        ("100 ft", 1200.0, "inch"), ("3/4 in", 0.75, "inch"), ("1 1/4 in", 1.25, "inch"), ("6mm", 0.23622, "inch"),
        ("1TB SSD", 1024.0, "gigabyte"), ("512GB", 512.0, "gigabyte"), ("SPF 70", 70.0, "spf"), ("40 mph", 40.0, "mph"),
        ("1,000 Pieces", 1000.0, "pieces"), ("2000W", 2000.0, "watt"),
    ])
    func valuesAreReadInTheirDimensionsBaseUnit(value: String, amount: Double, dimension: String) throws {
        let measure = try #require(ProductMeasure(value))
        #expect(abs(measure.low - amount) < 0.001)
        #expect(measure.dimension == dimension)
    }

    @Test func aRangeCountsByTheEndAsked() throws {
        let measure = try #require(ProductMeasure("5-25 lb"))
        #expect(measure.amount(descending: false) == 80)
        #expect(measure.amount(descending: true) == 400)
    }

    @Test(arguments: ["Wide", "", "lb", "1/0", "..."])
    func aValueWithoutANumberGivesNoMeasure(value: String) {
        let measure = ProductMeasure(value)
        #expect(measure == nil || measure?.low.isFinite == true)
        if value != "1/0" { #expect(measure == nil) }
    }

    @Test func superlativesNameTheirMeasure() throws {
        let names: Set<String> = ["weight", "memory", "spf", "battery", "length"]
        let lightest = try #require(MeasureOrder.read(["the", "lightest", "tent"], attributeNames: names))
        #expect(lightest.order.attributes == ["weight"])
        #expect(!lightest.order.descending)
        #expect(lightest.rest == ["the", "tent"])
        #expect(lightest.position == 1)
        let memory = try #require(MeasureOrder.read(["laptop", "with", "the", "most", "ram"], attributeNames: names))
        #expect(memory.order.attributes == ["memory"])
        #expect(memory.order.descending)
        #expect(MeasureOrder.read(["the", "most", "expensive", "tent"], attributeNames: names) == nil)
    }
}
