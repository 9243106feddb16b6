/// English function words that carry no product meaning ("the", "for", "with").
///
/// They are still indexed, so a query made only of them still matches, but the query engine
/// treats them as optional: they neither decide which products match nor dominate the score.
/// The list is the common core of the Snowball and Lucene English lists, kept short on purpose:
/// words like "over", "off", "top" or "up" name product features in a shop and stay meaningful.
///
/// Only function words belong here: they change ranking for every client of the search API.
/// The phrasing of a chat request ("please", "show", "find", "can", "want") is the chat's
/// business (`MessageParser.fillerWords`), and in a search box such words are product words:
/// "show" finds the "Show Stopper" board game, "can" a watering can.
public enum StopWords {
    public static func contains(_ word: some Collection<UInt8>) -> Bool {
        guard word.count <= longestWordLength else { return false }
        return words.contains(Array(word))
    }

    public static func contains(_ word: String) -> Bool {
        contains(Array(word.utf8))
    }

    private static let list: [String] = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "i", "if", "in",
        "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "so", "some",
        "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
        "those", "to", "was", "we", "were", "what", "which", "who", "will", "with", "you", "your",
        "any", "do", "does", "have", "has", "how",
    ]

    private static let words: Set<[UInt8]> = Set(list.map { Array($0.utf8) })
    private static let longestWordLength = list.map(\.utf8.count).max() ?? 0
}
