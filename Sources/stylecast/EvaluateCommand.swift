import ArgumentParser
import Foundation
import ModelEvaluation
import StyleGAN

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure a trained StyleCast model against the renderer it imitates.",
        discussion: """
            Over the seeds (keep them far from the training seeds): fidelity at psi 1 (PSNR and \
            silhouette IoU of the model's image vs the renderer's image of the character the seed \
            encodes), the share of clean raw images at each psi, and whether style mixing moves \
            the colours (and, for faces, the expression) rows and nothing else. Every figure is \
            shown beside its goal. Progress goes to stderr.
            """)

    static let contactSheetSeeds = 16

    @Option(name: .long, help: "Trained model (.safetensors with stylecast_target and stylecast_rows metadata).")
    var model: String
    @Option(name: .long, help: "Seeds, e.g. 1000000-1000199.")
    var seeds = "1000000-1000199"
    @Option(name: .customLong("psi-list"), help: "Truncation values for the clean share, e.g. 0.5,0.7,1.0.")
    var psiList = "0.5,0.7,1.0"
    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false
    @Option(name: .customLong("contact-sheet"), help: "Also write the first 16 seeds beside their renderer targets to this PNG.")
    var contactSheet: String?

    func run() throws {
        HeapTuning.reuseLargeAllocations()
        let file = try SafeTensorsFile(path: model)
        let output = try Self.evaluate(file: file, seeds: IndexList.seeds(seeds), psis: Self.psis(psiList),
                                       json: json, contactSheet: contactSheet) { line in
            FileHandle.standardError.write(Data("evaluate: \(line)\n".utf8))
        }
        print(output, terminator: "")
    }

    /// The report of a model file (text or JSON); writes the contact sheet when asked.
    static func evaluate(file: SafeTensorsFile, seeds: [UInt32], psis: [Float], json: Bool, contactSheet: String?,
                         progress: @escaping @Sendable (String) -> Void) throws -> String {
        let source = try GeneratorSource(file: file)
        let report = try ModelEvaluator.evaluate(source, seeds: seeds, psis: psis, progress: progress)
        if let contactSheet {
            try writePNG(SeedContactSheet.make(source, seeds: Array(seeds.prefix(contactSheetSeeds))), to: contactSheet)
            progress("wrote \(contactSheet)")
        }
        return json ? report.json() + "\n" : report.text
    }

    static func psis(_ text: String) throws -> [Float] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            guard let psi = Float(trimmed), psi.isFinite else {
                throw ValidationError("--psi-list '\(text)': '\(trimmed)' is not a number")
            }
            return psi
        }
    }
}
