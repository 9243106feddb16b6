/// The units of measure a number can carry, each under one canonical spelling, so that
/// `55"`, `55 in`, `55 in.`, `55-inch`, `55in` and `55 inches` all become the measure `55in`.
///
/// Canonical spellings are the short forms shops print glued to the number ("20v", "15a",
/// "5gal"): a listing that already glues them ("20V", "15A") keeps its own word as the measure.
/// Fluid ounces are ounces: shoppers type "16 oz" for a listing's "16 fl. oz.".
///
/// A unit word is a unit only right after a number (`QuantityReader`): "lamp in black" keeps its
/// preposition, and "a" stays a stop word except in "15 a".
public enum MeasurementUnit {
    /// The canonical spelling of the unit word `word` (normalised, lowercase ASCII), or nil when
    /// it names no unit. Plurals and long forms included ("inches", "feet", "volts").
    static func canonical(_ word: [UInt8]) -> [UInt8]? {
        guard word.count <= longestUnitWordBytes else { return nil }
        return units[word]
    }

    /// The canonical spelling of a two-word unit: `first` is a qualifier ("cu", "sq", "fl",
    /// "cubic", "square", "fluid") and `second` the unit it qualifies ("ft", "oz").
    static func canonical(qualifier first: [UInt8], unit second: [UInt8]) -> [UInt8]? {
        guard let qualifier = qualifiers[first] else { return nil }
        switch (qualifier, second) {
        case ("cu", Array("ft".utf8)): return Array("cuft".utf8)
        case ("sq", Array("ft".utf8)): return Array("sqft".utf8)
        case ("sq", Array("in".utf8)): return Array("sqin".utf8)
        case ("fl", Array("oz".utf8)): return Array("oz".utf8)
        default: return nil
        }
    }

    /// True when `word` can start a two-word unit.
    static func isQualifier(_ word: [UInt8]) -> Bool { qualifiers[word] != nil }

    /// Unit words and their canonical spellings. Single letters ("a", "v", "w", "t") are units
    /// only after a number, which is the only place they are read.
    private static let table: [String: [String]] = [
        "in": ["in", "inch", "inches"],
        "ft": ["ft", "foot", "feet"],
        "yd": ["yd", "yds", "yard", "yards"],
        "mm": ["mm", "millimeter", "millimeters", "millimetre", "millimetres"],
        "cm": ["cm", "centimeter", "centimeters", "centimetre", "centimetres"],
        "lb": ["lb", "lbs", "pound", "pounds"],
        "oz": ["oz", "ounce", "ounces"],
        "kg": ["kg", "kilogram", "kilograms"],
        "gal": ["gal", "gals", "gallon", "gallons"],
        "qt": ["qt", "qts", "quart", "quarts"],
        "pt": ["pt", "pint", "pints"],
        "ml": ["ml", "milliliter", "milliliters", "millilitre", "millilitres"],
        "v": ["v", "volt", "volts"],
        "w": ["w", "watt", "watts"],
        "kw": ["kw", "kilowatt", "kilowatts"],
        "a": ["a", "amp", "amps", "ampere", "amperes"],
        "mah": ["mah"],
        "hp": ["hp", "horsepower"],
        "psi": ["psi"],
        "btu": ["btu", "btus"],
        "gpm": ["gpm"],
        "gpf": ["gpf"],
        "cfm": ["cfm"],
        "mph": ["mph"],
        "cc": ["cc"],
        "lm": ["lm", "lumen", "lumens"],
        "k": ["k", "kelvin"],
        "db": ["db", "dba", "decibel", "decibels"],
        "t": ["t", "tooth", "teeth"],
        "ga": ["ga", "gauge"],
        "d": ["d", "penny"],
        "deg": ["deg", "degree", "degrees"],
        "pc": ["pc", "pcs", "piece", "pieces"],
        "pk": ["pk", "pack", "packs", "count", "ct"],
        "cuft": ["cuft", "cf"],
        "sqft": ["sqft"],
    ]

    private static let units: [[UInt8]: [UInt8]] = {
        var units: [[UInt8]: [UInt8]] = [:]
        for (canonical, spellings) in table {
            for spelling in spellings { units[Array(spelling.utf8)] = Array(canonical.utf8) }
        }
        return units
    }()

    private static let qualifiers: [[UInt8]: String] = [
        Array("cu".utf8): "cu", Array("cubic".utf8): "cu",
        Array("sq".utf8): "sq", Array("square".utf8): "sq",
        Array("fl".utf8): "fl", Array("fluid".utf8): "fl",
    ]

    static let longestUnitWordBytes = table.values.joined().map(\.utf8.count).max() ?? 0
}
