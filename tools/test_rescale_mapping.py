"""tools/rescale_mapping.py keeps the mapping network's function: the mapped w of the shipped face
model, by the NVlabs layer formula (equalised learning rate), before and after rescaling.
stdlib unittest + numpy."""

import json
import os
import sys
import unittest

import numpy as np

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)
from rescale_mapping import rescaled  # noqa: E402
from safetensors_numpy import read_safetensors  # noqa: E402

MODEL = os.path.join(TOOLS, "..", "models", "face.safetensors")


def mapped(tensors, metadata, z):
    """w = the mapping network of z: normalised z, then fully connected layers with leaky ReLU (gain sqrt 2)."""
    kwargs = json.loads(metadata["init_kwargs"])
    m = kwargs["mapping_kwargs"]["lr_multiplier"]
    x = z / np.sqrt((z ** 2).mean(1, keepdims=True) + 1e-8)
    for i in range(kwargs["mapping_kwargs"]["num_layers"]):
        weight, bias = tensors[f"mapping.fc{i}.weight"].astype(np.float64), tensors[f"mapping.fc{i}.bias"].astype(np.float64)
        x = x @ (weight * (m / np.sqrt(weight.shape[1]))).T + bias * m
        x = np.where(x >= 0, x, 0.2 * x) * np.sqrt(2)
    return x


class RescaleMappingTests(unittest.TestCase):
    def test_the_mapping_computes_the_same_w_under_the_new_multiplier(self):
        tensors, metadata = read_safetensors(MODEL)
        z = np.random.default_rng(0).standard_normal((8, json.loads(metadata["init_kwargs"])["z_dim"]))
        before = mapped(tensors, metadata, z)
        for multiplier in (0.5, 0.01):  # neither is a shipped model's own
            new_tensors, new_metadata, old = rescaled(tensors, metadata, multiplier)
            self.assertEqual(json.loads(new_metadata["init_kwargs"])["mapping_kwargs"]["lr_multiplier"], multiplier)
            self.assertNotEqual(old, multiplier)
            np.testing.assert_allclose(mapped(new_tensors, new_metadata, z), before, rtol=1e-5, atol=1e-5)
            self.assertFalse(np.array_equal(new_tensors["mapping.fc0.weight"], tensors["mapping.fc0.weight"]))
            self.assertIs(new_tensors["synthesis.b144.conv0.weight"], tensors["synthesis.b144.conv0.weight"])

    def test_refuses_a_file_without_a_mapping_network(self):
        with self.assertRaises(SystemExit):
            rescaled({"synthesis.x": np.zeros(1, np.float32)}, {"init_kwargs": "{}"}, 1.0)


if __name__ == "__main__":
    unittest.main()
