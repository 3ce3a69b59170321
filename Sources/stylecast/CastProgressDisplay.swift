import CastPipeline
import Foundation

/// Shows a cast run's progress on stderr: on a terminal one line, redrawn, naming what each
/// running character is doing (projection steps counted); otherwise (a log, a pipe) plain lines,
/// with projections reported every quarter.
final class CastProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal: Bool
    private var active: [(name: String, doing: String)] = []
    private var finished = 0
    private var total = 0
    private var lastDraw: UInt64 = 0
    private var lineShown = false
    /// The last stage printed per character, so plain output says each change once.
    private var lastPlainStage: [String: String] = [:]

    private let output: (String) -> Void
    private let width: () -> Int

    /// `output` receives the text (stderr by default); `width` is the terminal's width.
    init(isTerminal: Bool = isatty(STDERR_FILENO) != 0,
         output: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) },
         width: @escaping () -> Int = CastProgressDisplay.terminalWidth) {
        self.isTerminal = isTerminal
        self.output = output
        self.width = width
    }

    func handle(_ event: CastEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case let .characterStarted(name, index, count):
            total = count
            active.append((name, "starting"))
            plain("\(name): making its art (\(index) of \(count))")
        case let .stage(name, stage):
            set(name, stage)
            if lastPlainStage.updateValue(stage, forKey: name) != stage { plain("\(name): \(stage)") }
        case let .projectionStep(name, what, step, steps):
            set(name, "\(what) projection \(step)/\(steps)")
            let quarter = max(1, steps / 4)
            if step % quarter == 0 || step == steps { plain("\(name): \(what) projection step \(step)/\(steps)") }
        case let .characterFinished(name, seconds):
            active.removeAll { $0.name == name }
            finished += 1
            plain(String(format: "%@: done in %.1f s", name, seconds))
        case let .characterReused(name):
            plain("\(name): up to date, kept")
        case .writingProject:
            clearLine()
            plain("writing the project")
        case let .writingPreview(directory):
            plain("writing the preview in \(directory)")
        }
        if isTerminal { draw(force: event.isMilestone) }
    }

    /// Clears the live line, before the summary or an error is printed.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        clearLine()
    }

    /// A note that must show now (e.g. "stopping").
    func note(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        clearLine()
        write(text + "\n")
    }

    private func set(_ name: String, _ doing: String) {
        if let index = active.firstIndex(where: { $0.name == name }) { active[index].doing = doing }
    }

    private func plain(_ line: String) {
        if !isTerminal { write(line + "\n") }
    }

    private func draw(force: Bool) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard force || now - lastDraw > 100_000_000 else { return }
        lastDraw = now
        guard !active.isEmpty else { return clearLine() }
        var line = "[\(finished)/\(total)] " + active.map { "\($0.name): \($0.doing)" }.joined(separator: " · ")
        let width = width()
        if line.count > width - 1 { line = String(line.prefix(width - 2)) + "…" }
        write("\r\u{1B}[K" + line)
        lineShown = true
    }

    private func clearLine() {
        if isTerminal && lineShown {
            write("\r\u{1B}[K")
            lineShown = false
        }
    }

    private func write(_ text: String) { output(text) }

    static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 else { return 80 }
        return Int(size.ws_col)
    }
}

private extension CastEvent {
    /// Events worth a redraw however recent the last one was.
    var isMilestone: Bool {
        if case .projectionStep = self { return false }
        return true
    }
}
