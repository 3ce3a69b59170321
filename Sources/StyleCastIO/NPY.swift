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

/// Reading and writing NumPy `.npy` files (format versions 1.0-3.0, little-endian, C order).
public enum NPY {
    public static func read(path: String) throws -> NPYArray {
        try decode(FileReadError.contents(of: path), name: path)
    }

    public static func decode(_ bytes: [UInt8], name: String = "<memory>") throws -> NPYArray {
        let layout = try Layout(of: bytes, name: name)
        var values = [Float](repeating: 0, count: layout.count)
        bytes.withUnsafeBytes { raw in
            for i in 0..<layout.count {
                let offset = layout.body + i * layout.width
                switch layout.width {
                case 4: values[i] = Float(bitPattern: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
                case 8: values[i] = Float(Double(bitPattern: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian))
                default: values[i] = Float(Float16Bits.toFloat(raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian))
                }
            }
        }
        return NPYArray(shape: layout.shape, values: values)
    }

    /// Reads a float64 `.npy` exactly (for checking z against NumPy without rounding).
    public static func readFloat64(path: String) throws -> (shape: [Int], values: [Double]) {
        try decodeFloat64(FileReadError.contents(of: path), name: path)
    }

    static func decodeFloat64(_ bytes: [UInt8], name: String) throws -> (shape: [Int], values: [Double]) {
        let layout = try Layout(of: bytes, name: name)
        guard layout.width == 8 else {
            throw NPYError(subject: name, reason: "holds '\(layout.descr)' values; a float64 ('<f8') array is expected")
        }
        var values = [Double](repeating: 0, count: layout.count)
        bytes.withUnsafeBytes { raw in
            for i in values.indices {
                values[i] = Double(bitPattern: raw.loadUnaligned(fromByteOffset: layout.body + i * 8, as: UInt64.self).littleEndian)
            }
        }
        return (layout.shape, values)
    }

    /// What a header declares, checked against the bytes that follow it: a forged shape must be
    /// refused before anything is allocated or multiplied unchecked.
    private struct Layout {
        let shape: [Int]
        let count: Int
        let descr: String
        /// Bytes per value.
        let width: Int
        /// Where the values start.
        let body: Int

        init(of bytes: [UInt8], name: String) throws {
            func fail(_ reason: String) -> NPYError { NPYError(subject: name, reason: reason) }
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
            guard headerLength <= bytes.count - headerStart else { throw fail("header runs past the end of the file") }
            let header = String(decoding: bytes[headerStart ..< headerStart + headerLength], as: UTF8.self)
            guard let descr = NPY.field("descr", in: header).flatMap(NPY.quoted) else { throw fail("header has no 'descr'") }
            if NPY.field("fortran_order", in: header)?.hasPrefix("True") == true {
                throw fail("Fortran-order arrays are not supported; save with C order")
            }
            guard let shapeText = NPY.field("shape", in: header), let shape = NPY.parseShape(shapeText) else {
                throw fail("header has no readable 'shape'")
            }
            var count = 1
            for dimension in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard dimension >= 0, !overflow else {
                    throw fail("shape \(NPY.shapeText(shape)) is not the size of any array; the header is corrupt (save the array again with numpy.save)")
                }
                count = product
            }
            switch descr {
            case "<f4", "|f4", "=f4": width = 4
            case "<f8", "|f8", "=f8": width = 8
            case "<f2", "|f2", "=f2": width = 2
            default: throw fail("unsupported dtype '\(descr)' (need little-endian float16, float32 or float64)")
            }
            body = headerStart + headerLength
            let present = bytes.count - body
            let (needed, tooMany) = count.multipliedReportingOverflow(by: width)
            guard !tooMany, needed == present else {
                throw fail("shape \(NPY.shapeText(shape)) of '\(descr)' needs \(tooMany ? "more bytes than any file holds" : "\(needed) bytes") "
                    + "of data, but the file has \(present) after its header; it is truncated or corrupt")
            }
            self.shape = shape
            self.count = count
            self.descr = descr
        }
    }

    /// Encodes a float32 array as a version 1.0 `.npy`, byte-for-byte as `numpy.save` writes it.
    public static func encode(_ array: NPYArray) -> [UInt8] {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText(array.shape)), }"
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

    /// A shape as Python writes the tuple: `(3,)`, `(1, 3, 4)`.
    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
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
