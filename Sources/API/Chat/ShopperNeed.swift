/// What a need, gift or occasion message says beyond the product words: that the products
/// are a gift, for whom (an age range, a gender the catalog may write), and, once the
/// assistant has asked the index (`SearchIndex.categoryDistribution(for:)`), the categories
/// the need points at. Stored with the search plan, so follow-ups ("under $10", "show me
/// more") keep looking where the need pointed.
///
/// The words read here are English ones (recipients, ages, occasions, liking); products and
/// categories come from the catalog only.
struct ShopperNeed: Codable, Equatable {
    /// The recipient's gender as the catalog's own words may write it ("women", "men").
    enum Gender: String, Codable, Equatable {
        case women, men
    }

    /// The message asked for a gift or named an occasion ("gift", "present", "birthday").
    var isGift = false
    /// Youngest and oldest age in years the products should suit (a toddler is 1 to 3).
    var minimumAge: Int?
    var maximumAge: Int?
    var gender: Gender?
    /// Catalog words that stand for the recipient when nothing else says what they like
    /// ("baby" is a word of toy and book names; "kid" may be one of another catalog's).
    var recipientWords: [String] = []
    /// The categories the need points at, set by the assistant from the index; empty until then.
    var categories: [String] = []

    /// The need without its guessed categories, when words are left to search by (the liked
    /// thing may be sold in a department the guess missed): the first thing a search that finds
    /// nothing lets go. Nil when there is nothing to widen.
    func widened(keeping productWords: [String]) -> ShopperNeed? {
        guard !categories.isEmpty, !productWords.isEmpty else { return nil }
        var wider = self
        wider.categories = []
        return wider
    }

    /// The age range when one was said (and is one: a stored state is read back as written).
    var ages: ClosedRange<Int>? {
        guard let low = minimumAge, let high = maximumAge, 0 <= low, low <= high, high <= Self.maximumAge else { return nil }
        return low...high
    }

    /// True when the need only narrows a product search to an age ("LEGO sets", then "which
    /// are OK for an 8 year old?"): the words still name the products, not what someone likes.
    var isAgeOnly: Bool {
        ages != nil && categories.isEmpty && recipientWords.isEmpty && !isGift && gender == nil
    }

    /// "for a 8-year-old", "for a baby", "for ages 3 to 5"; nil without an age.
    var spokenAges: String? {
        guard let ages else { return nil }
        if ages.lowerBound == ages.upperBound {
            let age = ages.lowerBound
            // "an 8-year-old", "an 11-year-old", "an 18-year-old": the article of the spoken number.
            let article = age == 8 || age == 11 || age == 18 || (80...89).contains(age) ? "an" : "a"
            return age == 0 ? "for a baby" : "for \(article) \(age)-year-old"
        }
        return "for ages \(ages.lowerBound) to \(ages.upperBound)"
    }

    /// The oldest age the chat reads: older "ages" are no child's, and a number that large is
    /// more likely a price or a size.
    static let maximumAge = 120
}

/// The English words of needs and gifts (`MessageParser.takeNeed`).
enum NeedWords {
    /// Words that make a message a gift or an occasion.
    static let occasions: Set<String> = [
        "gift", "gifts", "present", "presents", "birthday", "christmas", "xmas", "anniversary", "housewarming",
        "wedding", "graduation", "occasion", "holiday", "holidays", "stocking", "stuffer", "stuffers", "surprise",
        "valentine", "valentine's", "valentines", "mother's", "father's", "gifting",
    ]

    /// Words of wanting and liking around a recipient: "someone who likes", "a coffee lover".
    static let liking: Set<String> = [
        "someone", "somebody", "anyone", "person", "people", "who", "whom", "likes", "liked", "loves", "loved", "love",
        "enjoys", "enjoy", "into", "fan", "fans", "lover", "lovers", "owner", "owners", "idea", "ideas", "obsessed",
        "crazy", "passionate", "hobby", "hobbies", "he", "she", "they", "he's", "she's", "who's", "his", "hers", "their",
        "might", "would", "should", "good", "perfect", "nice", "little", "new", "suitable", "appropriate", "turns",
        "turning", "aged", "old", "year", "years", "yr", "yrs", "yo", "our", "us", "we", "i'd", "addict", "nut", "buff",
        "going", "next", "weekend", "week", "trip", "bring", "take", "planning", "plan", "soon", "tomorrow", "everything",
        "suggestions", "suggest", "recommend", "what", "should", "i'm", "im",
        // "I'm starting to run", "taking up yoga", "going camping next month".
        "starting", "start", "begin", "beginning", "getting", "taking", "learning", "trying", "month", "summer", "winter",
        "spring", "fall", "today", "tonight", "later", "year's", "up",
    ]

    /// A recipient word, with what it says about the person.
    struct Recipient {
        var ages: ClosedRange<Int>?
        var gender: ShopperNeed.Gender?
    }

    static let recipients: [String: Recipient] = {
        var table: [String: Recipient] = [:]
        for word in ["wife", "mom", "mum", "mother", "mommy", "girlfriend", "sister", "grandma", "grandmother", "granny",
                     "aunt", "auntie", "woman", "lady", "women", "ladies", "fiancee", "stepmom", "her"] {
            table[word] = Recipient(gender: .women)
        }
        for word in ["husband", "dad", "father", "daddy", "boyfriend", "brother", "grandpa", "grandfather", "granddad",
                     "uncle", "man", "guy", "men", "guys", "fiance", "stepdad", "gentleman", "him"] {
            table[word] = Recipient(gender: .men)
        }
        for word in ["friend", "friends", "boss", "coworker", "co-worker", "colleague", "teacher", "neighbor", "neighbour",
                     "partner", "spouse", "parents", "grandparents", "son", "daughter", "nephew", "niece", "cousin",
                     "grandson", "granddaughter", "host", "hostess", "roommate", "family", "bestie", "in-laws"] {
            table[word] = Recipient()
        }
        for word in ["baby", "babies", "infant", "newborn"] { table[word] = Recipient(ages: 0...1) }
        for word in ["toddler", "toddlers"] { table[word] = Recipient(ages: 1...3) }
        for word in ["kid", "kids", "child", "children", "boy", "girl", "boys", "girls", "preschooler"] { table[word] = Recipient(ages: 3...12) }
        for word in ["tween", "tweens"] { table[word] = Recipient(ages: 9...12) }
        for word in ["teen", "teens", "teenager", "teenagers", "teenage", "adolescent"] { table[word] = Recipient(ages: 13...17) }
        return table
    }()

    /// Nouns for a person who does something, and the activity's forms a catalog writes
    /// ("runner" -> "run", as "running" stems; "hiker" -> "hike"; "cyclist" -> "cycl").
    /// English derivation only: the caller keeps a form the catalog has.
    static func relatedForms(of word: String) -> [String] {
        var forms: [String] = []
        for suffix in ["ers", "er", "ists", "ist", "ians", "ian"] where word.count > suffix.count + 2 && word.hasSuffix(suffix) {
            let stem = String(word.dropLast(suffix.count))
            forms.append(stem)
            forms.append(stem + "e")
            // "runner" -> "runn" -> "run": a doubled final consonant is undone.
            if let last = stem.last, stem.dropLast().last == last, !"aeiou".contains(last) { forms.append(String(stem.dropLast())) }
            break
        }
        return forms
    }
}
