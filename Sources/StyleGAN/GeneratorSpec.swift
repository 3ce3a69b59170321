import Foundation

/// Which NVlabs generator class a model file holds (`__metadata__.class`).
public enum GeneratorFamily: String, Sendable, CaseIterable {
    case styleGAN2 = "networks_stylegan2.Generator"
    case styleGAN3 = "networks_stylegan3.Generator"
}

/// A generator's constructor arguments (`__metadata__.init_kwargs`) parsed with the NVlabs
/// defaults, plus the derived layout. Everything the loader checks tensor shapes against.
public struct GeneratorSpec: Sendable, Equatable {
    public var family: GeneratorFamily
    public var zDim: Int
    public var cDim: Int
    public var wDim: Int
    public var resolution: Int
    public var imageChannels: Int
    public var numWs: Int
    public var mapping: MappingSpec
    /// The StyleGAN2 synthesis arguments; nil for StyleGAN3, whose synthesis reads `initKwargs` itself.
    public var styleGAN2: StyleGAN2Spec?
    /// The original `init_kwargs` JSON text.
    public var initKwargsJSON: String

    /// Parses `class` and `init_kwargs` JSON. Errors name the offending field.
    public init(className: String, initKwargsJSON: String) throws {
        guard let family = GeneratorFamily(rawValue: className) else {
            throw InitKwargsError(field: "__metadata__.class", reason: "unsupported generator class '\(className)' "
                + "(supported: \(GeneratorFamily.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(initKwargsJSON.utf8)),
              let dictionary = object as? [String: Any] else {
            throw InitKwargsError(field: "__metadata__.init_kwargs", reason: "is not a JSON object")
        }
        // Older (stylegan2-ada-pytorch) models nest the synthesis arguments; flatten them.
        var arguments = dictionary
        if let nested = dictionary["synthesis_kwargs"], !(nested is NSNull) {
            guard let inner = nested as? [String: Any] else {
                throw InitKwargsError(field: "init_kwargs.synthesis_kwargs", reason: "must be an object")
            }
            arguments.removeValue(forKey: "synthesis_kwargs")
            for (key, value) in inner {
                guard arguments[key] == nil else {
                    throw InitKwargsError(field: "init_kwargs.synthesis_kwargs.\(key)", reason: "is also given at the top level")
                }
                arguments[key] = value
            }
        }
        var kwargs = InitKwargs(arguments, path: "init_kwargs")
        self.family = family
        self.initKwargsJSON = initKwargsJSON
        zDim = try kwargs.int("z_dim")
        cDim = try kwargs.int("c_dim", default: 0)
        wDim = try kwargs.int("w_dim", atLeast: 1)
        resolution = try kwargs.int("img_resolution", atLeast: 1)
        imageChannels = try kwargs.int("img_channels", atLeast: 1)
        var mappingKwargs = try kwargs.object("mapping_kwargs")
        switch family {
        case .styleGAN2:
            let synthesis = try StyleGAN2Spec.read(wDim: wDim, resolution: resolution, imageChannels: imageChannels, kwargs: &kwargs)
            try kwargs.rejectUnread()
            styleGAN2 = synthesis
            numWs = synthesis.numWs
            mapping = try MappingSpec.styleGAN2(zDim: zDim, cDim: cDim, wDim: wDim, numWs: numWs, kwargs: &mappingKwargs)
        case .styleGAN3:
            // networks_stylegan3.SynthesisNetwork: one w per layer, plus the input and the output.
            numWs = try kwargs.int("num_layers", default: 14, atLeast: 1) + 2
            styleGAN2 = nil
            mapping = try MappingSpec.styleGAN3(zDim: zDim, cDim: cDim, wDim: wDim, numWs: numWs, kwargs: &mappingKwargs)
        }
    }

    /// Reads the spec from a model file's metadata, checking its `num_ws` against the layout.
    public init(file: SafeTensorsFile) throws {
        func fail(_ reason: String) -> ModelFileError { ModelFileError(path: file.path, reason: reason) }
        guard let className = file.metadata["class"] else {
            throw fail("__metadata__ has no 'class' (expected \(GeneratorFamily.allCases.map(\.rawValue).joined(separator: " or "))); convert the model with `stylecast convert`")
        }
        guard let json = file.metadata["init_kwargs"] else {
            throw fail("__metadata__ has no 'init_kwargs'; convert the model with `stylecast convert`")
        }
        do {
            try self.init(className: className, initKwargsJSON: json)
        } catch let error as InitKwargsError {
            throw fail(error.description)
        }
        if let stated = file.metadata["num_ws"] {
            guard Int(stated) == numWs else {
                throw fail("__metadata__.num_ws is \(stated) but init_kwargs imply \(numWs)")
            }
        }
    }

    /// The `init_kwargs` as Foundation parses them (for the StyleGAN3 synthesis constructor).
    public var initKwargs: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(initKwargsJSON.utf8))) as? [String: Any] ?? [:]
    }
}
