"""Tests for the torch-free parts of the GPU trainer (tools/gpu/): the sample-stream reader, its
producers and the model metadata. stdlib unittest + numpy; no torch, no GPU, no stylecast build.

The streams are written here by the layout Sources/Training/TrainingSamples.swift documents (the
Swift side is held to the same layout by Tests/TrainingTests/TrainingSamplesTests.swift).
"""

import io
import json
import os
import struct
import sys
import threading
import time
import unittest

import numpy as np

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)
from gpu import model_file  # noqa: E402
from gpu.sample_stream import Producers, SampleReader, StreamError, emphasis_weights, producer_command  # noqa: E402
from safetensors_numpy import read_safetensors  # noqa: E402

HEADER = {"format": 2, "z_dim": 3, "num_ws": 4, "height": 2, "width": 5, "channels": 4, "batch_size": 2,
          "first_step": 10, "stride": 1, "steps": 2, "seed": 1, "target": "walk-sheet",
          "rows": {"shape": [0, 1], "colours": [2, 3]}}


def stream_bytes(header, steps):
    """A stream of `steps` records whose values are derived from the step number."""
    text = json.dumps(header).encode()
    parts = [b"SCSAMP01", struct.pack("<I", len(text)), text]
    b, z = header["batch_size"], header["z_dim"]
    for step in steps:
        parts.append(struct.pack("<q", step))
        parts.append((np.arange(b * z, dtype="<f4") + step).tobytes())
        parts.append((-np.arange(b * z, dtype="<f4") - step).tobytes())
        parts.append((np.arange(b * header["num_ws"]) % 2).astype("u1").tobytes())
        parts.append(np.full(b * header["height"] * header["width"] * 4, step % 256, dtype="u1").tobytes())
        if "emphasis_weight" in header:
            parts.append((np.arange(b * header["height"] * header["width"]) % 3 == 0).astype("u1").tobytes())
    return b"".join(parts)


class SampleReaderTests(unittest.TestCase):
    def test_reads_every_field_in_the_documented_layout(self):
        reader = SampleReader(io.BytesIO(stream_bytes(HEADER, [10, 11])))
        self.assertEqual(reader.header["num_ws"], 4)
        first = reader.read_batch()
        self.assertEqual(first.step, 10)
        np.testing.assert_array_equal(first.z_a, np.arange(6, dtype=np.float32).reshape(2, 3) + 10)
        np.testing.assert_array_equal(first.z_b, -np.arange(6, dtype=np.float32).reshape(2, 3) - 10)
        np.testing.assert_array_equal(first.from_b, [[0, 1, 0, 1], [0, 1, 0, 1]])
        self.assertEqual(first.target.shape, (2, 2, 5, 4))
        self.assertTrue((first.target == 10).all())
        self.assertIsNone(first.emphasis)
        self.assertEqual([b.step for b in reader], [11])

    def test_reads_the_emphasis_mask_when_the_header_gives_its_weight(self):
        reader = SampleReader(io.BytesIO(stream_bytes(dict(HEADER, emphasis_weight=4), [10, 11])))
        batches = list(reader)
        self.assertEqual([b.step for b in batches], [10, 11], "records sized with the mask")
        self.assertTrue((batches[1].target == 11).all())
        np.testing.assert_array_equal(batches[1].emphasis, (np.arange(20).reshape(2, 2, 5) % 3 == 0))

    def test_emphasis_weights_are_pixel_weights_of_mean_one(self):
        mask = np.zeros((2, 4, 5), dtype=np.uint8)
        mask[0, 0, :2] = 1  # 2 of 20 pixels marked in the first sample, none in the second
        weights = emphasis_weights(mask, 4)
        np.testing.assert_allclose(weights.mean(axis=(1, 2)), [1, 1], rtol=1e-6)
        self.assertAlmostEqual(float(weights[0, 0, 0] / weights[0, 1, 1]), 5, places=5)
        np.testing.assert_allclose(weights[1], 1)
        np.testing.assert_allclose(weights[0, 0, 0], 5 / (1 + 4 * 2 / 20), rtol=1e-6)

    def test_refuses_other_streams_and_cut_records_with_a_reason(self):
        with self.assertRaisesRegex(StreamError, "not a stylecast train-samples stream"):
            SampleReader(io.BytesIO(b"PNG....." + bytes(20)))
        with self.assertRaisesRegex(StreamError, "format 1"):
            SampleReader(io.BytesIO(stream_bytes(dict(HEADER, format=1), [])))
        reader = SampleReader(io.BytesIO(stream_bytes(HEADER, [10])[:-3]))
        with self.assertRaisesRegex(StreamError, "ended inside a batch"):
            reader.read_batch()


class FakeProcess:
    """What Producers needs of a Popen: a stdout of the stream its command line asks for."""

    def __init__(self, command, stdout=None, bufsize=0):
        first, stride, steps = (int(command[command.index(flag) + 1]) for flag in ("--first-step", "--stride", "--steps"))
        self.command = command
        self.stdout = io.BytesIO(stream_bytes(dict(HEADER, first_step=first, stride=stride, steps=steps),
                                              range(first, first + stride * steps, stride)))

    def wait(self, timeout=None):
        return 0


