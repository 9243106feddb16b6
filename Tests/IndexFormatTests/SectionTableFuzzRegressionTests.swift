import IndexFormat
import Testing

/// Damaged headers libFuzzer found (scripts/fuzz.sh, FuzzIndexReader) that made opening an
/// index trap instead of refusing it.
@Suite struct SectionTableFuzzRegressionTests {
    /// The error decoding the table throws, or nil if it decodes.
    private func decodeError(_ file: [UInt8], _ header: IndexHeader) -> IndexFormatError? {
        file.withUnsafeBytes { bytes -> IndexFormatError? in
            do throws(IndexFormatError) {
                _ = try SectionTable.decode(file: bytes, header: header)
                return nil
            } catch {
                return error
            }
        }
    }

    /// A section-table offset near UInt64.max (with the header checksum made to match) overflowed
    /// while building the "truncated" error: the file must be refused with that error instead.
    @Test func tableOffsetNearUInt64MaxIsRefusedAsTruncated() {
        let file = [UInt8](repeating: 0, count: 256)
        for offset in [UInt64.max, UInt64(Int.max), UInt64(Int.max) - 3] {
            let header = IndexHeader(analyzerVersion: 1, fileLength: UInt64(file.count), sectionTableOffset: offset, sectionCount: 9)
            #expect(decodeError(file, header) != nil)
        }
    }
}
