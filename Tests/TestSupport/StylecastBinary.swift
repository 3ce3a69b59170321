import Foundation
import XCTest

/// The `stylecast` built beside the test bundle (`swift test` builds every product), or the one
/// STYLECAST_BINARY names; skips the test when there is none. For the tests that must run the
/// real program: signals, kills, other processes.
public func stylecastBinary(besideBundleOf testClass: AnyClass) throws -> String {
    if let path = ProcessInfo.processInfo.environment["STYLECAST_BINARY"] { return path }
    let candidates = [
        Bundle(for: testClass).bundleURL.deletingLastPathComponent().appendingPathComponent("stylecast").path,
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/release/stylecast").path,
    ]
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        throw XCTSkip("no stylecast binary at \(candidates); build it (swift build -c release) or set STYLECAST_BINARY")
    }
    return found
}

/// Starts `binary` with `arguments`, its stdout and stderr both going to the file `log`, and
/// `environment` added to this process's.
public func launch(_ binary: String, _ arguments: [String], log: String, environment: [String: String] = [:]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    _ = FileManager.default.createFile(atPath: log, contents: nil)
    process.standardOutput = FileHandle(forWritingAtPath: log)
    process.standardError = FileHandle(forWritingAtPath: log)
    try process.run()
    return process
}