class ProducersTests(unittest.TestCase):
    def test_producers_share_the_steps_and_are_read_in_step_order(self):
        started = []

        def popen(command, **kwargs):
            started.append(FakeProcess(command, **kwargs))
            return started[-1]

        with Producers(["stylecast"], "c.json", first_step=10, count=3, steps=7, popen=popen) as producers:
            steps = []
            while (batch := producers.next_batch()) is not None:
                steps.append(batch.step)
        self.assertEqual(steps, list(range(10, 17)))
        self.assertEqual([p.command[p.command.index("--steps") + 1] for p in started], ["3", "2", "2"])

    def test_counts_the_time_the_consumer_waits_for_the_producers(self):
        class SlowStream(io.BytesIO):
            """Holds back the first record for a moment, as a busy renderer would (the header, read
            when the producer starts, comes at once; the records are read on the reader's thread)."""
            def readinto(self, buffer):
                if threading.current_thread() is not threading.main_thread() and not getattr(self, "held", False):
                    self.held = True
                    time.sleep(0.3)
                return super().readinto(buffer)

        def popen(command, **kwargs):
            process = FakeProcess(command, **kwargs)
            process.stdout = SlowStream(process.stdout.getvalue())
            return process

        with Producers(["stylecast"], "c.json", first_step=0, count=1, steps=2, popen=popen) as producers:
            self.assertEqual(producers.waited_seconds, 0)
            while producers.next_batch() is not None:
                pass
        self.assertGreaterEqual(producers.waited_seconds, 0.1)

    def test_command_line(self):
        self.assertEqual(producer_command(["sc"], "c.json", 5, stride=2, batch_size=64),
                         ["sc", "train-samples", "--config", "c.json", "--first-step", "5", "--stride", "2", "--batch-size", "64"])


class ModelMetadataTests(unittest.TestCase):
    CONFIG = {"generator": {"z_dim": 32}, "target": "face-portrait", "seed": 2, "learningRate": 0.002,
              "rows": {"shape": [0, 2, 3, 4], "headTurn": [1], "expression": [5, 6], "colours": [7, 8, 9]},
              "weightAverageHalfLifeImages": 2000, "warmupImages": 1000}

    def test_writes_the_fields_stylecast_train_writes(self):
        base = {"class": "networks_stylegan2.Generator", "init_kwargs": '{"z_dim":32}', "num_ws": "10", "other": "x"}
        metadata = model_file.model_metadata(base, self.CONFIG, steps=12, images=48, batch_size=4, learning_rate=0.002)
        self.assertEqual(metadata, {
            "class": "networks_stylegan2.Generator", "init_kwargs": '{"z_dim":32}', "num_ws": "10",
            "stylecast_target": "face-portrait",
            "stylecast_rows": '{"colours":[7,8,9],"expression":[5,6],"headTurn":[1],"shape":[0,2,3,4]}',
            "stylecast_training": "supervised on StyleCast's procedural renderer; seed 2, 12 steps, 48 images, batch 4, "
                                  "learning rate 0.002, weights averaged over a half-life of 2000 images",
            "stylecast_training_steps": "12", "stylecast_training_images": "48"})

    def test_the_shipped_models_rows_read_as_this_writes_them(self):
        for name in ("sprite", "face"):
            _, metadata = read_safetensors(os.path.join(TOOLS, "..", "models", name + ".safetensors"))
            self.assertEqual(model_file.rows_json(json.loads(metadata["stylecast_rows"])), metadata["stylecast_rows"])
            self.assertEqual(model_file.training_progress(metadata, name)[1], int(metadata["stylecast_training_images"]))

    def test_schedule_and_average_follow_the_config(self):
        self.assertAlmostEqual(model_file.learning_rate(self.CONFIG, 0.002, 4, 0), 0.002 * 4 / 1004)
        self.assertEqual(model_file.learning_rate(self.CONFIG, 0.002, 4, 1000), 0.002)
        self.assertAlmostEqual(model_file.weight_average_beta(self.CONFIG, 4) ** 500, 0.5)
        self.assertEqual(model_file.weight_average_beta({}, 4), 1.0)

    def test_says_what_of_the_objective_it_leaves_out(self):
        self.assertEqual(model_file.objective_notes(self.CONFIG), [])
        notes = model_file.objective_notes(dict(self.CONFIG, readOutLoss={"weight": 10, "learningRate": 0.001}))
        self.assertEqual(len(notes), 1)
        self.assertIn("readOutLoss", notes[0])
        self.assertIn("trains without it", notes[0])
        # attributeEmphasis is trained here (the stream carries its mask).
        self.assertEqual(model_file.objective_notes(dict(self.CONFIG, attributeEmphasis={"weight": 4, "attributes": ["expression"]})), [])

    def test_refuses_models_it_cannot_go_on_from(self):
        with self.assertRaisesRegex(model_file.ModelFileError, "--steps 0"):
            model_file.training_progress({}, "m.safetensors")
        with self.assertRaisesRegex(model_file.ModelFileError, "init_kwargs differ"):
            model_file.check_generator({"init_kwargs": '{"z_dim": 64}'}, self.CONFIG, "m.safetensors")


if __name__ == "__main__":
    unittest.main()
