/// Shared word lists of the generated catalog: categories, colours, sizes, names, and the
/// words that fill template slots such as `{titleNoun}`.
///
/// Brands and product kinds per category live with the kinds (`ProductKindTable+*.swift`).
enum CatalogVocabulary {
    /// The shop's departments, in the order the generator indexes them.
    static let categories = [
        "Electronics", "Books", "Clothing", "Shoes", "Home & Kitchen", "Sports & Outdoors",
        "Beauty", "Toys & Games", "Grocery", "Office Supplies", "Pet Supplies", "Garden & Outdoor",
    ]

    static let deviceColors = [
        "Black", "White", "Silver", "Space Gray", "Midnight Blue", "Graphite", "Rose Gold",
        "Sage Green", "Navy", "Champagne",
    ]

    static let apparelColors = [
        "Black", "White", "Heather Gray", "Navy", "Olive", "Burgundy", "Khaki", "Charcoal",
        "Royal Blue", "Forest Green", "Red", "Dusty Pink", "Cream", "Brown",
    ]

    static let homeColors = [
        "Empire Red", "Matte Black", "Stainless Steel", "White", "Pistachio", "Cobalt Blue",
        "Onyx", "Sage", "Almond Cream", "Charcoal Gray",
    ]

    static let clothingSizes = ["XS", "S", "M", "L", "XL", "XXL"]

    static let shoeSizes = [
        "5", "5.5", "6", "6.5", "7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "11.5", "12", "13",
    ]

    static let audiences = ["Men's", "Women's", "Unisex"]

    static let firstNames = [
        "Elena", "James", "Maya", "Daniel", "Priya", "Thomas", "Sofia", "Marcus", "Hannah", "Oliver",
        "Amara", "Lucas", "Grace", "Mateo", "Chloe", "Samuel", "Naomi", "Henry", "Ingrid", "Kenji",
        "Fatima", "Julian", "Rosa", "Arthur",
    ]

    static let lastNames = [
        "Marsh", "Whitaker", "Okafor", "Lindqvist", "Brennan", "Castillo", "Hargrove", "Nakamura",
        "Sutherland", "Delacroix", "Moreau", "Ashford", "Patel", "Kowalski", "Reyes", "Fairbanks",
        "Holloway", "Vance", "Abernathy", "Calloway", "Ferreira", "Lindgren", "Osei", "Thornton",
    ]

    /// Lists usable as `{name}` slots in any template.
    static let wordLists: [String: [String]] = [
        "titleAdjective": [
            "Silent", "Hidden", "Last", "Golden", "Broken", "Midnight", "Forgotten", "Burning", "Quiet",
            "Wild", "Secret", "Distant", "Crimson", "Endless", "Lost", "Winter", "Paper", "Glass",
        ],
        "titleNoun": [
            "Harbor", "Garden", "River", "Kingdom", "Letter", "Orchard", "Lighthouse", "Promise", "Shadow",
            "Daughter", "Map", "Island", "Bridge", "Empire", "Orbit", "Station", "Archive", "Tide", "Crown",
        ],
        "cuisine": [
            "Italian", "Mediterranean", "Weeknight", "Vegetarian", "Vegan", "Mexican", "Japanese",
            "Plant-Based", "Slow Cooker", "Air Fryer", "Sheet Pan", "One-Pot", "Baking", "Grilling",
        ],
        "animal": ["Bear", "Fox", "Owl", "Rabbit", "Dragon", "Dinosaur", "Penguin", "Kitten", "Giraffe", "Whale"],
        "topic": [
            "Habits", "Focus", "Money", "Leadership", "Sleep", "Creativity", "Mindfulness", "Negotiation",
            "Confidence", "Productivity", "Resilience",
        ],
        "scienceTopic": [
            "Universe", "Brain", "Ocean", "Climate", "Genome", "Quantum World", "Microbes", "Stars", "Forests",
        ],
        "number": ["3", "5", "7", "10", "12", "21", "30", "50", "100"],
        "plantName": ["Tomato", "Basil", "Lavender", "Sunflower", "Zinnia", "Pepper", "Cucumber", "Marigold"],
    ]

    /// Sentences that fit any product of a category; the generator may add one to a description.
    static let categorySentences: [String: [String]] = [
        "Electronics": [
            "Backed by a 1-year limited warranty from {brand}.",
            "Ships with a quick-start guide and everything needed to set it up in minutes.",
            "Firmware updates keep the {type} current with new features.",
        ],
        "Books": [
            "A great pick for book clubs and gift-giving.",
            "Printed on acid-free paper that resists yellowing.",
        ],
        "Clothing": [
            "Machine wash cold and tumble dry low.",
            "See the size chart for the best fit; this style runs true to size.",
        ],
        "Shoes": [
            "Free exchanges on sizes within 30 days.",
            "Fits true to size; half sizes available.",
        ],
        "Home & Kitchen": [
            "Dishwasher-safe parts make cleanup easy.",
            "Backed by a limited warranty from {brand}.",
        ],
        "Sports & Outdoors": [
            "Built to handle training sessions, weekend trips and everything in between.",
            "Tested in the field by {brand} athletes and guides.",
        ],
        "Beauty": [
            "Dermatologist tested and cruelty-free.",
            "Free of parabens and phthalates.",
        ],
        "Toys & Games": [
            "Meets or exceeds US toy safety standards.",
            "A great gift for birthdays and holidays.",
        ],
        "Grocery": [
            "Store in a cool, dry place and reseal after opening.",
            "Produced in a facility that also processes tree nuts, milk and wheat.",
        ],
        "Office Supplies": [
            "A dependable choice for home offices, classrooms and busy workplaces.",
            "Bulk pricing available for teams and schools.",
        ],
        "Pet Supplies": [
            "Always supervise your pet with new products.",
            "Recommended by veterinarians and loved by pets.",
        ],
        "Garden & Outdoor": [
            "Built to withstand sun, rain and frost season after season.",
            "Backed by a limited warranty from {brand}.",
        ],
    ]

    /// Syllables of synthetic brand and surname words ("Velotrax", "Kozamis"). Each is
    /// consonants then vowels and every ending is consonants only, so a word splits back into
    /// its syllables one way only: distinct syllable sequences spell distinct words.
    static let syllables = [
        "ka", "lo", "mi", "ve", "tra", "zo", "ni", "do", "ba", "qui", "se", "va", "ma", "tio", "lu", "fe",
        "ga", "bri", "co", "de", "fio", "gra", "ha", "ju", "ko", "le", "mo", "no", "pa", "ro", "sta", "te",
        "vo", "we", "xa", "yo", "ze", "pri", "so", "ta", "vi", "be", "ca", "ru", "dra", "pho", "cle", "su",
    ]

    static let syllableEndings = ["", "n", "x", "s", "r", "l", "m", "nd"]
}
