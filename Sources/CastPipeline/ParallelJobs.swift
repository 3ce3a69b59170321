import Dispatch
import Foundation

/// Runs `work` for every item on up to `jobs` threads, each taking the next unstarted item.
/// Results keep item order, so the outcome never depends on which thread finished first. After
/// the first failure no new item starts; that failure is rethrown (one that is not
/// `CastInterrupted` wins, since an interruption is often only the others stopping).
func runJobs<Item: Sendable, Result: Sendable>(_ items: [Item], jobs: Int, stopOthers: @escaping @Sendable () -> Void,
                                               _ work: @escaping @Sendable (Int, Item) throws -> Result) throws -> [Result] {
    let state = JobState<Result>(count: items.count)
    let threads = max(1, min(jobs, items.count))
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
        while true {
            state.lock.lock()
            let index = state.next
            state.next += 1
            let stop = state.failure != nil
            state.lock.unlock()
            guard index < items.count, !stop else { return }
            do {
                let result = try work(index, items[index])
                state.lock.lock()
                state.results[index] = result
                state.lock.unlock()
            } catch {
                state.lock.lock()
                if state.failure == nil || (state.failure is CastInterrupted && !(error is CastInterrupted)) {
                    state.failure = error
                }
                state.lock.unlock()
                stopOthers()
            }
        }
    }
    if let failure = state.failure { throw failure }
    return state.results.map { $0! }
}

/// The shared progress of `runJobs`, guarded by its lock.
private final class JobState<Result>: @unchecked Sendable {
    let lock = NSLock()
    var next = 0
    var results: [Result?]
    var failure: Error?
    init(count: Int) { results = Array(repeating: nil, count: count) }
}
