import Foundation

/// NumPy `.npz` files: a zip of `.npy` arrays keyed by name (as `numpy.savez` and
/// `numpy.savez_compressed` write them).
public enum NPZ {
    /// The arrays of an `.npz`, keyed by name without the `.npy` suffix.
    public static func read(path: String) throws -> [String: NPYArray] {
        try decode(FileReadError.contents(of: path), name: path)
    }

    public static func decode(_ bytes: [UInt8], name: String = "<memory>") throws -> [String: NPYArray] {
        var arrays: [String: NPYArray] = [:]
        for entry in try ZipArchive.entries(of: bytes, name: name) where entry.name.hasSuffix(".npy") {
            let key = String(entry.name.dropLast(4))
            arrays[key] = try NPY.decode(entry.data, name: "\(name)[\(key)]")
        }
        return arrays
    }

    /// An `.npz` of stored entries (as `numpy.savez` writes), arrays in the given order.
    public static func encode(_ arrays: [(name: String, array: NPYArray)]) -> [UInt8] {
        ZipArchive.encodeStored(arrays.map { ($0.name + ".npy", NPY.encode($0.array)) })
    }
}
