import Foundation
import StyleCastIO

extension SafeTensorsFile {
    /// The file's bytes: every tensor as little-endian float32, in name order, after a header
    /// that lists `__metadata__` (keys sorted) and then the tensors in that same order, as
    /// `tools/safetensors_numpy.py` writes it, so the same tensors and metadata always give
    /// the same bytes.
    public func serialized() throws -> [UInt8] {
        var header = JSONObject()
        if !metadata.isEmpty {
            header["__metadata__"] = JSONValue.object(JSONObject(metadata.map { ($0.key, JSONValue.string($0.value)) })).canonical
        }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let tensor = tensors[name]!
            let size = tensor.count * 4
            header[name] = ["data_offsets": [.number(offset), .number(offset + size)], "dtype": "F32",
                            "shape": .array(tensor.shape.map { .number($0) })]
            offset += size
        }
        var json = JSONWriter.compact(.object(header))
        // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
        while (8 + json.count) % 8 != 0 { json.append(UInt8(ascii: " ")) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: json)
        for name in names {
            tensors[name]!.data.withUnsafeBufferPointer { values in
                for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
            }
        }
        return bytes
    }

    /// Writes the file atomically (a reader never sees half of it).
    public func write(to path: String) throws {
        try AtomicFile.write(serialized(), to: path)
    }
}
