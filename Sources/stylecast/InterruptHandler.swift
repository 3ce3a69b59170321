import Foundation

/// Routes SIGINT to a handler (counting presses) instead of killing the process.
final class InterruptHandler {
    private let source: DispatchSourceSignal

    init(_ handler: @escaping @Sendable (Int) -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "stylecast.interrupt"))
        let counter = PressCounter()
        source.setEventHandler { handler(counter.next()) }
        source.resume()
    }

    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

/// Counts Ctrl-C presses; only touched on the handler's serial queue.
private final class PressCounter: @unchecked Sendable {
    private var count = 0
    func next() -> Int {
        count += 1
        return count
    }
}
