import StyleCastIO

/// Latent ws on disk: `.npy` `[1, num_ws, w_dim]` (or one w `[1, w_dim]`, broadcast to every row),
/// and `.npz` with key `w`, as the official projector writes `projected_w.npz`.
public enum LatentFile {
    /// Reads ws for a model taking `numWs` x `wDim`.
    public static func read(path: String, numWs: Int, wDim: Int) throws -> Latent {
        let array: NPYArray
        if path.lowercased().hasSuffix(".npz") {
            let arrays = try NPZ.read(path: path)
            guard let w = arrays["w"] else {
                throw GeneratorError(subject: path, reason: "has no array 'w' (it holds \(arrays.keys.sorted().joined(separator: ", "))); save ws as np.savez(path, w=ws)")
            }
            array = w
        } else {
            array = try NPY.read(path: path)
        }
        switch array.shape {
        case [1, numWs, wDim], [numWs, wDim]:
            return Latent(numWs: numWs, wDim: wDim, values: array.values)
        case [1, wDim], [wDim]:
            return Latent(broadcasting: array.values, numWs: numWs)
        default:
            throw GeneratorError(subject: path, reason: "ws have shape \(array.shape); this model takes [1, \(numWs), \(wDim)] (or one w [1, \(wDim)])")
        }
    }

    /// Writes ws as float32 `[1, num_ws, w_dim]`: `.npz` (key `w`) by extension, else `.npy`.
    public static func write(_ latent: Latent, to path: String) throws {
        let array = NPYArray(shape: [1, latent.numWs, latent.wDim], values: latent.values)
        if path.lowercased().hasSuffix(".npz") {
            try AtomicFile.write(NPZ.encode([("w", array)]), to: path)
        } else {
            try AtomicFile.write(NPY.encode(array), to: path)
        }
    }
}
