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
