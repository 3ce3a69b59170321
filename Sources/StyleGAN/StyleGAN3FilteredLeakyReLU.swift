/// NVlabs `filtered_lrelu` on the CPU for one layer's geometry: add bias, upsample by `up` with
/// the 1-D filter `fu` (separable), leaky ReLU times gain, clamp, then filter with `fd` and keep
/// every `down`-th sample. `fd` is either 1-D (separable) or 2-D radially symmetric (StyleGAN3-R),
/// which is applied directly in 2-D, computing only the samples that are kept.
///
/// Per channel the work streams row by row: vertical upsampling first (on the narrow,
/// not-yet-upsampled width), then for each upsampled row the horizontal upsampling, the
/// activation and the horizontal downsampling while the row is in cache, and finally the
/// vertical downsampling of the whole plane. Channels run in parallel.
struct StyleGAN3FilteredLeakyReLU: Sendable {
    enum Downsampling: Sendable {
        case separable(rows: StyleGAN3Resampler, columns: StyleGAN3Resampler)
        /// A `taps x taps` filter, stored flipped so it is applied by correlation.
        case radial(flippedFilter: [Float], taps: Int, factor: Int)
    }

    let channels: Int
    let inHeight: Int
    let inWidth: Int
    let upRows: StyleGAN3Resampler
    let upColumns: StyleGAN3Resampler
    let downsampling: Downsampling
    let outHeight: Int
    let outWidth: Int
    let gain: Float
    let slope: Float
    let clamp: Float?

    /// `upFilter` is 1-D (or `[1]`); `downFilter` is 1-D, or 2-D with `downShape == [t, t]`.
    init(channels: Int, inHeight: Int, inWidth: Int, up: Int, down: Int, padLow: Int, padHigh: Int,
         upFilter: [Float], downFilter: [Float], downIsRadial: Bool,
         gain: Float, slope: Float, clamp: Float?) {
        self.channels = channels
        self.inHeight = inHeight
        self.inWidth = inWidth
        // upfirdn2d's gain up^2 is split evenly between the two axes of a separable filter.
        upRows = StyleGAN3Resampler(inputCount: inHeight, up: up, down: 1, padLow: padLow, padHigh: padHigh,
                                    filter: upFilter, gain: Float(up))
        upColumns = StyleGAN3Resampler(inputCount: inWidth, up: up, down: 1, padLow: padLow, padHigh: padHigh,
                                       filter: upFilter, gain: Float(up))
        if downIsRadial {
            let taps = Int(Double(downFilter.count).squareRoot())
            precondition(taps * taps == downFilter.count, "radial down filter must be square")
            downsampling = .radial(flippedFilter: downFilter.reversed(), taps: taps, factor: down)
            outHeight = max(0, (upRows.outputCount - taps + down) / down)
            outWidth = max(0, (upColumns.outputCount - taps + down) / down)
        } else {
            let rows = StyleGAN3Resampler(inputCount: upRows.outputCount, up: 1, down: down, padLow: 0, padHigh: 0,
                                          filter: downFilter, gain: 1)
            let columns = StyleGAN3Resampler(inputCount: upColumns.outputCount, up: 1, down: down, padLow: 0, padHigh: 0,
                                             filter: downFilter, gain: 1)
            downsampling = .separable(rows: rows, columns: columns)
            outHeight = rows.outputCount
            outWidth = columns.outputCount
        }
        self.gain = gain
        self.slope = slope
        self.clamp = clamp
    }

    /// - Parameters:
    ///   - input: `channels` planes of `inHeight` rows with `inputRowStride` floats per row
    ///     (only the first `inWidth` are read) and `inputPlaneStride` floats per plane. The bias
    ///     is added to it in place.
    ///   - output: dense `[channels, outHeight, outWidth]`.
    func apply(input: UnsafeMutablePointer<Float>, inputRowStride: Int, inputPlaneStride: Int,
               bias: [Float], output: UnsafeMutablePointer<Float>) {
        let input = StyleGAN3SharedBuffer(base: input)
        let output = StyleGAN3SharedBuffer(base: output)
        let upHeight = upRows.outputCount
        let upWidth = upColumns.outputCount
        let keptWidth: Int
        switch downsampling {
        case .separable(_, let columns): keptWidth = columns.outputCount
        case .radial: keptWidth = upWidth
        }
        styleGAN3ParallelChunks(count: channels) { channelRange in
            let verticallyUpsampled = UnsafeMutablePointer<Float>.allocate(capacity: upHeight * inWidth)
            let row = UnsafeMutablePointer<Float>.allocate(capacity: upWidth)
            let activated = UnsafeMutablePointer<Float>.allocate(capacity: upHeight * keptWidth)
            defer {
                verticallyUpsampled.deallocate()
                row.deallocate()
                activated.deallocate()
            }
            for channel in channelRange {
                let plane = input.base + channel * inputPlaneStride
                let b = bias[channel]
                for y in 0..<inHeight {
                    let line = plane + y * inputRowStride
                    for x in 0..<inWidth { line[x] += b }
                }
                upRows.resampleRows(plane, inputStride: inputRowStride, width: inWidth,
                                    into: verticallyUpsampled, outputStride: inWidth)
                for y in 0..<upHeight {
                    upColumns.resampleLine(verticallyUpsampled + y * inWidth, into: row)
                    activate(row, count: upWidth)
                    switch downsampling {
                    case .separable(_, let columns):
                        columns.resampleLine(row, into: activated + y * keptWidth)
                    case .radial:
                        (activated + y * keptWidth).update(from: row, count: upWidth)
                    }
                }
                let destination = output.base + channel * outHeight * outWidth
                switch downsampling {
                case .separable(let rows, _):
                    rows.resampleRows(activated, inputStride: keptWidth, width: keptWidth,
                                      into: destination, outputStride: outWidth)
                case .radial(let filter, let taps, let factor):
                    radialDownsample(activated, width: keptWidth, filter: filter, taps: taps, factor: factor,
                                     into: destination)
                }
            }
        }
    }

    /// Leaky ReLU, gain and clamp, in the order of NVlabs `bias_act`.
    @inline(__always)
    private func activate(_ values: UnsafeMutablePointer<Float>, count: Int) {
        let gain = self.gain, slope = self.slope
        if let clamp {
            for i in 0..<count {
                let v = values[i]
                let a = (v < 0 ? v * slope : v) * gain
                values[i] = min(max(a, -clamp), clamp)
            }
        } else {
            for i in 0..<count {
                let v = values[i]
                values[i] = (v < 0 ? v * slope : v) * gain
            }
        }
    }

    /// Direct 2-D polyphase downsampling: only the kept samples are computed, each as a
    /// `taps x taps` correlation with the flipped filter.
    private func radialDownsample(_ source: UnsafePointer<Float>, width: Int, filter: [Float], taps: Int,
                                  factor: Int, into destination: UnsafeMutablePointer<Float>) {
        filter.withUnsafeBufferPointer { f in
            for oy in 0..<outHeight {
                let outRow = destination + oy * outWidth
                outRow.update(repeating: 0, count: outWidth)
                for ky in 0..<taps {
                    let inRow = source + (oy * factor + ky) * width
                    let weights = f.baseAddress! + ky * taps
                    for ox in 0..<outWidth {
                        let window = inRow + ox * factor
                        var sum: Float = 0
                        for kx in 0..<taps { sum += weights[kx] * window[kx] }
                        outRow[ox] += sum
                    }
                }
            }
        }
    }
}
