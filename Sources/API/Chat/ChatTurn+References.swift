import Foundation
import Query
import Store

/// Which products a message points at, and the answers to positions and quantities that
/// cannot be acted on. Acting on some other product or number instead ("add #0" adding the
/// product in focus, issue 11) is the one thing a turn never does: it says what is wrong.
extension ChatTurn {
    /// The product ids a message points at: positions in the last list, then a brand, words
    /// of a name or a colour among the listed products, then "it". The product in focus
    /// stands in only for a message that names nothing else ("add it", "add to my cart"):
    /// "add the sony" when no Sony is listed points at nothing.
    func referencedIDs(_ understanding: MessageUnderstanding) throws(ChatFailure) -> [String] {
        var ids: [String] = []
        for position in understanding.ordinals {
            let offset = position == -1 ? state.listed.count - 1 : position - 1
            if state.listed.indices.contains(offset) { ids.append(state.listed[offset]) }
        }
        // Listed products the index no longer holds match no brand, name or colour.
        let needsProducts = ids.isEmpty && (understanding.brand != nil || !understanding.productWords.isEmpty || !understanding.colors.isEmpty)
        let listed = needsProducts ? try products(ids: state.listed) : []
        if ids.isEmpty, let brand = understanding.brand {
            ids = listed.filter { $0.brand == brand }.map(\.id)
        }
        if ids.isEmpty, !understanding.productWords.isEmpty {
            // "the Sony", "the red one": listed products whose name has the words.
            ids = listed.filter { product in
                let name = product.name.lowercased()
                return understanding.productWords.allSatisfy { name.contains($0) }
            }.map(\.id)
        }
        if ids.isEmpty, !understanding.colors.isEmpty {
            ids = listed.filter { product in
                understanding.colors.contains { product.name.lowercased().contains($0.lowercased()) }
            }.map(\.id)
        }
        let namesNothing = understanding.ordinals.isEmpty && understanding.brand == nil && understanding.productWords.isEmpty
            && understanding.colors.isEmpty
        if ids.isEmpty, understanding.refersToFocus || namesNothing {
            if let focus = state.focus { ids = [focus] } else if state.listed.count == 1 { ids = state.listed }
        }
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }

    /// The products behind `referencedIDs` that the index still has.
    func referencedProducts(_ understanding: MessageUnderstanding) throws(ChatFailure) -> [StoredProduct] {
        try products(ids: referencedIDs(understanding))
    }

    /// The answer to a position that is in no list ("#0", "#-1", "#99999999999999999999") or
    /// past the last list shown ("#7" of 4); nil when every position is in it. Positions are
    /// answered before anything else, so that nothing happens to another product.
    func missingPositionAnswer(_ understanding: MessageUnderstanding) -> ChatAnswer? {
        let count = state.listed.count
        // An empty list has its own answers ("find a product first"), except for positions no
        // list has.
        let pastTheList = count == 0 ? nil : understanding.ordinals.first { $0 > count }.map(String.init)
        guard let missing = understanding.unusablePositions.first ?? pastTheList else { return nil }
        let written = "#" + ChatWording.quoted(missing)
        guard count > 0 else {
            return reply("I haven't shown you any products yet, so there is no \(written). Tell me what you are looking for first.",
                         intent: understanding.intent, suggestions: starterSuggestions())
        }
        let range = count == 1 ? "Say \"#1\" or \"it\"." : "Say a number from #1 to #\(count)."
        return reply("I showed \(ChatWording.count(count, "product")), so there is no \(written). \(range)", intent: understanding.intent,
                     suggestions: count == 1 ? ["tell me about it", "show my cart"] : ["tell me about the first one", "compare the first two"])
    }

    /// The answer to a quantity the cart cannot take; `verb` is "add" or "remove". Nothing is
    /// added or removed: a quantity is never replaced by one that fits.
    func unusableQuantityAnswer(_ quantity: MessageUnderstanding.UnusableQuantity, verb: String,
                                intent: MessageUnderstanding.Intent) -> ChatAnswer {
        let limit = CartStore.maximumQuantity
        let written = ChatWording.quoted(quantity.text)
        let done = verb == "add" ? "nothing was added" : "nothing was removed"
        let text = switch quantity.reason {
        case .tooMany: "I can \(verb) at most \(limit) of one product, not \(written), so \(done). A cart holds up to \(limit) of each product."
        case .tooFew: "I can \(verb) 1 to \(limit) of a product, not \(written), so \(done)."
        case .notWhole: "I can \(verb) only whole numbers of a product, from 1 to \(limit), not \(written), so \(done)."
        case .several: "I can \(verb) one quantity per message, and this one has \(written), so \(done). Say \"\(verb) 2 of the first one\", then the next."
        }
        return reply(text, intent: intent, suggestions: ["\(verb) 1 of it", "show my cart"])
    }
}
