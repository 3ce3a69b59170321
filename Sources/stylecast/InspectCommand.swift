import ArgumentParser
import StyleGAN

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a generator model: architecture, resolution, channels, num_ws, parameters.")

    @Argument(help: "Generator model (.safetensors).")
    var model: String

    func run() throws {
        let generator = try Generator.load(path: model)
        let spec = generator.spec
        print("model:        \(model)")
        print("class:        \(spec.family.rawValue)")
        if let synthesis = spec.styleGAN2 {
            print("architecture: StyleGAN2 \(synthesis.architecture.rawValue)")
            let blocks = synthesis.blockResolutions.map { "\($0)x\(synthesis.width(at: $0)): \(synthesis.channels(at: $0))" }
            print("channels:     " + blocks.joined(separator: ", "))
            print("conv_clamp:   \(synthesis.convClamp.map { String($0) } ?? "none")")
        }
        print("resolution:   \(generator.synthesis.imageWidth)x\(generator.synthesis.imageHeight)")
        print("img_channels: \(generator.synthesis.imageChannels)")
        print("z_dim:        \(spec.zDim)")
        print("c_dim:        \(spec.cDim)")
        print("w_dim:        \(spec.wDim)")
        print("num_ws:       \(spec.numWs)")
        print("mapping:      \(spec.mapping.numLayers) layers")
        print("parameters:   \(generator.parameterCount)")
    }
}
