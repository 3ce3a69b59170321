"""tools/bench_official.py without torch or NVlabs: its configurations are StyleCast's `--random`
ones, the table, reading stylecast's output, and the errors for a missing NVlabs tree, stylecast
binary or torch. stdlib unittest."""

import contextlib
import io
import json
import os
import re
import stat
import sys
import tempfile
import unittest
from unittest import mock

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)
import bench_official  # noqa: E402
from bench_official import BenchError  # noqa: E402


class ConfigurationTests(unittest.TestCase):
    def test_configurations_are_stylecasts_random_ones(self):
        with open(os.path.join(TOOLS, "..", "Sources", "StyleGAN", "RandomGenerator.swift")) as f:
            swift = f.read()
        for name, (class_name, kwargs_json) in bench_official.CONFIGURATIONS.items():
            match = re.search(r'"' + re.escape(name) + r'": \(\.(styleGAN[23]), #"(.*?)"#\)', swift)
            self.assertIsNotNone(match, name)
            self.assertEqual(json.loads(kwargs_json), json.loads(match.group(2)), name)
            self.assertEqual(class_name, f"networks_stylegan{match.group(1)[-1]}.Generator", name)

    def test_every_row_names_a_configuration(self):
        for configuration, kind, _ in bench_official.ROWS.values():
            self.assertIn(configuration, bench_official.CONFIGURATIONS)
            self.assertIn(kind, ("image", "project"))


class OutputTests(unittest.TestCase):
    def test_reads_bench_runs(self):
        output = ("x.safetensors: 256x256, 2 cores\nruns (ms): 170.1 180.2 1175.0\n"
                  "median: 180.2 ms per image (CPU time 340.2 ms, all threads)\n")
        runs = bench_official.parse_bench_runs(output)
        self.assertEqual(len(runs), 3)
        for value, expected in zip(runs, [0.1701, 0.1802, 1.175]):
            self.assertAlmostEqual(value, expected)

    def test_reads_project_step(self):
        output = "x.safetensors: 256x256, 2 cores, noise const\n5 steps in 4.50 s: 1.111 steps/s (900 ms per step)\n"
        self.assertAlmostEqual(bench_official.parse_project_step(output), 0.9)

    def test_unreadable_output_is_an_error(self):
        with self.assertRaisesRegex(BenchError, "cannot read the runs"):
            bench_official.parse_bench_runs("median: 3.0 ms per image\n")
        with self.assertRaisesRegex(BenchError, "cannot read the step time"):
            bench_official.parse_project_step("median: 3.0 ms per image\n")

    def test_median(self):
        self.assertEqual(bench_official.median([3, 1, 2]), 2)
        self.assertEqual(bench_official.median([4, 1, 3, 2]), 2.5)

    def test_table(self):
        machine = {"date": "2026-11-27 23:50 UTC", "cpu": "Some CPU", "cores": 2, "load": "4.00, 5.00, 6.00",
                   "software": "Python 3.12"}
        rows = [{"workload": "StyleGAN2 one image", "official": 0.35, "stylecast": 0.175, "how": "median of 7"},
                {"workload": "StyleGAN3-T one image", "official": 14.5, "stylecast": 2.0, "how": "median of 3"}]
        lines = bench_official.format_table(rows, machine).splitlines()
        self.assertIn("Some CPU, 2 cores, load average 4.00, 5.00, 6.00", lines[0])
        self.assertIn("2026-11-27", lines[0])
        self.assertEqual(lines[2], "| workload | official | StyleCast | ratio |")
        self.assertEqual(lines[4], "| StyleGAN2 one image, median of 7 | 350 ms | 175 ms | 2.00x |")
        self.assertEqual(lines[5], "| StyleGAN3-T one image, median of 3 | 14.50 s | 2.00 s | 7.25x |")


class ErrorTests(unittest.TestCase):
    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = folder.name
        self.nvlabs = os.path.join(self.folder, "stylegan3")
        os.makedirs(os.path.join(self.nvlabs, "training"))
        for name in ("networks_stylegan2.py", "networks_stylegan3.py"):
            open(os.path.join(self.nvlabs, "training", name), "w").close()
        self.stylecast = os.path.join(self.folder, "stylecast")
        with open(self.stylecast, "w") as f:
            f.write("#!/bin/sh\nexit 1\n")
        os.chmod(self.stylecast, os.stat(self.stylecast).st_mode | stat.S_IXUSR)

    def run_main(self, *argv):
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            status = bench_official.main(list(argv))
        return status, stderr.getvalue()

    def test_missing_nvlabs_folder(self):
        status, message = self.run_main(os.path.join(self.folder, "nowhere"), "--stylecast", self.stylecast)
        self.assertEqual(status, 1)
        self.assertIn("no such folder", message)
        self.assertIn("NVlabs/stylegan3", message)

    def test_stylegan2_ada_tree_is_named(self):
        ada = os.path.join(self.folder, "stylegan2-ada-pytorch")
        os.makedirs(os.path.join(ada, "training"))
        open(os.path.join(ada, "training", "networks.py"), "w").close()
        status, message = self.run_main(ada, "--stylecast", self.stylecast)
        self.assertEqual(status, 1)
        self.assertIn("has no training/networks_stylegan2.py", message)
        self.assertIn("stylegan2-ada-pytorch tree", message)

    def test_missing_stylecast(self):
        status, message = self.run_main(self.nvlabs, "--stylecast", os.path.join(self.folder, "missing"))
        self.assertEqual(status, 1)
        self.assertIn("no stylecast executable", message)
        self.assertIn("swift build -c release", message)

    def test_missing_torch(self):
        with mock.patch.dict(sys.modules, {"torch": None}):
            status, message = self.run_main(self.nvlabs, "--stylecast", self.stylecast)
        self.assertEqual(status, 1)
        self.assertIn("cannot import torch", message)

    def test_bad_arguments(self):
        status, message = self.run_main(self.nvlabs, "--stylecast", self.stylecast, "--rows", "sg2-256,sg9")
        self.assertEqual(status, 1)
        self.assertIn("unknown row(s) sg9", message)
        status, message = self.run_main(self.nvlabs, "--stylecast", self.stylecast, "--runs", "0")
        self.assertEqual(status, 1)
        self.assertIn("--runs must be at least 1", message)
        status, message = self.run_main(self.nvlabs, "--stylecast", self.stylecast, "--rounds", "0")
        self.assertEqual(status, 1)
        self.assertIn("--rounds must be at least 1", message)


if __name__ == "__main__":
    unittest.main()
