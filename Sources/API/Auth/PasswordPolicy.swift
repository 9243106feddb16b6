/// What a new password must be, for sign-up, `uplyft user add` and `uplyft user passwd`,
/// after Django's default validators (the reference the issue names; the rules and
/// thresholds are the same ideas, written anew):
///
/// | code | rule |
/// |---|---|
/// | `password_blank` | not empty or only whitespace |
/// | `password_too_long` | at most `maximumBytes` bytes of UTF-8 (bounds the hashing input) |
/// | `password_too_short` | at least `minimumLength` characters (Django's MinimumLengthValidator: 8) |
/// | `password_entirely_numeric` | not only digits (NumericPasswordValidator) |
/// | `password_too_similar` | not the username, nor similar to it or to one of its `.`/`-`/`_` parts: a Ratcliff-Obershelp similarity (Python's `difflib.SequenceMatcher.ratio`) of `maximumSimilarity` or more, case-insensitively (UserAttributeSimilarityValidator's 0.7) |
/// | `password_too_common` | not one of a short hand-written list of the most notorious passwords, even with digits or symbols added around it or common letter swaps (`p@ssw0rd`); not one character repeated, a short pattern repeated (`abcabcabc`), or a run along the alphabet, the digits or a keyboard row or column (`qwertyui`, `87654321`, `1qaz2wsx`) |
///
/// The list is deliberately short and written for uplyft, not a breach corpus (Django ships
/// 20,000 leaked passwords): it catches the famous few and the keyboard patterns, not every
/// weak password.
public enum PasswordPolicy {
    static let minimumLength = 8
    static let maximumBytes = 1024
    static let maximumSimilarity = 0.7

    /// A broken rule: its stable code (the table above) and a message for people.
    public struct Violation: Error, Equatable, Sendable {
        public let code: String
        public let message: String
    }

    /// The first rule `password` breaks for an account named `username`, or nil.
    public static func violation(of password: String, username: String) -> Violation? {
        if password.allSatisfy(\.isWhitespace) {
            return Violation(code: "password_blank", message: "The password cannot be blank or only spaces.")
        }
        if password.utf8.count > maximumBytes {
            return Violation(code: "password_too_long", message: "The password is too long: at most \(maximumBytes) bytes.")
        }
        if password.count < minimumLength {
            return Violation(code: "password_too_short", message: "The password is too short: use at least \(minimumLength) characters.")
        }
        if password.allSatisfy(\.isNumber) {
            return Violation(code: "password_entirely_numeric", message: "The password cannot be only digits: add letters or symbols.")
        }
        if isTooSimilar(password, to: username) {
            return Violation(code: "password_too_similar", message: "The password is too similar to the username.")
        }
        if isTooCommon(password) {
            return Violation(code: "password_too_common",
                             message: "The password is too common or too simple to guess (a well-known password, a keyboard run or a repeated pattern).")
        }
        return nil
    }

    /// Whether `password` matches the username, or one of its parts, with a similarity of
    /// `maximumSimilarity` or more.
    static func isTooSimilar(_ password: String, to username: String) -> Bool {
        let candidate = Array(password.lowercased().unicodeScalars)
        let name = username.lowercased()
        let parts = [name] + name.split(whereSeparator: { ".-_".contains($0) }).map(String.init)
        return parts.contains { part in
            let other = Array(part.unicodeScalars)
            guard !other.isEmpty else { return false }
            return similarity(candidate, other) >= maximumSimilarity
        }
    }

    /// Ratcliff-Obershelp ("gestalt pattern matching") similarity, as Python's
    /// `SequenceMatcher.ratio()` without its junk heuristics: 2 x matched / total length,
    /// where matched counts the longest common substring and, recursively, the matches on
    /// either side of it. 1.0 for equal sequences, 0.0 for nothing in common.
    static func similarity(_ left: [Unicode.Scalar], _ right: [Unicode.Scalar]) -> Double {
        let total = left.count + right.count
        guard total > 0 else { return 1 }
        return 2 * Double(matchedCount(left[...], right[...])) / Double(total)
    }

