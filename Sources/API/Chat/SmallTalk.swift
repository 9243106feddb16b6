import Foundation

/// Messages that are conversation, not requests: "how are you?", "ok", "bye", "who are you",
/// and the short answers "yes" and "no", which mean what the last question made them mean
/// (`ConversationState.Asked`). Words of the language only: no catalog word is small talk,
/// and a message with any other word in it ("ok, show me laptops") is not small talk.
enum SmallTalk: String, Codable, Equatable {
    /// "how are you?", "what's up": answered as a greeting.
    case wellbeing
    /// "ok", "cool", "got it".
    case acknowledgement
    /// "you're very helpful", "good job": thanked for.
    case compliment
    /// "bye", "see you later", "that's all".
    case farewell
    /// "who are you", "are you a bot?".
    case identity
    /// "let me think about it", "not sure", "hold on": the shopper takes time; no offer is
    /// taken up and nothing is searched.
    case hesitation
    /// "lol", "haha".
    case laughter
    case yes
    case no
    /// "great, thanks!", "that's all, thanks": small talk with a thank-you in it.
    case thanks

    /// Whole messages of each kind, as their tokens joined by spaces, after `softWords` are
    /// dropped ("hey, how's it going today?" is "how's it going").
    private static let messages: [SmallTalk: Set<String>] = [
        .wellbeing: ["how are you", "how are you doing", "how are u", "how r u", "how's it going", "hows it going", "how is it going",
                     "what's up", "whats up", "sup", "how do you do", "how have you been", "how's your day", "how is your day",
                     "how are things", "how's everything", "you ok", "are you ok", "are you well"],
        .acknowledgement: ["ok", "okay", "k", "kk", "cool", "nice", "great", "alright", "all right", "got it", "i see", "sounds good",
                           "fine", "good", "perfect", "awesome", "understood", "noted", "fair enough", "makes sense", "neat",
                           "interesting", "wow", "ok cool", "okay cool", "cool cool", "very nice", "good to know", "i understand",
                           "lovely", "excellent", "ok great", "okay great", "great stuff", "oh ok", "ah ok", "right",
                           "that's great", "thats great", "love it"],
        .compliment: ["you're helpful", "you are helpful", "you're great", "you are great", "you're awesome", "good job", "well done",
                      "nice job", "you rock", "that's helpful", "very helpful", "helpful", "you've been helpful", "you have been helpful",
                      "that was helpful", "this is helpful", "you're the best", "youre helpful", "you're smart", "you're a star",
                      "you're amazing", "great job", "you're so helpful", "you're really helpful", "you've been great"],
        .hesitation: ["let me think", "let me think about it", "i'll think about it", "ill think about it", "i will think about it",
                      "i need to think about it", "i'll have a think", "maybe", "not sure", "i'm not sure", "im not sure",
                      "i don't know", "i dont know", "dunno", "idk", "we'll see", "hm", "wait", "hold on", "one moment",
                      "one sec", "just a sec", "give me a minute", "let me see", "i'm thinking", "im thinking", "thinking"],
        .laughter: ["lol", "haha", "hahaha", "heh", "hehe", "lmao", "ha", "ha ha", "rofl"],
        .farewell: ["bye", "goodbye", "good bye", "bye bye", "see you", "see ya", "see you later", "see you soon", "later",
                    "good night", "goodnight", "that's all", "thats all", "that is all", "i'm done", "im done", "i am done",
                    "that's it", "thats it", "take care", "cya", "have a nice day", "have a good day", "talk later", "ciao",
                    "bye for now", "bye now", "gotta go", "got to go", "i have to go", "i've got to go", "talk to you later", "ttyl",
                    "i'll come back later", "i'll be back", "ill be back", "catch you later", "that's everything", "thats everything"],
        .identity: ["who are you", "what are you", "what's your name", "whats your name", "what is your name", "are you a bot",
                    "are you human", "are you a human", "are you a robot", "are you real", "are you a person", "are you ai",
                    "are you an ai", "who are u", "who r u", "what r u", "who am i talking to", "who is this", "what is this", "are you a real person", "your name"],
        .yes: ["yes", "yeah", "yep", "yup", "ya", "sure", "ok sure", "okay sure", "yes please", "please", "please do", "go ahead",
               "do it", "of course", "absolutely", "definitely", "why not", "yes sure", "sure thing", "yes i do", "i do",
               "yes show me", "show me", "go on", "let's see", "lets see", "let's do it", "y"],
        .no: ["no", "nope", "nah", "no thanks", "no thank you", "not really", "not now", "i'm good", "im good", "i'm fine",
              "im fine", "no need", "no i'm good", "no im good", "nothing", "nothing else", "no that's all", "no thats all",
              "not at the moment", "no way", "n", "i don't", "no i don't", "not today", "i'm well", "im well", "i am fine",
              "i am good", "all good", "i'm ok", "im ok", "not yet", "not just yet", "not right now", "maybe later", "later maybe",
              "no not yet", "not for now", "no not now", "not so fast"],
    ]

    /// Interjections and softeners around small talk that do not change it.
    private static let softWords: Set<String> = ["hi", "hello", "hey", "there", "oh", "ah", "well", "um", "hmm", "so", "then",
                                                 "today", "again", "mate", "buddy", "friend", "bot", "assistant", "very", "super", "truly", "soo", "sooo"]

    /// Words that can open small talk without changing what it is ("ok, bye").
    private static let leadingWords: Set<String> = ["ok", "okay", "alright", "cool", "great", "right", "sure", "no", "nope", "nah",
                                                    "yes", "yeah", "fine", "good", "perfect", "awesome"]

    private static let thanksWords: Set<String> = ["thanks", "thank", "thx", "ty", "cheers"]

    /// The kind of small talk `tokens` are, or nil when they hold a request.
    static func kind(of tokens: [String]) -> SmallTalk? {
        // "are you a bot": there the soft word is the question.
        if messages[.identity]?.contains(tokens.joined(separator: " ")) == true { return .identity }
        var words = tokens.filter { !softWords.contains($0) }
        // "hi there" is a greeting, which the parser reads.
        guard !words.isEmpty else { return nil }
        let phrase = words.joined(separator: " ")
        for kind in [SmallTalk.no, .yes, .wellbeing, .identity, .farewell, .acknowledgement, .compliment, .hesitation, .laughter] where messages[kind]?.contains(phrase) == true {
            return kind
        }
        // "ok bye", "nope, that's all", "cool, who are you?": a leading answer word before
        // small talk; the rest says what the message is.
        if words.count > 1, leadingWords.contains(words[0]), let rest = kind(of: Array(words.dropFirst())), rest != .thanks || words.count > 2 {
            return rest
        }
        // "great, thanks!", "ok thank you", "that's all, thanks": a thank-you around small talk.
        guard words.contains(where: thanksWords.contains) else { return nil }
        words.removeAll { thanksWords.contains($0) || ["you", "so", "much", "a", "lot", "very"].contains($0) }
        let rest = words.joined(separator: " ")
        guard rest.isEmpty || [SmallTalk.acknowledgement, .compliment, .farewell, .yes, .no, .wellbeing].contains(where: { messages[$0]?.contains(rest) == true }) else {
            return nil
        }
        return .thanks
    }
}
