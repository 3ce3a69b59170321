/// What a manifest is checked against once its models are known: a model's `num_ws` (how many
/// rows its latents have; safetensors `__metadata__.num_ws`) and `w_dim` (the length of a row).
public struct ModelLimits: Equatable, Sendable {
    public var numWs: Int
    public var wDim: Int

    public init(numWs: Int, wDim: Int) {
        self.numWs = numWs
        self.wDim = wDim
    }

    /// The latent shapes a saved `.npy` may have for this model: one row for all, or all rows,
    /// each optionally with a batch of one in front (as the official projector saves them).
    func acceptsLatentShape(_ shape: [Int]) -> Bool {
        [[wDim], [1, wDim], [numWs, wDim], [1, numWs, wDim]].contains(shape)
    }
}
