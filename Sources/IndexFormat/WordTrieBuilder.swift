/// Writes the WORDS section (FORMAT.md, "WORDS"): a byte-wise trie of the catalog's words.
///
/// Words must arrive in strictly increasing unsigned byte order. The trie is then written in
/// post-order while the words stream in: once the next word leaves a branch, every node of
/// that branch is final and is written at once, children before their parent, so a parent
/// refers to its children by how far back they are. Only the nodes on the path of the last
/// word (with the edges to their finished children) are held in memory, never the whole trie:
/// building stays small for millions of words.
///
/// A chain of nodes that neither end a word nor branch is not written: its bytes become the
/// tail of the edge that leads past it (path compression), which roughly halves the size of a
/// vocabulary of product words.
public struct WordTrieBuilder {
    /// A node on the path of the last word added, still open to more children.
    private struct OpenNode {
        /// The byte on the edge from the parent (unused for the root).
        var label: UInt8
        var word: (value: UInt32, weight: UInt32)?
        /// Finished children, in increasing label order because words arrive sorted.
        var edges: [FinishedEdge] = []
    }

    /// An edge to a node already written (or to a chain that collapsed onto one).
    private struct FinishedEdge {
        var label: UInt8
        var tail: [UInt8]
        var childOffset: Int
        var subtreeMaxWeight: UInt32
    }

    private var writer = ByteWriter()
    /// `openPath[d]` is the node reached by the first d bytes of the last word; `[0]` is the root.
    private var openPath: [OpenNode] = [OpenNode(label: 0)]
    private var previousWord: [UInt8] = []
    private var wordCount = 0
    private var nodeCount = 0
    private var maxWordLength = 0

    public init() {
        writer.writeUInt32(0)  // word count, patched by finish()
        writer.writeUInt32(0)  // root offset
        writer.writeUInt32(0)  // node count
        writer.writeUInt32(0)  // longest word
    }

    /// Adds the next word; `value` is its term ordinal and `weight` its product count.
    public mutating func add(word: [UInt8], value: UInt32, weight: UInt32) throws(WordTrieBuildError) {
        guard !word.isEmpty else { throw .emptyWord }
        let shared = sharedPrefixLength(previousWord, word)
        // Equal, or a prefix of the previous word, or smaller at the first difference.
        if wordCount > 0, shared == word.count || (shared < previousWord.count && word[shared] < previousWord[shared]) {
            throw .outOfOrder(previous: previousWord, word: word)
        }
        // Node offsets are u32 in the format; refuse before one would not fit.
        guard writer.count < Int(UInt32.max) - 1 << 20 else { throw .trieTooLarge(bytes: writer.count) }

        while openPath.count - 1 > shared { closeDeepestNode() }
        for byte in word[shared...] { openPath.append(OpenNode(label: byte)) }
        openPath[openPath.count - 1].word = (value, weight)

        previousWord = word
        wordCount += 1
        maxWordLength = max(maxWordLength, word.count)
    }

    /// The serialized section. The builder is consumed: no word can follow the root.
    public consuming func finish() -> [UInt8] {
        while openPath.count > 1 { closeDeepestNode() }
        let root = openPath[0]
        let rootOffset = writeNode(word: root.word, edges: root.edges).offset
        writer.patchUInt32(UInt32(wordCount), at: 0)
        writer.patchUInt32(UInt32(rootOffset), at: 4)
        writer.patchUInt32(UInt32(nodeCount), at: 8)
        writer.patchUInt32(UInt32(maxWordLength), at: 12)
        return writer.bytes
    }

    /// Pops the deepest open node, writes it unless it only continues a chain, and hands the
    /// edge to it to its parent.
    private mutating func closeDeepestNode() {
        let node = openPath.removeLast()
        let edge: FinishedEdge
        if node.word == nil, node.edges.count == 1 {
            let only = node.edges[0]
            edge = FinishedEdge(label: node.label, tail: [only.label] + only.tail, childOffset: only.childOffset, subtreeMaxWeight: only.subtreeMaxWeight)
        } else {
            let written = writeNode(word: node.word, edges: node.edges)
            edge = FinishedEdge(label: node.label, tail: [], childOffset: written.offset, subtreeMaxWeight: written.subtreeMaxWeight)
        }
        openPath[openPath.count - 1].edges.append(edge)
    }

    private mutating func writeNode(word: (value: UInt32, weight: UInt32)?, edges: [FinishedEdge]) -> (offset: Int, subtreeMaxWeight: UInt32) {
        let offset = writer.count
        let ownWeight = word?.weight ?? 0
        let subtreeMaxWeight = edges.reduce(ownWeight) { max($0, $1.subtreeMaxWeight) }
        var flags: UInt8 = 0
        if word != nil { flags |= WordTrieLayout.endsWordFlag }
        if word != nil, subtreeMaxWeight == ownWeight { flags |= WordTrieLayout.maxIsOwnWeightFlag }
        if !edges.isEmpty { flags |= WordTrieLayout.hasChildrenFlag }

        writer.writeUInt8(flags)
        if flags & WordTrieLayout.maxIsOwnWeightFlag == 0 { writer.writeVarUInt(UInt64(subtreeMaxWeight)) }
        if let word {
            writer.writeVarUInt(UInt64(word.value))
            writer.writeVarUInt(UInt64(word.weight))
        }
        if !edges.isEmpty {
            writer.writeVarUInt(edges.count)
            for edge in edges {
                writer.writeUInt8(edge.label)
                writer.writeLengthPrefixed(edge.tail)
                // Children were written earlier, so this distance is at least 1: a reader can
                // require it, which also guarantees that every walk ends.
                writer.writeVarUInt(offset - edge.childOffset)
            }
        }
        nodeCount += 1
        return (offset, subtreeMaxWeight)
    }

    private func sharedPrefixLength(_ first: [UInt8], _ second: [UInt8]) -> Int {
        var length = 0
        let limit = min(first.count, second.count)
        while length < limit, first[length] == second[length] { length += 1 }
        return length
    }
}

/// Why a word could not be added to a `WordTrieBuilder`.
public enum WordTrieBuildError: Error, Equatable, CustomStringConvertible {
    /// Words must be added in strictly increasing unsigned byte order, each once.
    case outOfOrder(previous: [UInt8], word: [UInt8])
    /// The empty string is not a word.
    case emptyWord
    /// The section would exceed the 4 GiB that its u32 node offsets can address.
    case trieTooLarge(bytes: Int)

    public var description: String {
        switch self {
        case .outOfOrder(let previous, let word):
            return "word trie: \"\(String(decoding: word, as: UTF8.self))\" was added after \"\(String(decoding: previous, as: UTF8.self))\"; words must be unique and in increasing byte order"
        case .emptyWord:
            return "word trie: the empty string cannot be added as a word"
        case .trieTooLarge(let bytes):
            return "word trie: the WORDS section reached \(bytes) bytes, more than its 32-bit offsets can address"
        }
    }
}
