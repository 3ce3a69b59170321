import Foundation
import StyleCastIO
import StyleGAN

/// A run's training batches exactly as `stylecast train` draws them (`SampleStream`) and renders
/// their targets (`SupervisedObjective`), as bytes for another trainer (tools/gpu_train.py) to
/// read, so that sampling has one definition whichever program trains.
///
/// The stream (format 2, little-endian, sizes fixed by the header):
/// - `SCSAMP01` (8 bytes), a UInt32 n, then n bytes of JSON (`Header`): z_dim, num_ws, height,
///   width, channels (4), batch_size, first_step, stride, steps (absent: until the reader
///   stops), seed, target, rows, and emphasis_weight when the config has an `attributeEmphasis`.
/// - One record per step first_step, first_step + stride, ...:
///   Int64 step; Float32 zA [batch, z_dim]; Float32 zB [batch, z_dim];
///   UInt8 fromB [batch, num_ws] (1: that w row comes from zB's w, 0: from zA's);
///   UInt8 target [batch, height, width, 4], the renderer's RGBA (straight alpha). The loss is
///   the mean squared error against it as v / 127.5 - 1, channels first;
///   with emphasis_weight W only: UInt8 emphasis [batch, height, width] (`AttributeEmphasis.mask`),
///   each pixel's squared error weighing (1 + W m) / (1 + W mean(m)) in the gradient, the mean
///   taken over the sample's pixels.
public struct TrainingSamples: Sendable {
    public static let magic = Array("SCSAMP01".utf8)
    public static let format = 2

    /// The stream's header; the reader needs nothing else to size the records.
    public struct Header: Equatable, Sendable {
        public var format: Int
        public var zDim: Int
        public var numWs: Int
        public var height: Int
        public var width: Int
        public var channels: Int
        public var batchSize: Int
        public var firstStep: Int
        public var stride: Int
        public var steps: Int?
        public var seed: UInt32
        public var target: TrainingTarget
        public var rows: RowGroups
        public var emphasisWeight: Float?

        /// The JSON the stream carries (keys sorted; `steps` left out when there is no end).
        public var json: JSONValue {
            var value: JSONValue = [
                "format": .number(format), "z_dim": .number(zDim), "num_ws": .number(numWs), "height": .number(height),
                "width": .number(width), "channels": .number(channels), "batch_size": .number(batchSize),
                "first_step": .number(firstStep), "stride": .number(stride), "seed": .number(seed),
                "target": .string(target.rawValue), "rows": rows.json,
            ]
            if let steps { value["steps"] = .number(steps) }
            if let emphasisWeight { value["emphasis_weight"] = .number(emphasisWeight) }
            return value.canonical
        }
    }

    public let batchSize: Int
    let seed: UInt32
    let zDim: Int
    let numWs: Int
    let height: Int
    let width: Int
    let objective: SupervisedObjective
    let stream: SampleStream

    /// The samples of `config`'s run; `batchSize` overrides the config's (it changes the batches).
    public init(config: TrainingConfig, batchSize: Int? = nil) throws {
        let spec = try config.generatorSpec()
        guard let synthesis = spec.styleGAN2 else { throw TrainingError(reason: "only StyleGAN2 generators can be trained") }
        self.batchSize = batchSize ?? config.batchSize
        guard self.batchSize >= 1 else { throw TrainingError(reason: "the batch size must be at least 1, got \(self.batchSize)") }
        seed = config.seed
        zDim = spec.zDim
        numWs = spec.numWs
        height = synthesis.resolution
        width = synthesis.imageWidth
        objective = SupervisedObjective(target: config.target, rows: config.rows, attributeEmphasis: config.attributeEmphasis)
        stream = SampleStream(seed: config.seed, zDim: spec.zDim, groups: config.rows.groups.map(\.name),
                              mixingProbability: config.mixingProbability)
    }

    /// Bytes of one step's record.
    public var recordSize: Int { 8 + batchSize * (2 * zDim * 4 + numWs + height * width * (objective.attributeEmphasis == nil ? 4 : 5)) }

    /// The stream's opening bytes: magic, header length, header JSON.
    public func header(firstStep: Int, stride: Int, steps: Int?) throws -> [UInt8] {
        let header = Header(format: Self.format, zDim: zDim, numWs: numWs, height: height, width: width, channels: 4,
                            batchSize: batchSize, firstStep: firstStep, stride: stride, steps: steps, seed: seed,
                            target: objective.target, rows: objective.rows, emphasisWeight: objective.attributeEmphasis?.weight)
        let json = JSONWriter.compact(header.json)
        var bytes = Self.magic
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: json)
        return bytes
    }

    /// The records of `steps`, one after another; the targets are rendered on the cores the process may use.
    public func records(steps: [Int]) throws -> [UInt8] {
        let batches = steps.map { stream.batch(step: $0, size: batchSize) }
        let targetOffset = 8 + batchSize * (2 * zDim * 4 + numWs)
        let imageBytes = height * width * 4
        let maskOffset = targetOffset + batchSize * imageBytes
        // Rendered on the cores the process may use (`concurrentMap`), then written in order.
        let samples = batches.flatMap { $0 }
        let drawn = try concurrentMap(samples.count) { index -> (RGBAImage, [UInt8]) in
            let character = samples[index].attributes()
            let image = objective.target.render(character)
            let mask = objective.attributeEmphasis?.mask(character: character, drawing: image,
                                                         contrastKey: samples[index].contrastKey,
                                                         render: objective.target.render) ?? []
            return (image, mask)
        }
        let images = drawn.map(\.0)
        guard images.allSatisfy({ $0.width == width && $0.height == height }) else {
            throw TrainingError(reason: "the renderer's \(objective.target.rawValue) images are not the network's \(width)x\(height) output; "
                                + "fix generator.img_resolution / init_res in the config")
        }
        var bytes = [UInt8](repeating: 0, count: steps.count * recordSize)
        bytes.withUnsafeMutableBytes { raw in
            for (index, batch) in batches.enumerated() {
                var offset = index * recordSize
                func put<T: FixedWidthInteger>(_ value: T) {
                    raw.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
                    offset += MemoryLayout<T>.size
                }
                put(Int64(steps[index]))
                for sample in batch { for v in sample.zA { put(v.bitPattern) } }
                for sample in batch { for v in sample.zB { put(v.bitPattern) } }
                for sample in batch { for fromB in objective.rowsFromB(sample, numWs: numWs) { put(UInt8(fromB ? 1 : 0)) } }
                for row in 0..<batchSize {
                    images[index * batchSize + row].pixels.withUnsafeBytes { pixels in
                        (raw.baseAddress! + index * recordSize + targetOffset + row * imageBytes)
                            .copyMemory(from: pixels.baseAddress!, byteCount: imageBytes)
                    }
                }
                guard objective.attributeEmphasis != nil else { continue }
                for row in 0..<batchSize {
                    drawn[index * batchSize + row].1.withUnsafeBytes { mask in
                        (raw.baseAddress! + index * recordSize + maskOffset + row * height * width)
                            .copyMemory(from: mask.baseAddress!, byteCount: height * width)
                    }
                }
            }
        }
        return bytes
    }
}
