import ArgumentParser
import Foundation
import StyleCastArt

/// `stylecast dataset`: many procedural characters and their attributes, for training.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Write a training set of procedural walk sheets or face portraits.",
        discussion: """
            Sample i is the character of seed S+i, written as <out>/NNNNNN.png (i with six \
            digits); <out>/\(ArtDataset.attributesFile) has one JSON object per line, in sample \
            order, with the file, its seed and every attribute.
            """)

    @Option(help: "What to draw: sheet (144x192 MV walk sheets) or face (144x144 portraits).")
    var kind: String

    @Option(help: "How many samples.")
    var count: Int

    @Option(help: "Seed of the first sample.")
    var seed: UInt64 = 0

    @Option(help: "Output folder (created if missing).")
    var out: String

    func validate() throws {
        guard DatasetKind(rawValue: kind) != nil else {
            throw ValidationError("--kind '\(kind)' is not one of: \(DatasetKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard (1...10_000_000).contains(count) else {
            throw ValidationError("--count must be between 1 and 10000000 (got \(count)).")
        }
    }

    func run() throws {
        try OutputFolder.create(out)
        let start = Date()
        try ArtDataset.write(kind: DatasetKind(rawValue: kind)!, count: count, seed: seed, to: out)
        let seconds = Date().timeIntervalSince(start)
        print("wrote \(count) \(kind) samples to \(out) in \(String(format: "%.2f", seconds)) s "
              + "(\(String(format: "%.0f", Double(count) / max(seconds, 1e-9))) samples/s)")
    }
}
