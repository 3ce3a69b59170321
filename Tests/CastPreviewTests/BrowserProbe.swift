import Foundation
import XCTest

/// What headless Chromium saw when it opened a page (see browser_probe.py beside this file).
struct BrowserReport<Result: Decodable>: Decodable {
    struct ConsoleMessage: Decodable { let level: String; let text: String }
    struct FailedRequest: Decodable { let url: String; let error: String }
    struct Screenshot: Decodable { let path: String }

    let result: Result
    let console: [ConsoleMessage]
    let exceptions: [String]
    let requests: [String]
    let failedRequests: [FailedRequest]
    let screenshots: [Screenshot]
}

enum BrowserProbe {
    /// Opens `page` from file:// in headless Chromium, evaluates `probe` (a JavaScript expression;
    /// a promise is awaited) once the page has loaded and, with `screenshotsOf`, captures every
    /// element matching that selector into `screenshotFolder`. Skips the test when Chromium or
    /// python3 is missing.
    static func open<Result: Decodable>(_ page: String, probe: String, as _: Result.Type,
                                        screenshotsOf selector: String? = nil, into screenshotFolder: String? = nil) throws -> BrowserReport<Result> {
        try XCTSkipUnless(executableOnPath("chromium"),
                          "chromium is not installed; scripts/install-deps installs it (apt-get install -y chromium)")
        try XCTSkipUnless(executableOnPath("python3"), "python3 is not installed; scripts/install-deps installs it")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("browser_probe.py").path
        var arguments = ["python3", script, page, probe]
        if let selector, let screenshotFolder { arguments += ["--screenshots", selector, screenshotFolder] }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting, so a large report cannot fill the pipe and stall the probe.
        let report = output.fileHandleForReading.readDataToEndOfFile()
        let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BrowserProbeError(message: "browser_probe.py exited with \(process.terminationStatus): \(messages)")
        }
        return try JSONDecoder().decode(BrowserReport<Result>.self, from: report)
    }

    private static func executableOnPath(_ name: String) -> Bool {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }
}

struct BrowserProbeError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
