import ArgumentParser

@main
struct StyleCast: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "stylecast",
        abstract: "Generate game-ready RPG Maker character art from a StyleGAN latent space.",
        discussion: """
            StyleCast runs StyleGAN2-ADA and StyleGAN3 generators on the CPU and writes walk \
            sheets, face sets and actors straight into an RPG Maker MV or MZ project.
            """,
        version: version,
        subcommands: [
            InspectCommand.self,
            TrainCommand.self,
            TrainSamplesCommand.self,
            PresetsCommand.self,
            GenerateCommand.self,
            SynthCommand.self,
            MixCommand.self,
            ProjectCommand.self,
            BenchCommand.self,
            ProjectBenchCommand.self,
            RenderCommand.self,
            DatasetCommand.self,
            InitCommand.self,
            ExportCommand.self,
            EvaluateCommand.self,
            EvaluateCastCommand.self,
            CastCommand.self,
            CastBenchCommand.self,
        ]
    )
}
