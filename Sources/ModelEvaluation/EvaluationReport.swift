import Foundation
import StyleCastIO
import Training

/// The figures of one evaluation, each beside its goal. Per-image values are summarised by
/// their mean and median; medians are what the goals judge.
public struct EvaluationReport: Equatable, Sendable {
    public struct Summary: Equatable, Sendable {
        public var mean: Double
        public var median: Double

        public init(_ values: [Double]) {
            let sorted = values.sorted()
            mean = sorted.isEmpty ? .nan : sorted.reduce(0, +) / Double(sorted.count)
            median = sorted.isEmpty ? .nan
                : sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
    }

    /// Model image at psi 1 against the renderer's image of the seed's character.
    public struct Fidelity: Equatable, Sendable {
        public var psnr: Summary
        public var silhouetteIoU: Summary
        /// PSNR after the clean-up the cast gives the image (`SpriteCleanup`, `PortraitCleanup`).
        public var psnrAfterCleanup: Summary
    }

    /// The share of raw model images that pass the clean-art check, at one psi.
    public struct Cleanliness: Equatable, Sendable {
        public var psi: Float
        public var cleanShare: Double
        /// A few failures as "seed N: reason", for a first look at what goes wrong.
        public var examples: [String]
    }

    /// Style mixes of seed pairs (A, B): A's image with one group's rows taken from B.
    public struct Mixing: Equatable, Sendable {
        public var group: AttributeGroup
        /// What was swapped (which w rows).
        public var swapped: String
        public var pairs: Int
        /// Colours: the mix's silhouette against A's image (the shape must stay).
        public var silhouetteIoU: Summary?
        /// Colours: pairs whose mix is closer (PSNR) to the renderer's "shape of A, colours of B"
        /// than to the renderer's A.
        public var movedShare: Double?
        /// Expression: the share of the change A -> mix inside the expression region, over the
        /// pairs where anything changed.
        public var insideRegionShare: Summary?
    }

    public var source: String
    public var target: TrainingTarget
    public var seeds: [UInt32]
    public var fidelity: Fidelity
    /// Attribute name -> the share of seeds whose image at psi 1 is closer to the renderer's
    /// drawing of the seed's character than to its drawing with that attribute set to any
    /// other value (`AttributeAccuracy`); attributes the target does not draw are left out.
    public var attributeAccuracy: [String: Double]
    /// Targets that draw expressions (faces): expression -> the expression whose drawing the
    /// seeds' images with it are closest to -> how many seeds; which expressions the model
    /// draws as which. Nil for targets without expressions.
    public var expressionConfusion: [String: [String: Int]]? = nil
    public var cleanliness: [Cleanliness]
    public var mixing: [Mixing]

    /// The goals every model should meet.
    public enum Goal {
        public static let psnr = 25.0
        public static let silhouetteIoU = 0.9
        public static let attributeAccuracy = 0.95
        public static let cleanShare = 0.95
        public static let colourMovedShare = 0.95
        public static let insideRegionShare = 0.9
    }

    /// The report as JSON (`stylecast evaluate --json`): keys sorted, fields left out when
    /// they do not apply; infinite PSNR (a perfect image) is written as "inf".
    public var jsonValue: JSONValue {
        func number(_ value: Double) -> JSONValue { .measurement(value) }
        func summary(_ summary: Summary) -> JSONValue { ["mean": number(summary.mean), "median": number(summary.median)] }
        let cleanliness = self.cleanliness.map { entry -> JSONValue in
            ["psi": .number(entry.psi), "cleanShare": number(entry.cleanShare), "examples": .array(entry.examples.map { .string($0) })]
        }
        let mixing = self.mixing.map { entry -> JSONValue in
            var value: JSONValue = ["group": .string(entry.group.rawValue), "swapped": .string(entry.swapped), "pairs": .number(entry.pairs)]
            if let silhouetteIoU = entry.silhouetteIoU { value["silhouetteIoU"] = summary(silhouetteIoU) }
            if let movedShare = entry.movedShare { value["movedShare"] = number(movedShare) }
            if let insideRegionShare = entry.insideRegionShare { value["insideRegionShare"] = summary(insideRegionShare) }
            return value
        }
        var report: JSONValue = [
            "source": .string(source), "target": .string(target.rawValue), "seeds": .array(seeds.map { .number($0) }),
            "fidelity": ["psnr": summary(fidelity.psnr), "silhouetteIoU": summary(fidelity.silhouetteIoU),
                         "psnrAfterCleanup": summary(fidelity.psnrAfterCleanup)],
            "attributeAccuracy": .object(JSONObject(attributeAccuracy.map { ($0.key, number($0.value)) })),
            "cleanliness": .array(cleanliness), "mixing": .array(mixing),
        ]
        if let expressionConfusion {
            report["expressionConfusion"] = .object(JSONObject(expressionConfusion.map { wanted, seen in
                (wanted, JSONValue.object(JSONObject(seen.map { ($0.key, JSONValue.number($0.value)) })))
            }))
        }
        return report.canonical
    }

    /// `jsonValue` as pretty JSON (two-space indentation, as `JSON.stringify(value, null, 2)`).
    public func json() -> String {
        String(decoding: JSONWriter.pretty(jsonValue), as: UTF8.self)
    }
}

extension JSONValue {
    /// A figure of a report: a number, or "inf", "-inf" or "nan" where JSON has none (a perfect
    /// image's PSNR is infinite).
    static func measurement(_ value: Double) -> JSONValue {
        value.isFinite ? .number(value) : .string(value.isNaN ? "nan" : value > 0 ? "inf" : "-inf")
    }
}
