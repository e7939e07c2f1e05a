/// Where a letter came from: its file's path, size, modification time and checksum, as they
/// were when it was indexed. An update compares these with the folder to find what changed.
///
/// The sources section holds one record per letter, in letter-id order:
/// ```
/// path       varint length + UTF-8 (relative to the indexed folder)
/// size       u64   bytes of the file
/// modified   i64   its modification time, nanoseconds since 1970
/// checksum   u32   CRC-32 of the file's bytes
/// ```
/// The section's own CRC-32 (in the header) is verified before it is read.
public struct LetterSource: Hashable, Sendable {
    /// The file's path relative to the indexed folder.
    public var path: String
    /// The file's size in bytes.
    public var size: Int
    /// The file's modification time, nanoseconds since 1970.
    public var modified: Int64
    /// CRC-32 of the file's bytes.
    public var checksum: UInt32

    /// A source record.
    public init(path: String, size: Int, modified: Int64, checksum: UInt32) {
        self.path = path
        self.size = size
        self.modified = modified
        self.checksum = checksum
    }

    /// Appends the record.
    func encode(into encoder: inout ByteEncoder) {
        encoder.string(path)
        encoder.u64(UInt64(size))
        encoder.u64(UInt64(bitPattern: modified))
        encoder.u32(checksum)
    }

    /// The record `raw` with its path decoded (`what` names the section, for the error).
    init(_ raw: Raw, in what: String) throws {
        guard let path = String(validating: raw.path, as: UTF8.self) else {
            throw IndexError.corrupt("\(what): a letter's path is not valid UTF-8")
        }
        self.init(path: path, size: raw.size, modified: raw.modified, checksum: raw.checksum)
    }

    /// A record as it lies in the mapped section: the path's bytes are not copied (an update
    /// compares every letter's path with the folder's files without a string per letter).
    struct Raw {
        /// The path's UTF-8 bytes, inside the section.
        var path: UnsafeRawBufferPointer
        var size: Int
        var modified: Int64
        var checksum: UInt32

        /// Reads the next record.
        init(from reader: inout ByteDecoder) throws {
            path = try reader.bytes(reader.count(atMost: reader.remaining))
            let size = try reader.u64()
            guard size <= UInt64(Int.max) else { throw IndexError.corrupt("a letter's recorded size is out of range") }
            self.size = Int(size)
            modified = Int64(bitPattern: try reader.u64())
            checksum = try reader.u32()
        }

        /// Passes over the next record without decoding it (finding a path within its block).
        @inline(__always)
        static func skip(in reader: inout ByteDecoder) throws {
            let pathLength = try reader.count(atMost: reader.remaining)
            _ = try reader.bytes(pathLength + fixedSize)
        }

        /// The bytes of a record after its path: size, modification time and checksum.
        static let fixedSize = 8 + 8 + 4
    }
}
