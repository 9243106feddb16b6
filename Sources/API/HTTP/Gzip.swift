import CZlib

/// Why gzip could not compress or decompress a body.
public enum GzipError: Error, Equatable, Sendable {
    /// The input is larger than the limit the caller gave (or than zlib's 32-bit counts).
    case inputTooLarge
    /// Decompressing would produce more than the caller's limit: a "zip bomb" stops here.
    case outputTooLarge
    /// Not a complete gzip stream (bad header, bad checksum, truncated, or bytes after it).
    case malformed
    /// zlib itself failed (out of memory), with its return code.
    case library(Int32)
}

/// The gzip format (RFC 1952) through the system zlib: the one file that calls it.
///
/// Both directions are one-shot and bounded: `compress` refuses inputs over a limit and
/// writes into one buffer of `deflateBound`'s size, so it never grows; `decompress` stops at
/// the caller's output limit. The HTTP server compresses response bodies
/// (`ContentEncoding`); decompression is here for tests and tools that check the result.
public enum Gzip {
    /// zlib's default level (6): about as small as 9 for text at a third of the time.
    public static let defaultLevel: Int32 = 6

    /// `bytes` as one gzip member. Throws `inputTooLarge` above `maximumInputBytes`.
    public static func compress(_ bytes: [UInt8], level: Int32 = defaultLevel,
                                maximumInputBytes: Int = 64 << 20) throws(GzipError) -> [UInt8] {
        guard bytes.count <= maximumInputBytes, bytes.count < Int(UInt32.max) else { throw .inputTooLarge }
        var stream = z_stream()
        let initialized = uplyft_deflate_init_gzip(&stream, level)
        guard initialized == Z_OK else { throw .library(initialized) }
        defer { deflateEnd(&stream) }
        // deflateBound is the worst case for this input, header and trailer included, so a
        // single Z_FINISH call always completes.
        let capacity = Int(deflateBound(&stream, uLong(bytes.count)))
        var output = [UInt8](repeating: 0, count: capacity)
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw .library(status) }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// The bytes of one gzip member; throws `outputTooLarge` as soon as more than
    /// `maximumOutputBytes` would come out, and `malformed` for anything but one whole member.
    public static func decompress(_ bytes: [UInt8], maximumOutputBytes: Int) throws(GzipError) -> [UInt8] {
        guard bytes.count < Int(UInt32.max) else { throw .inputTooLarge }
        var stream = z_stream()
        let initialized = uplyft_inflate_init_gzip(&stream)
        guard initialized == Z_OK else { throw .library(initialized) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        let chunkBytes = 16 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        var input = bytes
        var status = Z_OK
        var overLimit = false
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while status == Z_OK {
                let produced = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> Int in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkBytes)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return chunkBytes - Int(stream.avail_out)
                }
                if output.count + produced > maximumOutputBytes {
                    overLimit = true
                    return
                }
                output.append(contentsOf: chunk[0..<produced])
                // No progress with input left means the stream is cut short.
                if status == Z_OK && produced == 0 && stream.avail_in == 0 { status = Z_BUF_ERROR }
            }
        }
        if overLimit { throw .outputTooLarge }
        switch status {
        case Z_STREAM_END:
            guard stream.avail_in == 0 else { throw .malformed }
            return output
        case Z_MEM_ERROR: throw .library(status)
        default: throw .malformed
        }
    }
}
