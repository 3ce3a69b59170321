import XCTest
@testable import Projection

final class OptimizerTests: XCTestCase {
    func testAdamFirstStepMovesEachParameterByTheLearningRate() {
        // Bias correction makes the first update lr * g / (|g| + eps), whatever g's size.
        var parameters: [Float] = [1, -2, 0.5]
        var adam = Adam(parameterCount: 3)
        adam.step(&parameters, gradient: [3, -0.001, 200], learningRate: 0.1)
        XCTAssertEqual(parameters[0], 0.9, accuracy: 1e-6)
        XCTAssertEqual(parameters[1], -1.9, accuracy: 1e-4)
        XCTAssertEqual(parameters[2], 0.4, accuracy: 1e-6)
    }

    func testAdamMinimisesAnIllConditionedQuadratic() {
        let curvature: [Float] = [100, 1, 0.01]
        var x: [Float] = [1, 1, 1]
        var adam = Adam(parameterCount: 3)
        for _ in 0..<2000 {
            adam.step(&x, gradient: zip(curvature, x).map { 2 * $0 * ($1 - 3) }, learningRate: 0.05)
        }
        for value in x { XCTAssertEqual(value, 3, accuracy: 0.05) }
    }

    func testScheduleFollowsTheOfficialRamps() {
        let schedule = ProjectionSchedule(steps: 1000)
        XCTAssertEqual(schedule.learningRate(step: 0), 0)                       // ramp-up starts at 0
        XCTAssertEqual(schedule.learningRate(step: 25), 0.05, accuracy: 1e-6)    // halfway up the 5 % ramp
        XCTAssertEqual(schedule.learningRate(step: 500), 0.1, accuracy: 1e-7)    // plateau
        XCTAssertEqual(schedule.learningRate(step: 875), 0.05, accuracy: 1e-6)   // cosine halfway down
        XCTAssertLessThan(schedule.learningRate(step: 999), 1e-5)
        XCTAssertEqual(schedule.wNoiseScale(step: 0, wStd: 2), 0.1, accuracy: 1e-7)
        XCTAssertEqual(schedule.wNoiseScale(step: 375, wStd: 2), 0.025, accuracy: 1e-7) // (1 - 0.5)^2
        XCTAssertEqual(schedule.wNoiseScale(step: 750, wStd: 2), 0)
    }

    func testWStatistics() {
        let samples: [[Float]] = [[1, 2], [3, 4], [2, 6]]
        let statistics = WStatistics.estimate(count: 3) { samples[$0] }
        XCTAssertEqual(statistics.average, [2, 4])
        // Squared distances to the mean: 1+4, 1+0, 0+4.
        XCTAssertEqual(statistics.standardDeviation, (10.0 / 3).squareRoot(), accuracy: 1e-6)
    }
}
