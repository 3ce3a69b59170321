import ArtQuality
import StyleCastArt
import StyleCastIO

/// Attribute accuracy of one model image: for each attribute, whether the image is closer
/// (`ImageComparison.psnr`, the evaluation's masked RGBA distance) to the renderer's drawing of
/// the true character than to its drawing with that attribute set to any other value. A value
/// that draws the very same image as the true one is skipped; an attribute all of whose values
/// are skipped is left out (nil). `judged` limits the attributes to some of them.
enum AttributeAccuracy {
    static func judge(_ image: RGBAImage, attributes: CharacterAttributes, reference: RGBAImage,
                      render: (CharacterAttributes) -> RGBAImage, judged: [CharacterAttribute] = CharacterAttribute.all) -> [String: Bool] {
        var verdicts: [String: Bool] = [:]
        for attribute in judged {
            verdicts[attribute.name] = verdict(image, on: attribute, attributes: attributes, reference: reference, render: render)?.correct
        }
        return verdicts
    }

    /// How `image` compares on one attribute: `correct` when it is strictly closer to `reference`
    /// (the drawing of `attributes`) than to the drawing with the attribute set to any other value,
    /// and the character whose drawing it is closest to (`attributes` itself on ties). Nil when
    /// every other value draws the very same image. `findClosest: false` stops at the first
    /// drawing at least as close, when only `correct` is wanted.
    static func verdict(_ image: RGBAImage, on attribute: CharacterAttribute, attributes: CharacterAttributes,
                        reference: RGBAImage, render: (CharacterAttributes) -> RGBAImage,
                        findClosest: Bool = false) -> (correct: Bool, closest: CharacterAttributes)? {
        let trueScore = ImageComparison.psnr(image, reference)
        var compared = false, correct = true, closest = attributes, best = trueScore
        for alternative in attribute.alternatives(attributes) {
            let drawn = render(alternative)
            guard drawn.pixels != reference.pixels else { continue }
            compared = true
            let score = ImageComparison.psnr(image, drawn)
            if score >= trueScore { correct = false }
            if score > best { best = score; closest = alternative }
            if !correct && !findClosest { break }
        }
        return compared ? (correct, closest) : nil
    }

    /// The share of images right on each attribute, over the images that could be judged on it.
    static func shares(_ verdicts: [[String: Bool]]) -> [String: Double] {
        var right: [String: Int] = [:], judged: [String: Int] = [:]
        for image in verdicts {
            for (name, correct) in image {
                judged[name, default: 0] += 1
                if correct { right[name, default: 0] += 1 }
            }
        }
        return judged.mapValues { Double($0) }.reduce(into: [:]) { shares, entry in
            shares[entry.key] = Double(right[entry.key] ?? 0) / entry.value
        }
    }
}
