import Testing
@testable import Query

/// Intersections and unions as document sets, over plain sorted lists: empty sets, one
/// document, disjoint sets, seeking past the end, a range's bounds, and agreement with the
/// set operations they stand for.
@Suite struct DocumentSetTests {
    /// The documents of the intersection of `lists` within `range`, walked with `next`.
    static func intersection(_ lists: [[UInt32]], within range: Range<UInt32> = 0..<SortedDocuments.exhausted) -> [UInt32] {
        var members = lists.map(SortedDocuments.init)
        return members.withUnsafeMutableBufferPointer { members in
            WalkPartsFixture.documents(of: Intersection(members, within: range))
        }
    }

    static func union(_ lists: [[UInt32]]) -> [UInt32] {
        var members = lists.map(SortedDocuments.init)
        return members.withUnsafeMutableBufferPointer { members in
            WalkPartsFixture.documents(of: Union(members))
        }
    }

    static func multiples(of step: UInt32, below end: UInt32 = 1_000, from start: UInt32 = 0) -> [UInt32] {
        Array(stride(from: start, to: end, by: Int(step)))
    }

    @Test func emptySetsAreExhaustedFromTheStart() {
        #expect(Self.intersection([]).isEmpty)
        #expect(Self.intersection([[]]).isEmpty)
        #expect(Self.intersection([[1, 2, 3], []]).isEmpty)
        #expect(Self.intersection([[], [1, 2, 3]]).isEmpty)
        #expect(Self.union([]).isEmpty)
        #expect(Self.union([[], []]).isEmpty)
        var members = [SortedDocuments([])]
        members.withUnsafeMutableBufferPointer { members in
            var union = Union(members)
            #expect(union.isExhausted && union.cost == 0)
            union.next()
            union.advance(to: 5)
            #expect(union.isExhausted)
        }
    }

    @Test func oneDocumentInCommon() {
        #expect(Self.intersection([[7]]) == [7])
        #expect(Self.intersection([[1, 7, 9], [7], [0, 7, 100]]) == [7])
        #expect(Self.intersection([[1, 7, 9], [7]], within: 7..<8) == [7])
        #expect(Self.intersection([[1, 7, 9], [7]], within: 8..<100).isEmpty)
        #expect(Self.intersection([[1, 7, 9], [7]], within: 0..<7).isEmpty)
        #expect(Self.union([[7], [7], []]) == [7])
    }

    @Test func disjointSetsIntersectInNothingAndUniteInOrder() {
        let evens = Self.multiples(of: 2)
        let odds = Self.multiples(of: 2, from: 1)
        #expect(Self.intersection([evens, odds]).isEmpty)
        #expect(Self.intersection([odds, evens]).isEmpty)
        #expect(Self.union([evens, odds]) == Array(0..<1_000))
        #expect(Self.union([[900, 901], [3], [40, 41]]) == [3, 40, 41, 900, 901])
    }

    @Test func setsAgreeWithTheSetOperations() {
        let lists = [Self.multiples(of: 3), Self.multiples(of: 5), Self.multiples(of: 2, below: 600), [15, 30, 31, 60, 990]]
        for count in 1...lists.count {
            let chosen = Array(lists.prefix(count))
            let common = chosen.dropFirst().reduce(Set(chosen[0])) { $0.intersection($1) }
            #expect(Self.intersection(chosen) == common.sorted(), "\(count) lists")
            #expect(Self.intersection(chosen.reversed()) == common.sorted(), "\(count) lists reversed")
            #expect(Self.union(chosen) == Set(chosen.joined()).sorted(), "\(count) lists")
            // A range keeps exactly the documents inside it; the halves of a split walk add up.
            #expect(Self.intersection(chosen, within: 100..<400) == common.filter { $0 >= 100 && $0 < 400 }.sorted())
            #expect(Self.intersection(chosen, within: 0..<500) + Self.intersection(chosen, within: 500..<SortedDocuments.exhausted)
                    == common.sorted())
        }
    }

    @Test func seekingFindsTheTargetOrTheNextAndPastTheEndExhausts() {
        var members = [Self.multiples(of: 3), Self.multiples(of: 5)].map(SortedDocuments.init)
        members.withUnsafeMutableBufferPointer { members in
            var both = Intersection(members, within: 0..<SortedDocuments.exhausted)
            #expect(both.document == 0)
            both.advance(to: 30)
            #expect(both.document == 30)
            both.advance(to: 31)
            #expect(both.document == 45)
            // Never back.
            both.advance(to: 10)
            #expect(both.document == 45)
            both.advance(to: 991)
            #expect(both.isExhausted)
            both.next()
            #expect(both.isExhausted)
        }
        var unionMembers = [[4, 8], [5, 900]].map(SortedDocuments.init)
        unionMembers.withUnsafeMutableBufferPointer { members in
            var either = Union(members)
            #expect(either.document == 4 && either.cost == 4)
            either.advance(to: 6)
            #expect(either.document == 8)
            either.advance(to: 901)
            #expect(either.isExhausted)
        }
        var beyond = [SortedDocuments([1, 2])]
        beyond.withUnsafeMutableBufferPointer { members in
            var one = Intersection(members, within: 0..<SortedDocuments.exhausted)
            one.advance(to: SortedDocuments.exhausted)
            #expect(one.isExhausted)
        }
    }

    @Test func anIntersectionCostsWhatItsLeadCosts() {
        var members = [[1, 2, 3], [2, 3, 4, 5, 6]].map(SortedDocuments.init)
        members.withUnsafeMutableBufferPointer { members in
            #expect(Intersection(members, within: 0..<10).cost == 3)
            #expect(Union(members).cost == 8)
        }
    }
}
