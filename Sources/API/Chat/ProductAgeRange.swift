import Query

/// The ages a product says it suits, read from its own fields: an attribute named for age
/// ("age": "Ages 8+", "ages": "8-12", "recommended age": "3 years and up") or, failing
/// that, "Ages 8+" in its name. Nil when the product says nothing about age.
///
/// The shapes read are those of shop listings: "N+", "N and up", "N-M", "N to M", a single
/// "N", and months ("18 months+", counted as the year they fall in).
enum ProductAgeRange {
    static func range(of product: StoredProduct) -> ClosedRange<Int>? {
        for attribute in product.attributes where isAgeName(attribute.name) {
            if let range = parse(attribute.value) { return range }
        }
        let name = product.name.lowercased()
        if let start = name.range(of: "ages ") ?? name.range(of: "age ") {
            return parse(String(name[start.upperBound...].prefix(16)))
        }
        return nil
    }

    /// "age", "ages", "age range", "recommended age": an attribute name with the word age.
    static func isAgeName(_ name: String) -> Bool {
        name.lowercased().split { !$0.isLetter }.contains { $0 == "age" || $0 == "ages" }
    }

    /// The range a label states, nil when it holds no number.
    static func parse(_ label: String) -> ClosedRange<Int>? {
        let text = label.lowercased()
        var numbers: [Int] = []
        var digits = ""
        for character in text + " " {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if !digits.isEmpty {
                // Three digits at most: "1000 Pieces" is no age.
                if digits.count <= 3, let value = Int(digits) { numbers.append(value) }
                digits = ""
                if numbers.count == 2 { break }
            }
        }
        guard let first = numbers.first else { return nil }
        let inMonths = text.contains("month") && !text.contains("year")
        func years(_ value: Int) -> Int { min(ShopperNeed.maximumAge, inMonths ? value / 12 : value) }
        if numbers.count == 2, numbers[0] <= numbers[1], !text.contains("+") {
            return years(numbers[0])...years(numbers[1])
        }
        if text.contains("+") || text.contains("up") || text.contains("older") || text.contains("over") {
            return years(first)...ShopperNeed.maximumAge
        }
        return years(first)...years(first)
    }
}
