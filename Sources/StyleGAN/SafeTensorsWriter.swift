import StyleCastIO

extension SafeTensorsFile {
    /// The file's bytes in the `.safetensors` format the loader reads: every tensor as F32,
    /// little-endian, in name order, the header padded with spaces to a multiple of 8 bytes (as
    /// the reference implementation pads it). The same file always gives the same bytes.
    public func encoded() -> [UInt8] {
        var header: [(key: String, value: JSONValue)] = []
        if !metadata.isEmpty {
            let entries = metadata.keys.sorted().map { (key: $0, value: JSONValue.string(metadata[$0]!)) }
            header.append((key: "__metadata__", value: .object(JSONObject(entries))))
        }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let tensor = tensors[name]!
            let size = tensor.count * MemoryLayout<Float>.size
            header.append((key: name, value: [
                "dtype": "F32",
                "shape": .array(tensor.shape.map { .number($0) }),
                "data_offsets": [.number(offset), .number(offset + size)],
            ]))
            offset += size
        }
        var headerBytes = JSONWriter.compact(.object(JSONObject(header)))
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + headerBytes.count + offset)
        let length = UInt64(headerBytes.count)
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: length >> (8 * UInt64(i)))) }
        bytes += headerBytes
        for name in names {
            for value in tensors[name]!.data {
                let bits = value.bitPattern.littleEndian
                for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt32(i)))) }
            }
        }
        return bytes
    }
}
