/// NVlabs `filtered_lrelu` on the CPU for one layer's geometry: add bias, upsample by `up` with
/// the 1-D filter `fu` (separable), leaky ReLU times gain, clamp, then filter with `fd` and keep
/// every `down`-th sample. `fd` is either 1-D (separable) or 2-D radially symmetric (StyleGAN3-R),
/// which is applied directly in 2-D, computing only the samples that are kept.
///
/// Per channel, with a separable down filter whose factor divides the up factor (every NVlabs
/// configuration): each row of the vertically upsampled plane is made on its own (on the
/// narrow, not-yet-upsampled width) and at once upsampled, activated and downsampled along
/// itself (`StyleGAN3RowFilter`); the vertical downsampling then combines whole rows of the
/// result. No upsampled plane is ever stored. Otherwise the horizontal passes run on the
/// transposed plane, so that every pass combines whole contiguous rows. Both orders form the
/// same sums. Channels run in parallel.
struct StyleGAN3FilteredLeakyReLU: Sendable {
    enum Downsampling: Sendable {
        case separable(rows: StyleGAN3Resampler, columns: StyleGAN3Resampler)
        /// A 2-D filter, applied to the transposed plane (so built from the transposed filter).
        case radial(StyleGAN3RadialDownsampler)
    }

    let channels: Int
    let inHeight: Int
    let inWidth: Int
    let upRows: StyleGAN3Resampler
    let upColumns: StyleGAN3Resampler
    let downsampling: Downsampling
    /// The horizontal passes row by row; nil where the transposed passes run instead.
    let rowFilter: StyleGAN3RowFilter?
    let outHeight: Int
    let outWidth: Int
    let activation: StyleGAN3Activation

    /// `upFilter` is 1-D (`[1]` for none); `downFilter` is 1-D, or `t * t` values row-major when
    /// `downIsRadial`.
    init(channels: Int, inHeight: Int, inWidth: Int, up: Int, down: Int, padLow: Int, padHigh: Int,
         upFilter: [Float], downFilter: [Float], downIsRadial: Bool,
         gain: Float, slope: Float, clamp: Float?) {
        self.channels = channels
        self.inHeight = inHeight
        self.inWidth = inWidth
        activation = StyleGAN3Activation(gain: gain, slope: slope, clamp: clamp)
        // upfirdn2d's gain up^2 is split evenly between the two axes of a separable filter.
        upRows = StyleGAN3Resampler(inputCount: inHeight, up: up, down: 1, padLow: padLow, padHigh: padHigh,
                                    filter: upFilter, gain: Float(up))
        upColumns = StyleGAN3Resampler(inputCount: inWidth, up: up, down: 1, padLow: padLow, padHigh: padHigh,
                                       filter: upFilter, gain: Float(up))
        if downIsRadial {
            let taps = Int(Double(downFilter.count).squareRoot())
            precondition(taps * taps == downFilter.count, "radial down filter must be square")
            // The horizontal passes leave the plane transposed ([upWidth][upHeight]), so the
            // filter is transposed too, and so is the result.
            let transposed = (0..<(taps * taps)).map { downFilter[($0 % taps) * taps + $0 / taps] }
            let radial = StyleGAN3RadialDownsampler(filter: transposed, taps: taps, factor: down,
                                                    inputRows: upColumns.outputCount, inputColumns: upRows.outputCount)
            downsampling = .radial(radial)
            rowFilter = nil
            outHeight = radial.outputColumns
            outWidth = radial.outputRows
        } else {
            let rows = StyleGAN3Resampler(inputCount: upRows.outputCount, up: 1, down: down, padLow: 0, padHigh: 0,
                                          filter: downFilter, gain: 1)
            let columns = StyleGAN3Resampler(inputCount: upColumns.outputCount, up: 1, down: down, padLow: 0, padHigh: 0,
                                             filter: downFilter, gain: 1)
            downsampling = .separable(rows: rows, columns: columns)
            rowFilter = StyleGAN3RowFilter(inputCount: inWidth, up: up, down: down, padLow: padLow, padHigh: padHigh,
                                           upFilter: upFilter, upGain: Float(up), downFilter: downFilter,
                                           activation: activation)
            outHeight = rows.outputCount
            outWidth = columns.outputCount
        }
    }

    /// - Parameters:
    ///   - input: `channels` planes of `inHeight` rows with `inputRowStride` floats per row
    ///     (only the first `inWidth` are read) and `inputPlaneStride` floats per plane. The bias
    ///     is added to it in place.
    ///   - output: dense `[channels, outHeight, outWidth]`.
    func apply(input: UnsafeMutablePointer<Float>, inputRowStride: Int, inputPlaneStride: Int,
               bias: [Float], output: UnsafeMutablePointer<Float>) {
        if let rowFilter, case .separable(let rows, _) = downsampling {
            applyRowByRow(rowFilter, verticalDown: rows, input: input, inputRowStride: inputRowStride,
                          inputPlaneStride: inputPlaneStride, bias: bias, output: output)
        } else {
            applyTransposed(input: input, inputRowStride: inputRowStride, inputPlaneStride: inputPlaneStride,
                            bias: bias, output: output)
        }
    }

