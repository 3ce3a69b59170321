import FuzzSupport
import XCTest
@testable import StyleGAN

/// Mutated `.safetensors` files: refused with an error, never a crash or an allocation the
/// file cannot back (`Fuzz.run`). `STYLECAST_FUZZ_ITERATIONS=200000` makes a long run.
final class SafeTensorsFuzzTests: XCTestCase {
    func testSafeTensors() throws {
        let written = SafeTensorsFile(path: "seed", metadata: ["num_ws": "4", "w_dim": "2"],
                                      tensors: ["mapping.w": Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6]),
                                                "bias": Tensor(shape: [3], data: [0, -1, 0.5])])
        let seeds = [SafeTensorsTests.mixedFile(), try written.serialized()]
        let words = ["\"dtype\"", "\"shape\"", "\"data_offsets\"", "\"F16\"", "\"BF16\"", "\"F64\"", "\"__metadata__\"",
                     "[", "]", "{", "}", ",", ":", "\""].map { Array($0.utf8) }
        print(try Fuzz.run("safetensors", seeds: seeds, dictionary: words) { input in
            _ = try SafeTensorsFile(bytes: input, path: "fuzz.safetensors")
        })
    }
}
