/// The Adam optimiser for one flat parameter vector, with the same update as `torch.optim.Adam`
/// (bias-corrected moments, epsilon added outside the square root). The learning rate is given
/// per step because the projector changes it on a schedule.
public struct Adam: Sendable {
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public private(set) var firstMoment: [Float]
    public private(set) var secondMoment: [Float]
    private(set) public var stepCount = 0

    public init(parameterCount: Int, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoment = [Float](repeating: 0, count: parameterCount)
        secondMoment = [Float](repeating: 0, count: parameterCount)
    }

    /// An optimiser that continues from saved moments (a training checkpoint).
    public init(firstMoment: [Float], secondMoment: [Float], stepCount: Int,
                beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        precondition(firstMoment.count == secondMoment.count, "moments of different sizes")
        self.init(parameterCount: firstMoment.count, beta1: beta1, beta2: beta2, epsilon: epsilon)
        self.firstMoment = firstMoment
        self.secondMoment = secondMoment
        self.stepCount = stepCount
    }

    /// Moves `parameters` one step against `gradient`.
    public mutating func step(_ parameters: inout [Float], gradient: [Float], learningRate: Float) {
        precondition(parameters.count == firstMoment.count && gradient.count == firstMoment.count,
                     "Adam was built for \(firstMoment.count) parameters")
        stepCount += 1
        let correction1 = 1 - Float(Double(beta1).power(stepCount))
        let correction2 = 1 - Float(Double(beta2).power(stepCount))
        let stepSize = learningRate / correction1
        let rootCorrection2 = correction2.squareRoot()
        for i in parameters.indices {
            let g = gradient[i]
            firstMoment[i] = beta1 * firstMoment[i] + (1 - beta1) * g
            secondMoment[i] = beta2 * secondMoment[i] + (1 - beta2) * g * g
            let denominator = secondMoment[i].squareRoot() / rootCorrection2 + epsilon
            parameters[i] -= stepSize * firstMoment[i] / denominator
        }
    }
}

private extension Double {
    func power(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= self }
        return result
    }
}
