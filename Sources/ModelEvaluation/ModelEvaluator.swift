import ArtQuality
import Foundation
import StyleCastArt
import StyleCastIO

/// Runs the evaluation of a source over seeds: fidelity at psi 1, clean share at each psi,
/// and style-mixing semantics over the pairs (seeds[0], seeds[1]), (seeds[2], seeds[3]), ...
/// Images are made in parallel; the report is the same however they are scheduled.
public enum ModelEvaluator {
    /// How many failure examples each clean share lists.
    static let failureExamples = 3

    public static func evaluate(_ source: some EvaluationSource, seeds: [UInt32], psis: [Float],
                                progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> EvaluationReport {
        guard !seeds.isEmpty else { throw EvaluationError(subject: "--seeds", reason: "no seeds to evaluate") }
        guard !psis.isEmpty, psis.allSatisfy(\.isFinite) else {
            throw EvaluationError(subject: "--psi-list", reason: "give at least one finite psi, such as 0.7,1.0")
        }
        let perSeed = try inParallel(seeds.count, label: "seeds", progress: progress) { index in
            try SeedResult(source: source, seed: seeds[index], psis: psis)
        }
        let pairCount = seeds.count / 2
        let perPair = try inParallel(pairCount, label: "style-mixing pairs", progress: progress) { index in
            try PairResult(source: source, a: perSeed[2 * index], b: perSeed[2 * index + 1])
        }
        let fidelity = EvaluationReport.Fidelity(psnr: .init(perSeed.map(\.psnr)), silhouetteIoU: .init(perSeed.map(\.iou)),
                                                 psnrAfterCleanup: .init(perSeed.map(\.psnrAfterCleanup)))
        let cleanliness = psis.enumerated().map { k, psi in
            let failures = perSeed.compactMap { result in result.cleanAt[k].reason.map { "seed \(result.seed): \($0)" } }
            return EvaluationReport.Cleanliness(psi: psi, cleanShare: 1 - Double(failures.count) / Double(perSeed.count),
                                                examples: Array(failures.prefix(failureExamples)))
        }
        var mixing = [EvaluationReport.Mixing(
            group: .colours, swapped: source.describe(.colours), pairs: pairCount,
            silhouetteIoU: .init(perPair.map(\.colourIoU)),
            movedShare: pairCount == 0 ? .nan : Double(perPair.filter(\.coloursMoved).count) / Double(pairCount))]
        if source.target.mixedGroups.contains(.expression) {
            mixing.append(EvaluationReport.Mixing(
                group: .expression, swapped: source.describe(.expression), pairs: pairCount,
                insideRegionShare: .init(perPair.compactMap(\.expressionInside))))
        }
        var report = EvaluationReport(source: source.name, target: source.target, seeds: seeds, fidelity: fidelity,
                                      attributeAccuracy: AttributeAccuracy.shares(perSeed.map(\.attributeVerdicts)),
                                      cleanliness: cleanliness, mixing: mixing)
        if source.target.mixedGroups.contains(.expression) {
            var confusion: [String: [String: Int]] = [:]
            for result in perSeed {
                guard let seen = result.expressionSeenAs else { continue }
                confusion[result.attributes.expression.expression.rawValue, default: [:]][seen.rawValue, default: 0] += 1
            }
            report.expressionConfusion = confusion
        }
        return report
    }

    /// `count` results of `body`, computed concurrently, in index order, with progress every ten.
    private static func inParallel<Result: Sendable>(_ count: Int, label: String, progress: @escaping @Sendable (String) -> Void,
                                                     _ body: @escaping @Sendable (Int) throws -> Result) throws -> [Result] {
        try concurrentMap(count, finished: { done in
            if done % 10 == 0 || done == count { progress("\(done)/\(count) \(label)") }
        }, body)
    }
}

/// What one seed contributes: fidelity figures at psi 1 and the clean check at each psi.
private struct SeedResult: Sendable {
    let seed: UInt32
    let attributes: CharacterAttributes
    /// The model's image at psi 1.
    let image: RGBAImage
    let psnr: Double
    let iou: Double
    /// PSNR of the image after the cast's clean-up (`TrainingTarget.castCleanup`).
    let psnrAfterCleanup: Double
    /// Attribute name -> whether the image shows the seed's value of it (`AttributeAccuracy`).
    let attributeVerdicts: [String: Bool]
    /// For targets that draw expressions: the expression whose drawing the image is closest to.
    let expressionSeenAs: StyleCastArt.Expression?
    let cleanAt: [CheckOutcome]

    init(source: some EvaluationSource, seed: UInt32, psis: [Float]) throws {
        self.seed = seed
        attributes = source.attributes(seed: seed)
        let reference = source.target.render(attributes)
        var images: [Float: RGBAImage] = [:]
        for psi in Set(psis + [1]) { images[psi] = try source.image(seed: seed, psi: psi) }
        image = images[1]!
        psnr = ImageComparison.psnr(image, reference)
        iou = ImageComparison.silhouetteIoU(image, reference)
        psnrAfterCleanup = ImageComparison.psnr(source.target.castCleanup(image), reference)
        attributeVerdicts = AttributeAccuracy.judge(image, attributes: attributes, reference: reference, render: source.target.render)
        expressionSeenAs = !source.target.mixedGroups.contains(.expression) ? nil
            : AttributeAccuracy.verdict(image, on: CharacterAttribute.named(["expression"])[0], attributes: attributes,
                                        reference: reference, render: source.target.render, findClosest: true)?
                .closest.expression.expression
        cleanAt = psis.map { source.target.cleanCheck(images[$0]!) }
    }
}

/// What one pair (A, B) contributes to the style-mixing figures.
private struct PairResult: Sendable {
    let colourIoU: Double
    let coloursMoved: Bool
    let expressionInside: Double?

    init(source: some EvaluationSource, a: SeedResult, b: SeedResult) throws {
        let target = source.target
        let colourMix = try source.image(seed: a.seed, taking: .colours, from: b.seed, psi: 1)
        colourIoU = ImageComparison.silhouetteIoU(colourMix, a.image)
        let wanted = target.render(AttributeGroup.colours.transplant(from: b.attributes, into: a.attributes))
        coloursMoved = ImageComparison.psnr(colourMix, wanted) > ImageComparison.psnr(colourMix, target.render(a.attributes))
        if target.mixedGroups.contains(.expression) {
            let expressionMix = try source.image(seed: a.seed, taking: .expression, from: b.seed, psi: 1)
            let region = FacePortrait.expressionRegion(headTurn: a.attributes.expression.headTurn)
            expressionInside = RegionChange(from: a.image, to: expressionMix, region: region).insideShare
        } else {
            expressionInside = nil
        }
    }
}
