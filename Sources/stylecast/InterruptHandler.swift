import Foundation

/// Routes SIGINT (Ctrl-C) and SIGTERM (`kill`, a process manager) to a handler, counting them,
/// instead of killing the process: a command stops cleanly at the first and quits at once at
/// the second.
final class InterruptHandler {
    private static let signals = [SIGINT, SIGTERM]
    private let sources: [DispatchSourceSignal]

    init(_ handler: @escaping @Sendable (Int) -> Void) {
        let queue = DispatchQueue(label: "stylecast.interrupt")
        let counter = PressCounter()
        sources = Self.signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(counter.next()) }
            source.resume()
            return source
        }
    }

    func stop() {
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}

/// Counts the signals; only touched on the handler's serial queue.
private final class PressCounter: @unchecked Sendable {
    private var count = 0
    func next() -> Int {
        count += 1
        return count
    }
}
