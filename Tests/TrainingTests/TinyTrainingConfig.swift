import Foundation

/// Writes `folder/tiny.json`, a face model small enough to train a few steps in a test: 144x144
/// RGBA from 9x9, 8 channels. `extra` is appended inside the object (`, "key": value`).
func writeTinyTrainingConfig(in folder: String, images: Int = 1000, extra: String = "") throws -> String {
    let text = """
        {"generator": {"z_dim": 128, "c_dim": 0, "w_dim": 16, "img_resolution": 144, "init_res": [9, 9], "img_channels": 4,
                       "mapping_kwargs": {"num_layers": 1}, "channel_base": 576, "channel_max": 8,
                       "architecture": "skip", "conv_clamp": null, "use_noise": false},
         "target": "face-portrait",
         "rows": {"shape": [0, 2, 3, 4], "headTurn": [1], "expression": [5, 6], "colours": [7, 8, 9]},
         "seed": 3, "batchSize": 2, "learningRate": 0.01, "adamBeta1": 0.9, "adamBeta2": 0.99,
         "mixingProbability": 0.5, "images": \(images), "minutes": 60, "checkpointMinutes": 5, "wAverageBeta": 0.9\(extra)}
        """
    let path = folder + "/tiny.json"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
