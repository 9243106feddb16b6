/// The index terms of one quantity read by `QuantityReader`: the form a query looks for
/// (`main`) and the forms the index also holds so that other queries meet it (`others`).
///
/// - A number alone: its canonical text ("1/2" -> "0.5", "2,5" -> "2.5").
/// - A number with a unit: the measure, number and canonical unit glued ("55 in." -> "55in",
///   "6.5-amp" -> "6.5a", "15 a" -> "15a"); the bare number is also indexed, so "1/2 wrench"
///   finds a "1/2-inch wrench".
/// - A dimension: its numbers joined by "x" without their units ("2 in. x 6 in." and "2x6" ->
///   "2x6"); each part's number and measure are also indexed, and a dimension of three or four
///   parts holds its adjacent pairs too, so "2x6" finds a "2 in. x 6 in. x 8 ft." board.
///   Requiring the dimension term rather than its numbers keeps "2x6" from meeting a product
///   that merely mentions a 2 and a 6.
struct QuantityTerms {
    var main: [UInt8]
    /// Distinct from `main` and from each other, in text order.
    var others: [[UInt8]] = []

    init(measures: [QuantityReader.Measure]) {
        let dimensionMark = UInt8(ascii: "x")
        if measures.count > 1 {
            main = Array(measures.map(\.number).joined(separator: [dimensionMark]))
        } else if let unit = measures[0].unit {
            main = measures[0].number + unit
        } else {
            main = measures[0].number
        }
        for measure in measures {
            add(measure.number)
            if let unit = measure.unit { add(measure.number + unit) }
        }
        if measures.count > 2 {
            for pair in 0..<(measures.count - 1) {
                add(measures[pair].number + [dimensionMark] + measures[pair + 1].number)
            }
        }
    }

    private mutating func add(_ term: [UInt8]) {
        guard term != main, !others.contains(term) else { return }
        others.append(term)
    }
}
