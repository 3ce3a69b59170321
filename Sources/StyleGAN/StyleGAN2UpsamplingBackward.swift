extension StyleGAN2ConvLayer {
    /// The reverse of an up-sampling layer's low-pass filter and sub-pixel scatter
    /// (`upsamplingConvolution`): from dL/d(filtered output) `gradient` [Cout, height, width],
    /// dL/d(tap products) [9 * Cout, height/2 * width/2] in `workspace.products`, ready for the
    /// GEMM with the tap weights. Each tap's product at (y, x) went to (2y + ky, 2x + kx) of the
    /// unfiltered plane, so its gradient is read back from there. Output channels spread over the
    /// workers; each filters one channel into its scratch and gathers the nine taps while the
    /// plane is in cache.
    func upsamplingProductGradient(_ gradient: UnsafePointer<Float>, workspace: StyleGAN2Workspace) -> UnsafeMutablePointer<Float> {
        let inHeight = height / 2, inWidth = width / 2, inPlane = inHeight * inWidth
        let fullHeight = 2 * inHeight + 1, fullWidth = 2 * inWidth + 1
        let products = workspace.products.pointer
        let workers = workspace.workers, perWorker = workspace.perWorkerScratch
        parallelFor(workers, work: outChannels * 10 * fullHeight * fullWidth) { worker in
            let plane = workspace.scratch.pointer + worker * perWorker
            var channel = worker
            while channel < outChannels {
                upFilter.applyAdjoint(gradient + channel * height * width, height: fullHeight, width: fullWidth,
                                      into: plane, rowPass: plane + fullHeight * fullWidth)
                for k in 0..<9 {
                    let ky = k / 3, kx = k % 3
                    let tap = products + (k * outChannels + channel) * inPlane
                    for y in 0..<inHeight {
                        let source = plane + (2 * y + ky) * fullWidth + kx, target = tap + y * inWidth
                        for x in 0..<inWidth { target[x] = source[2 * x] }
                    }
                }
                channel += workers
            }
        }
        return products
    }
}