    /// `apply` with the row filter (the path every NVlabs configuration takes).
    func applyRowByRow(_ rowFilter: StyleGAN3RowFilter, verticalDown: StyleGAN3Resampler,
                               input: UnsafeMutablePointer<Float>, inputRowStride: Int, inputPlaneStride: Int,
                               bias: [Float], output: UnsafeMutablePointer<Float>) {
        let upHeight = upRows.outputCount
        // The horizontally filtered rows, [upHeight][outWidth]: small enough to stay in L2.
        let filteredCount = upHeight * outWidth
        parallelChunks(count: channels, valuesPerItem: filteredCount) { channelRange in
            let filtered = UnsafeMutablePointer<Float>.allocate(capacity: filteredCount)
            let rowScratch = UnsafeMutablePointer<Float>.allocate(capacity: rowFilter.scratchCount)
            defer {
                filtered.deallocate()
                rowScratch.deallocate()
            }
            rowFilter.prepare(scratch: rowScratch)
            let row = rowFilter.inputRow(in: rowScratch)
            for channel in channelRange {
                let plane = input + channel * inputPlaneStride
                addBias(bias[channel], to: plane, rowStride: inputRowStride)
                for y in 0..<upHeight {
                    upRows.resampleRow(y, plane, inputStride: inputRowStride, width: inWidth, into: row)
                    rowFilter.apply(scratch: rowScratch, into: filtered + y * outWidth)
                }
                verticalDown.resampleRows(filtered, inputStride: outWidth, width: outWidth,
                                          into: output + channel * outHeight * outWidth, outputStride: outWidth)
            }
        }
    }

    /// `apply` with the horizontal passes on transposed planes.
    func applyTransposed(input: UnsafeMutablePointer<Float>, inputRowStride: Int, inputPlaneStride: Int,
                                 bias: [Float], output: UnsafeMutablePointer<Float>) {
        let upHeight = upRows.outputCount
        let upWidth = upColumns.outputCount
        // Every resampling pass runs along the slow axis (whole rows combined at once, which
        // vectorises), so horizontal passes work on transposed planes.
        let scratchCount = max(upHeight * inWidth, upWidth * upHeight)
        let phaseScratchCount: Int
        switch downsampling {
        case .separable: phaseScratchCount = 0
        case .radial(let radial): phaseScratchCount = radial.scratchCount
        }
        parallelChunks(count: channels, valuesPerItem: scratchCount) { channelRange in
            let first = UnsafeMutablePointer<Float>.allocate(capacity: scratchCount)
            let second = UnsafeMutablePointer<Float>.allocate(capacity: scratchCount)
            let third = UnsafeMutablePointer<Float>.allocate(capacity: phaseScratchCount)
            defer {
                first.deallocate()
                second.deallocate()
                third.deallocate()
            }
            for channel in channelRange {
                let plane = input + channel * inputPlaneStride
                addBias(bias[channel], to: plane, rowStride: inputRowStride)
                // [inHeight][inWidth] -> [upHeight][inWidth] -> [inWidth][upHeight] -> [upWidth][upHeight]
                upRows.resampleRows(plane, inputStride: inputRowStride, width: inWidth,
                                    into: first, outputStride: inWidth)
                transpose(first, rows: upHeight, columns: inWidth, into: second)
                upColumns.resampleRows(second, inputStride: upHeight, width: upHeight,
                                       into: first, outputStride: upHeight, activation: activation)
                let destination = output + channel * outHeight * outWidth
                switch downsampling {
                case .separable(let rows, let columns):
                    // [upWidth][upHeight] -> [outWidth][upHeight] -> [upHeight][outWidth] -> [outHeight][outWidth]
                    columns.resampleRows(first, inputStride: upHeight, width: upHeight,
                                         into: second, outputStride: upHeight)
                    transpose(second, rows: outWidth, columns: upHeight, into: first)
                    rows.resampleRows(first, inputStride: outWidth, width: outWidth,
                                      into: destination, outputStride: outWidth)
                case .radial(let radial):
                    radial.apply(first, scratch: third, into: second)
                    transpose(second, rows: outWidth, columns: outHeight, into: destination)
                }
            }
        }
    }

    private func addBias(_ bias: Float, to plane: UnsafeMutablePointer<Float>, rowStride: Int) {
        for y in 0..<inHeight {
            let line = plane + y * rowStride
            for x in 0..<inWidth { line[x] += bias }
        }
    }
}

/// Leaky ReLU, gain and clamp, in the order of NVlabs `bias_act`.
struct StyleGAN3Activation: Sendable {
    let gain: Float
    let slope: Float
    /// nil disables clamping.
    let clamp: Float?

    @inline(__always)
    func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        let gain = self.gain, slope = self.slope
        if let clamp {
            for i in 0..<count {
                let v = values[i]
                values[i] = min(max((v < 0 ? v * slope : v) * gain, -clamp), clamp)
            }
        } else {
            for i in 0..<count {
                let v = values[i]
                values[i] = (v < 0 ? v * slope : v) * gain
            }
        }
    }
}