    private static func matchedCount(_ left: ArraySlice<Unicode.Scalar>, _ right: ArraySlice<Unicode.Scalar>) -> Int {
        guard !left.isEmpty, !right.isEmpty else { return 0 }
        // Longest common substring by dynamic programming over one row (inputs are at most
        // 1 KiB against a 32-character name, so at most ~33k cells).
        var previous = [Int](repeating: 0, count: right.count + 1)
        var best = (length: 0, leftEnd: left.startIndex, rightEnd: right.startIndex)
        for (i, leftScalar) in zip(left.indices, left) {
            var current = [Int](repeating: 0, count: right.count + 1)
            for (j, rightScalar) in right.enumerated() where leftScalar == rightScalar {
                current[j + 1] = previous[j] + 1
                if current[j + 1] > best.length {
                    best = (current[j + 1], i + 1, right.startIndex + j + 1)
                }
            }
            previous = current
        }
        guard best.length > 0 else { return 0 }
        let leftStart = best.leftEnd - best.length, rightStart = best.rightEnd - best.length
        return best.length
            + matchedCount(left[left.startIndex..<leftStart], right[right.startIndex..<rightStart])
            + matchedCount(left[best.leftEnd...], right[best.rightEnd...])
    }

    /// Whether `password` is on the notorious list (after dropping digits and symbols around
    /// it and undoing common letter swaps) or is a trivial pattern.
    static func isTooCommon(_ password: String) -> Bool {
        let lowered = password.lowercased()
        // "Password123!", "!!password": the word inside the digits and symbols around it.
        let core = String(String(lowered.drop { !$0.isLetter }.reversed()).drop { !$0.isLetter }.reversed())
        let unswapped = String(core.map { swaps[$0] ?? $0 })
        if notorious.contains(lowered) || notorious.contains(core) || notorious.contains(unswapped) { return true }
        return isTrivialPattern(Array(lowered))
    }

    /// One character or a unit of up to three repeated, or a run along a known sequence
    /// (either direction).
    static func isTrivialPattern(_ characters: [Character]) -> Bool {
        for unit in 1...3 where characters.count >= 2 * unit {
            if characters.indices.allSatisfy({ characters[$0] == characters[$0 % unit] }) { return true }
        }
        let text = String(characters)
        return sequences.contains { $0.contains(text) || String($0.reversed()).contains(text) }
    }

    private static let swaps: [Character: Character] = ["@": "a", "4": "a", "0": "o", "3": "e", "$": "s", "5": "s", "1": "i", "!": "i", "7": "t"]

    private static let sequences = [
        "abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "azertyuiop",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "qazwsxedcrfvtgbyhnujmikolp", "zaq12wsxcde34rfvbgt56yhnmju78ik,.lo90p",
    ]

    /// Hand-picked: words and phrases that every published list of most-used passwords puts
    /// near the top, plus this shop's own name.
    private static let notorious: Set<String> = [
        "password", "passwords", "passwort", "pass", "passpass", "qwerty", "qwertyuiop", "asdfgh", "asdfghjkl", "zxcvbnm",
        "abc", "abcd", "abcdef", "abcdefg", "abcdefgh", "letmein", "letmeinnow", "welcome", "welcomeback", "iloveyou",
        "iloveu", "loveyou", "lovely", "loveme", "admin", "administrator", "root", "login", "master", "monkey", "dragon",
        "shadow", "sunshine", "princess", "football", "baseball", "basketball", "soccer", "hockey", "superman", "batman",
        "spiderman", "starwars", "pokemon", "trustno", "trustnoi", "whatever", "freedom", "secret", "topsecret", "changeme",
        "default", "guest", "test", "tester", "testing", "hello", "helloworld", "michael", "jennifer", "jordan", "charlie",
        "thomas", "hunter", "ranger", "buster", "tigger", "pepper", "ginger", "cookie", "cheese", "summer", "winter",
        "spring", "autumn", "computer", "internet", "mustang", "harley", "corvette", "ferrari", "killer", "matrix",
        "access", "flower", "babygirl", "angel", "jesus", "blessed", "family", "forever", "michelle", "jessica", "ashley",
        "daniel", "andrew", "joshua", "robert", "matthew", "liverpool", "chelsea", "arsenal", "yankees", "cowboys",
        "iloveyouforever", "qwerty", "qazwsx", "zaqwsx", "passw", "letitbe", "blahblah", "nothing", "unknown", "anything",
        "shopping", "shopper", "uplyft", "uplift", "myshop", "onlineshop",
    ]
}
