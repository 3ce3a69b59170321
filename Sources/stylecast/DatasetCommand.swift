import ArgumentParser

struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dataset")
    func run() throws {}
}
