import Foundation

/// A measure read from an attribute value as catalogs write it ("9 lb", "10-Quart Dual
/// Basket", "SPF 70", "100 ft", "32GB", "5-25 lb", "3/4 in"): its amount in the base unit of
/// its dimension, so that values in different units of one dimension order correctly
/// (pounds and ounces, quarts and liters, feet and inches, gigabytes and terabytes).
///
/// Mass and volume share one scale, in ounces: a kind of product gives one of them in an
/// attribute ("40 oz" beside "2 L" is a bottle's volume, "16 oz" beside "2 lb" a weight), and
/// a fluid ounce of water weighs about an ounce, close enough to order by. A unit this does
/// not know is its own dimension, compared only with itself ("mph", "Pieces", "Person").
struct ProductMeasure: Equatable {
    /// The amount at each end, in the dimension's base unit; equal unless a range was written.
    var low: Double
    var high: Double
    /// The dimension: "ounce", "inch", "gigabyte", "hour", or the unit as written, lowercased.
    var dimension: String

    /// Units and their dimension and size in its base unit.
    private static let units: [String: (dimension: String, factor: Double)] = [
        "oz": ("ounce", 1), "ounce": ("ounce", 1), "ounces": ("ounce", 1), "fl": ("ounce", 1),
        "lb": ("ounce", 16), "lbs": ("ounce", 16), "pound": ("ounce", 16), "pounds": ("ounce", 16),
        "g": ("ounce", 0.035274), "kg": ("ounce", 35.274),
        "qt": ("ounce", 32), "quart": ("ounce", 32), "quarts": ("ounce", 32), "gal": ("ounce", 128), "gallon": ("ounce", 128),
        "l": ("ounce", 33.814), "liter": ("ounce", 33.814), "liters": ("ounce", 33.814), "litre": ("ounce", 33.814),
        "ml": ("ounce", 0.033814), "cup": ("ounce", 8), "cups": ("ounce", 8), "cu": ("ounce", 957.5),
        "mm": ("inch", 0.03937), "cm": ("inch", 0.3937), "m": ("inch", 39.37), "in": ("inch", 1), "inch": ("inch", 1),
        "inches": ("inch", 1), "\"": ("inch", 1), "ft": ("inch", 12), "feet": ("inch", 12), "foot": ("inch", 12),
        "yd": ("inch", 36), "mb": ("gigabyte", 1.0 / 1024), "gb": ("gigabyte", 1), "tb": ("gigabyte", 1024),
        "hours": ("hour", 1), "hour": ("hour", 1), "hr": ("hour", 1), "hrs": ("hour", 1), "h": ("hour", 1),
        "minutes": ("hour", 1.0 / 60), "minute": ("hour", 1.0 / 60), "min": ("hour", 1.0 / 60),
        "w": ("watt", 1), "watts": ("watt", 1), "watt": ("watt", 1), "kw": ("watt", 1000),
    ]

    /// The measure `value` gives; nil when it holds no number. The first number counts (with
    /// a range after it, "5-25 lb" or "60-90 minutes"), and the unit is the word right after
    /// it, or the word before it when none follows ("SPF 70").
    init?(_ value: String) {
        let characters = Array(value.lowercased())
        var index = 0
        func digits() -> Double? {
            let start = index
            var text = ""
            while index < characters.count, characters[index].isNumber || characters[index] == "." || characters[index] == "," {
                if characters[index] != "," { text.append(characters[index]) }
                index += 1
            }
            guard index > start, let amount = Double(text), amount.isFinite else { index = start; return nil }
            return amount
        }
        /// A number, a fraction ("3/4") or a whole number and a fraction ("1 1/4").
        func number() -> Double? {
            guard let whole = digits() else { return nil }
            let afterWhole = index
            if index < characters.count, characters[index] == "/" {
                index += 1
                if let denominator = digits(), denominator > 0 { return whole / denominator }
                index = afterWhole
                return whole
            }
            if index + 1 < characters.count, characters[index] == " ", characters[index + 1].isNumber {
                index += 1
                if let numerator = digits(), index < characters.count, characters[index] == "/" {
                    index += 1
                    if let denominator = digits(), denominator > 0 { return whole + numerator / denominator }
                }
                index = afterWhole
            }
            return whole
        }
        while index < characters.count, !characters[index].isNumber { index += 1 }
        let before = String(characters[..<index]).split(whereSeparator: { !$0.isLetter }).last.map(String.init)
        guard let first = number() else { return nil }
        var second = first
        if index + 1 < characters.count, characters[index] == "-" || characters[index] == "–", characters[index + 1].isNumber {
            index += 1
            if let end = number() { second = end }
        }
        while index < characters.count, characters[index] == " " || characters[index] == "-" { index += 1 }
        var unit = ""
        while index < characters.count, characters[index].isLetter || characters[index] == "\"" {
            unit.append(characters[index])
            index += 1
            if unit == "\"" { break }
        }
        let name = unit.isEmpty ? (before ?? "") : unit
        let known = Self.units[name]
        let factor = known?.factor ?? 1
        low = min(first, second) * factor
        high = max(first, second) * factor
        dimension = known?.dimension ?? name
    }

    /// The amount to order by: the low end for the least, the high end for the most (the
    /// heaviest dumbbells of "5-25 lb" go to 25).
    func amount(descending: Bool) -> Double {
        descending ? high : low
    }
}
