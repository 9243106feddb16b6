import Foundation

/// Messages holding two requests: "add the first to my cart and show me phone cases", "show
/// my cart then checkout", "show me jackets and sort by price". Each is answered in order, as
/// if sent one after the other (issue 14: the second half was dropped).
///
/// A message is split only where a joining word ("and", "then", "and then", "after that") is
/// followed by a request of its own, one opening with a command ("show", "add", "remove",
/// "checkout", "sort", ...): "black and white sneakers" and "add the first one and the second
/// one" stay one request each.
extension MessageParser {
    /// Words that join two requests.
    static let requestJoiners: [[String]] = [["and", "then"], ["after", "that"], ["and"], ["then"], ["also"]]

    /// Words a request of its own opens with.
    static let commandOpeners: Set<String> = [
        "show", "find", "search", "look", "add", "put", "remove", "delete", "take", "compare", "tell", "checkout", "check",
        "give", "empty", "clear", "sort", "place", "open", "view", "get", "buy", "order", "list", "what's", "whats",
        "i'll", "ill", "let's", "lets", "can", "could", "please",
    ]

    /// The longest run of requests in `message`, each as tokens joined by spaces (the
    /// parser reads them back as the same tokens); the message alone when it holds one.
    /// At most `maximumRequests`: a longer chain is read as one, not answered in parts.
    static func requests(in message: String) -> [String] {
        let tokens = tokens(of: message)
        var requests: [[String]] = []
        var current: [String] = []
        var index = 0
        while index < tokens.count {
            if !current.isEmpty, let joiner = requestJoiners.first(where: { joiner in
                index + joiner.count < tokens.count && Array(tokens[index..<(index + joiner.count)]) == joiner
                    && commandOpeners.contains(tokens[index + joiner.count])
            }) {
                requests.append(current)
                current = []
                index += joiner.count
                continue
            }
            current.append(tokens[index])
            index += 1
        }
        if !current.isEmpty { requests.append(current) }
        guard requests.count > 1, requests.count <= maximumRequests else { return [message] }
        return requests.map { $0.joined(separator: " ") }
    }

    /// Requests answered from one message; one answer each, in one reply.
    static let maximumRequests = 3
}
