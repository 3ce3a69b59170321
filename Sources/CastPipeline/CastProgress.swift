import Foundation

/// What a cast run reports while it works, for a live display.
public enum CastEvent: Sendable {
    /// A character's art is being made (`index` counts from 1 among those being made).
    case characterStarted(name: String, index: Int, count: Int)
    /// A character moved on to a stage ("sprite", "cleanup", "face projection"...).
    case stage(name: String, stage: String)
    /// One step of a projection of `what` for a character.
    case projectionStep(name: String, what: String, step: Int, steps: Int)
    case characterFinished(name: String, seconds: Double)
    /// A character's art is up to date and was taken from the project as it is.
    case characterReused(name: String)
    /// The files are being written into the project, then the preview.
    case writingProject
    case writingPreview(directory: String)
}

/// Wall time spent in each stage, summed over characters (with several jobs the sum can exceed
/// the run's wall time). Safe to use from several threads.
public final class StageClock: @unchecked Sendable {
    private let lock = NSLock()
    private var totals: [String: Double] = [:]
    private var order: [String] = []

    public init() {}

    /// Runs `body`, adding its wall time to `stage`.
    public func time<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { add(stage, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        return try body()
    }

    public func add(_ stage: String, seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        if totals[stage] == nil { order.append(stage) }
        totals[stage, default: 0] += seconds
    }

    /// Stages in the order they first ran, with their totals.
    public var stages: [(stage: String, seconds: Double)] {
        lock.lock()
        defer { lock.unlock() }
        return order.map { ($0, totals[$0]!) }
    }
}

/// A flag a signal handler or a failing job sets and workers poll between steps.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Throws `CastInterrupted` once cancelled.
    public func check() throws {
        if isCancelled { throw CastInterrupted() }
    }
}
