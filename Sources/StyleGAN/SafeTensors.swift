import Foundation
import StyleCastIO

/// The tensors and metadata of a `.safetensors` file, every tensor converted to float32.
///
/// Format: 8-byte little-endian header length N, N bytes of JSON header
/// (`{"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}`),
/// then the data block that the offsets index.
///
/// A file on disk is read one tensor at a time (`SafeTensorsSource`), so loading holds the
/// converted tensors and one tensor's raw bytes, never a copy of the whole file.
public struct SafeTensorsFile: Sendable {
    public let path: String
    public let metadata: [String: String]
    public let tensors: [String: Tensor]

    /// Headers beyond this are not plausible for a generator and are refused before allocating.
    static let maximumHeaderBytes = 64 << 20

    public init(path: String) throws {
        let source = try SafeTensorsFileSource(path: path)
        try self.init(source: source, path: path)
    }

    public init(bytes: [UInt8], path: String) throws {
        try self.init(source: SafeTensorsByteSource(bytes: bytes), path: path)
    }

    init(source: some SafeTensorsSource, path: String) throws {
        func fail(_ reason: String) -> ModelFileError { ModelFileError(subject: path, reason: reason) }
        let fileSize = source.count
        guard fileSize >= 8 else { throw fail("not a safetensors file (shorter than its 8-byte header length)") }
        let headerLength = try source.withBytes(at: 0, count: 8, path: path) { raw in
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(raw[$1]) << (8 * UInt64($1)) }
        }
        guard headerLength <= UInt64(Self.maximumHeaderBytes), Int(headerLength) <= fileSize - 8 else {
            throw fail("not a safetensors file (header length \(headerLength) runs past the file's \(fileSize) bytes)")
        }
        let headerBytes = try source.withBytes(at: 8, count: Int(headerLength), path: path) { [UInt8]($0) }
        guard headerBytes.first == UInt8(ascii: "{"), let header = (try? JSONDocument(parsing: headerBytes, name: path))?.root.objectValue else {
            throw fail("not a safetensors file (header is not a JSON object)")
        }
        let dataStart = 8 + Int(headerLength)
        let dataSize = fileSize - dataStart
        var metadata: [String: String] = [:]
        var declared: [(name: String, dtype: String, shape: [Int], count: Int, begin: Int, end: Int)] = []
        for (name, value) in header.members {
            if name == "__metadata__" {
                guard let entries = value.objectValue else { throw fail("__metadata__ is not an object") }
                for (key, item) in entries.members {
                    guard let text = item.stringValue else { throw fail("__metadata__.\(key) is not a string") }
                    metadata[key] = text
                }
                continue
            }
            guard let dtype = value["dtype"]?.stringValue,
                  let shapeValues = value["shape"]?.arrayValue,
                  let offsetValues = value["data_offsets"]?.arrayValue, offsetValues.count == 2 else {
                throw fail("tensor '\(name)' needs dtype, shape and data_offsets")
            }
            let shape = try shapeValues.map { item -> Int in
                guard let n = item.intValue, n >= 0, n < 1 << 31 else {
                    throw fail("tensor '\(name)' has an invalid shape \(value["shape"]!) (dimensions must be whole numbers >= 0)")
                }
                return n
            }
            var count = 1
            for n in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: n)
                guard !overflow, product <= dataSize else {
                    throw fail("tensor '\(name)' shape \(shape) is larger than the file")
                }
                count = product
            }
            guard let begin = offsetValues[0].intValue, let end = offsetValues[1].intValue,
                  begin >= 0, begin <= end, end <= dataSize else {
                throw fail("tensor '\(name)' data_offsets \(value["data_offsets"]!) lie outside the data block of \(dataSize) bytes")
            }
            let width: Int
            switch dtype {
            case "F32": width = 4
            case "F16", "BF16": width = 2
            case "F64": width = 8
            default: throw fail("tensor '\(name)' has unsupported dtype \(dtype) (F32, F16, BF16 and F64 are read)")
            }
            guard end - begin == count * width else {
                throw fail("tensor '\(name)' holds \(end - begin) bytes but \(dtype) \(shape) needs \(count * width)")
            }
            declared.append((name, dtype, shape, count, begin, end))
        }
        // Every tensor is converted into a buffer of its own, so tensors sharing bytes would let a
        // small file ask for many times its size; the format lays them end to end anyway.
        var claimed = 0
        for entry in declared.sorted(by: { ($0.begin, $0.end) < ($1.begin, $1.end) }) where entry.end > entry.begin {
            guard entry.begin >= claimed else {
                throw fail("tensor '\(entry.name)' data_offsets [\(entry.begin), \(entry.end)] overlap another tensor's bytes; the file is corrupt")
            }
            claimed = entry.end
        }
        var tensors: [String: Tensor] = [:]
        for (name, dtype, shape, count, begin, end) in declared {
            let offset = dataStart + begin
            let values: [Float]
            if dtype == "F32" {
                values = try source.float32Values(at: offset, count: count, path: path)
            } else {
                // One loop per dtype, so loading a large model is a plain conversion pass.
                values = try source.withBytes(at: offset, count: end - begin, path: path) { raw in
                    switch dtype {
                    case "F16":
                        return (0..<count).map { Float16Bits.toFloat(raw.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self).littleEndian) }
                    case "BF16":
                        return (0..<count).map { Float16Bits.bfloat16ToFloat(raw.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self).littleEndian) }
                    default:
                        return (0..<count).map { Float(Double(bitPattern: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self).littleEndian)) }
                    }
                }
            }
            tensors[name] = Tensor(shape: shape, data: values)
        }
        self.path = path
        self.metadata = metadata
        self.tensors = tensors
    }

    /// The tensor called `name`, checked to have `shape`.
    public func tensor(_ name: String, shape: [Int]) throws -> Tensor {
        guard let tensor = tensors[name] else {
            throw ModelFileError(subject: path, reason: "missing tensor '\(name)' (expected shape \(shape))")
        }
        guard tensor.shape == shape else {
            throw ModelFileError(subject: path, reason: "tensor '\(name)' has shape \(tensor.shape), expected \(shape)")
        }
        return tensor
    }
}

extension SafeTensorsFile {
    /// A model held in memory (random-weight benchmark models, tests); `path` labels errors.
    public init(path: String, metadata: [String: String], tensors: [String: Tensor]) {
        self.path = path
        self.metadata = metadata
        self.tensors = tensors
    }
}
