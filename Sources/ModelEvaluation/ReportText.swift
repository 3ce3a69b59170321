import Foundation

/// The report as people read it: one figure a line with its goal and whether it is met.
extension EvaluationReport {
    public var text: String {
        var lines = ["\(source) (\(target.rawValue)), \(seeds.count) seeds \(seedLabel)"]
        lines.append("Fidelity at psi 1.0 (model image vs the renderer's image of the seed's character; clean-up: "
                     + "the cast's \(target == .walkSheet ? "SpriteCleanup" : "PortraitCleanup"))")
        lines.append(row("PSNR", fidelity.psnr.median, mean: fidelity.psnr.mean, unit: " dB", goal: Goal.psnr))
        lines.append(row("Silhouette IoU", fidelity.silhouetteIoU.median, mean: fidelity.silhouetteIoU.mean, unit: "", goal: Goal.silhouetteIoU))
        lines.append(row("PSNR after clean-up", fidelity.psnrAfterCleanup.median,
                         mean: fidelity.psnrAfterCleanup.mean, unit: " dB", goal: Goal.psnr))
        lines.append("Attribute accuracy at psi 1.0 (share of seeds closer to their own value than to any other)")
        for (name, share) in attributeAccuracy.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(name)".padded(to: 26) + percent(share).padded(to: 22)
                         + "goal >= \(percent(Goal.attributeAccuracy))  " + verdict(share >= Goal.attributeAccuracy))
        }
        if let expressionConfusion {
            lines.append("Expressions as drawn (closest drawing of the seed's character, by expression)")
            for (wanted, seen) in expressionConfusion.sorted(by: { $0.key < $1.key }) {
                let total = seen.values.reduce(0, +), right = seen[wanted] ?? 0
                let others = seen.filter { $0.key != wanted }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                lines.append("  \(wanted)".padded(to: 26) + "\(right) of \(total)"
                             + (others.isEmpty ? "" : "; otherwise " + others.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
            }
        }
        lines.append("Clean share (\(target == .walkSheet ? "CleanSheetCheck" : "CleanFaceCheck") on the raw model output)")
        for entry in cleanliness {
            lines.append("  psi \(format(Double(entry.psi), 2))".padded(to: 26) + percent(entry.cleanShare).padded(to: 22)
                         + "goal >= \(percent(Goal.cleanShare))  " + verdict(entry.cleanShare >= Goal.cleanShare))
            for example in entry.examples { lines.append("    e.g. \(example)") }
        }
        for mix in mixing {
            lines.append("Style mixing: \(mix.group.rawValue) from B (\(mix.swapped)), \(mix.pairs) pairs (A, B)")
            if let iou = mix.silhouetteIoU {
                lines.append(row("Silhouette IoU vs A", iou.median, mean: iou.mean, unit: "", goal: Goal.silhouetteIoU))
            }
            if let moved = mix.movedShare {
                lines.append("  Colours moved to B".padded(to: 26) + percent(moved).padded(to: 22)
                             + "goal >= \(percent(Goal.colourMovedShare))  " + verdict(moved >= Goal.colourMovedShare))
            }
            if let inside = mix.insideRegionShare {
                lines.append(row("Change inside region", inside.median, mean: inside.mean, unit: "", goal: Goal.insideRegionShare))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var seedLabel: String {
        guard let first = seeds.first, let last = seeds.last else { return "" }
        let contiguous = seeds.count == Int(last) - Int(first) + 1 && zip(seeds, seeds.dropFirst()).allSatisfy { $1 == $0 + 1 }
        return contiguous ? "\(first)-\(last)" : "\(first)...\(last)"
    }

    private func row(_ name: String, _ median: Double, mean: Double, unit: String, goal: Double) -> String {
        let digits = unit.isEmpty ? 3 : 2
        return "  \(name)".padded(to: 26) + "median \(format(median, digits))\(unit)".padded(to: 22)
            + "mean \(format(mean, digits))\(unit)".padded(to: 20) + "goal >= \(format(goal, unit.isEmpty ? 2 : 0))\(unit)  "
            + verdict(median >= goal)
    }

    private func verdict(_ met: Bool) -> String { met ? "met" : "NOT MET" }

    private func percent(_ share: Double) -> String { format(share * 100, 1) + "%" }

    private func format(_ value: Double, _ digits: Int) -> String {
        value.isNaN ? "n/a" : value.isInfinite ? (value > 0 ? "inf" : "-inf") : String(format: "%.\(digits)f", value)
    }
}

private extension String {
    func padded(to width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
