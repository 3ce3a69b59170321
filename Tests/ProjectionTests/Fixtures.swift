import Foundation

/// `../shared/fixtures/stylegan` beside the repository root.
let fixturesRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.deletingLastPathComponent().appendingPathComponent("shared/fixtures/stylegan").path
}()
