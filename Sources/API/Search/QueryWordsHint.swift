import Analysis
import Query

/// "Did you mean" words for a query that found nothing: the closest catalog words, for the
/// search endpoint and the chat alike. Each word the search looked for (`QueryWords`, so
/// "wh-1000xm6" is the one word "wh1000xm6" here as in the search, and "levi's" keeps its
/// apostrophe) of three or more characters gets its two closest catalog words (`SearchIndex.suggestions`); at most four in
/// all, in the query's order, without repeats.
public enum QueryWordsHint {
    public static func suggestions(for query: String, index: SearchIndex) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for word in QueryWords.parse(query).map(\.surfaceText) where word.count >= 3 {
            for suggestion in index.suggestions(for: word, limit: 2) where seen.insert(suggestion).inserted {
                result.append(suggestion)
            }
        }
        return Array(result.prefix(4))
    }
}
