import Foundation
import StyleCastIO

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
    /// The `init_kwargs` JSON text, as given (the text a model file carries).
    public var initKwargsJSON: String
    /// The `init_kwargs` as parsed (for the StyleGAN3 synthesis constructor).
    public var initKwargs: JSONObject

    /// Parses `class` and `init_kwargs` JSON text. Errors (`JSONContentError`) name the
    /// offending field, and `file` where one is given.
    public init(className: String, initKwargsJSON: String, file: String = "") throws {
        guard let family = GeneratorFamily(rawValue: className) else {
            throw JSONContentError(file: file, field: "__metadata__.class", reason: "unsupported generator class '\(className)' "
                + "(supported: \(GeneratorFamily.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let parsed: JSONValue
        do {
            parsed = try JSONDocument(parsing: initKwargsJSON).root
        } catch let error as JSONParseError {
            throw JSONContentError(file: file, field: "__metadata__.init_kwargs", reason: "is not JSON (\(error.line):\(error.column): \(error.reason))")
        }
        try self.init(family: family, initKwargs: JSONField(parsed, file: file, name: "init_kwargs"), text: initKwargsJSON)
    }

    /// Reads the `init_kwargs` object at `initKwargs` (such as a training config's `generator`,
    /// whose errors then point into the config). `initKwargsJSON` becomes its canonical text
    /// (keys sorted, numbers in one spelling), as a model file made from it will carry.
    public init(family: GeneratorFamily, initKwargs: JSONField) throws {
        try self.init(family: family, initKwargs: initKwargs,
                      text: String(decoding: JSONWriter.compact(initKwargs.value.canonical), as: UTF8.self))
    }

    private init(family: GeneratorFamily, initKwargs field: JSONField, text: String) throws {
        guard let object = field.value.objectValue else { throw field.error("must be a JSON object, not \(field.value.brief)") }
        // Older (stylegan2-ada-pytorch) models nest the synthesis arguments; flatten them.
        var arguments = object
        if let nested = try field.optionalMember("synthesis_kwargs") {
            arguments["synthesis_kwargs"] = nil
            for (key, member) in try nested.members() {
                try member.check(arguments[key] == nil, "is also given at the top level")
                arguments[key] = member.value
            }
        }
        var kwargs = try InitKwargs(field.with(.object(arguments)))
        self.family = family
        initKwargsJSON = text
        initKwargs = object
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
        func fail(_ reason: String) -> ModelFileError { ModelFileError(subject: file.path, reason: reason) }
        guard let className = file.metadata["class"] else {
            throw fail("__metadata__ has no 'class' (expected \(GeneratorFamily.allCases.map(\.rawValue).joined(separator: " or "))); convert the model with `stylecast convert`")
        }
        guard let json = file.metadata["init_kwargs"] else {
            throw fail("__metadata__ has no 'init_kwargs'; convert the model with `stylecast convert`")
        }
        try self.init(className: className, initKwargsJSON: json, file: file.path)
        if let stated = file.metadata["num_ws"] {
            guard Int(stated) == numWs else {
                throw fail("__metadata__.num_ws is \(stated) but init_kwargs imply \(numWs)")
            }
        }
    }
}
