import Foundation

/// A NumPy `.npy` array read into Float32 (float16/float32/float64 files are accepted), C order.
public struct NPYArray: Equatable, Sendable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "NPY shape does not match the value count")
        self.shape = shape
        self.values = values
    }
}

/// A `.npy` file that could not be read.
public struct NPYError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Reading and writing NumPy `.npy` files (format versions 1.0-3.0, little-endian, C order).
public enum NPY {
    public static func read(path: String) throws -> NPYArray {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NPYError(path: path, reason: "cannot read the file (missing or not readable)")
        }
        return try decode([UInt8](data), name: path)
    }

    public static func decode(_ bytes: [UInt8], name: String = "<memory>") throws -> NPYArray {
        func fail(_ reason: String) -> NPYError { NPYError(path: name, reason: reason) }
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw fail("not a NumPy .npy file (bad magic)")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw fail("unsupported .npy format version \(major)")
        }
        guard headerStart + headerLength <= bytes.count else { throw fail("header runs past the end of the file") }
        let header = String(decoding: bytes[headerStart ..< headerStart + headerLength], as: UTF8.self)
        guard let descr = field("descr", in: header).flatMap(quoted) else { throw fail("header has no 'descr'") }
        if field("fortran_order", in: header)?.hasPrefix("True") == true {
            throw fail("Fortran-order arrays are not supported; save with C order")
        }
        guard let shapeText = field("shape", in: header), let shape = parseShape(shapeText) else {
            throw fail("header has no readable 'shape'")
        }
        let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        guard shape.allSatisfy({ $0 >= 0 }), count >= 0 else { throw fail("bad shape \(shape)") }
        let body = headerStart + headerLength
        let width: Int
        switch descr {
        case "<f4", "|f4", "=f4": width = 4
        case "<f8", "|f8", "=f8": width = 8
        case "<f2", "|f2", "=f2": width = 2
        default: throw fail("unsupported dtype '\(descr)' (need little-endian float16, float32 or float64)")
        }
        guard count <= (bytes.count - body) / width, bytes.count - body == count * width else {
            throw fail("data size does not match shape \(shape) of '\(descr)'")
        }
        var values = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            for i in 0..<count {
                let offset = body + i * width
                switch width {
                case 4: values[i] = Float(bitPattern: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
                case 8: values[i] = Float(Double(bitPattern: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian))
                default: values[i] = Float(Float16Bits.toFloat(raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian))
                }
            }
        }
        return NPYArray(shape: shape, values: values)
    }

    /// Reads a float64 `.npy` exactly (for checking z against NumPy without rounding).
    public static func readFloat64(path: String) throws -> (shape: [Int], values: [Double]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NPYError(path: path, reason: "cannot read the file (missing or not readable)")
        }
        let bytes = [UInt8](data)
        let probe = try decode(bytes, name: path) // validates the header and size
        let body = bytes.count - probe.values.count * 8
        guard body > 0, probe.values.count * 8 + body == bytes.count else {
            throw NPYError(path: path, reason: "expected a float64 array")
        }
        var values = [Double](repeating: 0, count: probe.values.count)
        bytes.withUnsafeBytes { raw in
            for i in values.indices {
                values[i] = Double(bitPattern: raw.loadUnaligned(fromByteOffset: body + i * 8, as: UInt64.self).littleEndian)
            }
        }
        return (probe.shape, values)
    }

    /// Encodes a float32 array as a version 1.0 `.npy`, byte-for-byte as `numpy.save` writes it.
    public static func encode(_ array: NPYArray) -> [UInt8] {
        let shapeText: String
        if array.shape.count == 1 {
            shapeText = "(\(array.shape[0]),)"
        } else {
            shapeText = "(" + array.shape.map(String.init).joined(separator: ", ") + ")"
        }
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
        // numpy pads with spaces so that the data starts on a 64-byte boundary, then a newline.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0]
        let length = header.utf8.count
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8)]
        bytes += Array(header.utf8)
        bytes.reserveCapacity(bytes.count + array.values.count * 4)
        for value in array.values {
            let bits = value.bitPattern.littleEndian
            bytes += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
        }
        return bytes
    }

    private static func field(_ key: String, in header: String) -> Substring? {
        guard let range = header.range(of: "'\(key)':") else { return nil }
        return header[range.upperBound...].drop { $0 == " " }
    }

    private static func quoted(_ text: Substring) -> String? {
        guard let quote = text.first, quote == "'" || quote == "\"" else { return nil }
        let rest = text.dropFirst()
        guard let end = rest.firstIndex(of: quote) else { return nil }
        return String(rest[..<end])
    }

    private static func parseShape(_ text: Substring) -> [Int]? {
        guard text.first == "(", let end = text.firstIndex(of: ")") else { return nil }
        let inner = text[text.index(after: text.startIndex)..<end]
        var shape: [Int] = []
        for part in inner.split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let value = Int(trimmed.hasSuffix("L") ? String(trimmed.dropLast()) : trimmed) else { return nil }
            shape.append(value)
        }
        return shape
    }
}

/// IEEE half-precision bit patterns to Float, without relying on the platform's Float16.
public enum Float16Bits {
    public static func toFloat(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int(bits >> 10 & 0x1F)
        var mantissa = UInt32(bits & 0x3FF)
        if exponent == 0 {
            if mantissa == 0 { return Float(bitPattern: sign) }
            // Subnormal: normalise it.
            var e = -1
            repeat { mantissa <<= 1; e += 1 } while mantissa & 0x400 == 0
            mantissa &= 0x3FF
            return Float(bitPattern: sign | UInt32(127 - 15 - e) << 23 | mantissa << 13)
        }
        if exponent == 31 { return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13) }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | mantissa << 13)
    }

    /// bfloat16 is the top half of a float32.
    public static func bfloat16ToFloat(_ bits: UInt16) -> Float { Float(bitPattern: UInt32(bits) << 16) }
}
