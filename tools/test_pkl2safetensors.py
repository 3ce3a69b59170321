"""Tests for tools/pkl2safetensors.py (stdlib unittest + numpy; no torch).

The pickles are built here, shaped like the ones NVlabs train.py writes with `pickle.dump`: a
snapshot dict whose networks are `torch_utils.persistence._reconstruct_persistent_obj(meta)`
calls, tensors `torch._utils._rebuild_tensor_v2(storage, ...)` (inside `_rebuild_parameter` for
parameters), storages `torch.storage._load_from_bytes(b)` with `b` a hand-built torch.save of the
storage. The tensors come from the reference models in ../shared/fixtures/stylegan; the converted
file must give back exactly those tensors and that metadata.
"""

import collections
import io
import json
import os
import pickle
import re
import struct
import subprocess
import sys
import tempfile
import unittest
import zipfile

import numpy as np

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)
import nvlabs_pickle  # noqa: E402
import pkl2safetensors  # noqa: E402
from safetensors_numpy import read_safetensors  # noqa: E402

FIXTURES = os.path.normpath(os.path.join(TOOLS, "..", "..", "shared", "fixtures", "stylegan"))

# --- Writing official-looking pickles without torch ----------------------------------------------


class GlobalName:
    """A global the pickle names (`module.name`) that this test cannot import."""

    def __init__(self, module, name):
        self.module, self.name = module, name

    def __call__(self, *args):  # pickle requires reduce functions to be callable
        raise AssertionError("only ever written into a pickle")


_GLOBALS = {}


def global_name(module, name):
    # One object per name, so the pickle memo writes each global once, as pickle itself does.
    return _GLOBALS.setdefault((module, name), GlobalName(module, name))


class EasyDict(dict):
    """Pickled as `dnnlib.util.EasyDict`."""


class Call:
    """`function(*arguments)` in the pickle: how a hostile file would call a global."""

    def __init__(self, function, arguments):
        self.function, self.arguments = function, arguments

    def __reduce__(self):
        return (self.function, self.arguments)


class FakeStorage:
    def __init__(self, elements, type_name):
        self.elements, self.type_name = elements, type_name


class FakeTensor:
    def __init__(self, storage, offset, shape, stride, is_parameter):
        self.storage, self.offset, self.shape, self.stride, self.is_parameter = storage, offset, shape, stride, is_parameter


class FakeModule:
    """A persistent NVlabs module: class name, parameters, buffers, submodules, plain attributes."""

    def __init__(self, class_name):
        self.class_name = class_name
        self.parameters = collections.OrderedDict()
        self.buffers = collections.OrderedDict()
        self.modules = collections.OrderedDict()
        self.non_persistent = set()
        self.attributes = {}
        self.init_args = ()
        self.init_kwargs = {}


STORAGE_TYPES = {np.dtype("float32"): "FloatStorage", np.dtype("float16"): "HalfStorage"}


class TorchStyle:
    """How a given torch/Python version pickles: protocol, storage format, tensor reduce functions."""

    def __init__(self, protocol, zip_storages=False, tensors_with_state=False, transposed_storage=False,
                 numpy_1_names=False):
        self.protocol = protocol
        self.numpy_1_names = numpy_1_names
        self.zip_storages = zip_storages
        self.tensors_with_state = tensors_with_state
        self.transposed_storage = transposed_storage


# Python 3.7's pickle.dump default protocol, and numpy 1.x, which pickles its arrays as numpy.core.*.
ADA_TORCH_1_7 = TorchStyle(protocol=3, transposed_storage=True, numpy_1_names=True)
TORCH_2 = TorchStyle(protocol=4)  # Python 3.8+ default
TORCH_ZIP_STORAGES = TorchStyle(protocol=5, zip_storages=True, tensors_with_state=True)


class OfficialStylePickler(pickle._Pickler):
    """The pure-Python pickler, taught to write GLOBALs for names it cannot import and to reduce the
    fakes above the way torch and torch_utils.persistence reduce the real objects."""

    def __init__(self, file, style):
        super().__init__(file, protocol=style.protocol)
        self.style = style
        self.storage_keys = iter(range(94_000_000, 95_000_000, 16))

    def save(self, obj, save_persistent_id=True):
        if isinstance(obj, GlobalName):
            return self._save_global_name(obj)
        if isinstance(obj, EasyDict):
            return self._save_easydict(obj)
        return super().save(obj, save_persistent_id)

    def save_global(self, obj, name=None):
        module = getattr(obj, "__module__", "") or ""
        if self.style.numpy_1_names and module.startswith("numpy._core."):
            return self._save_global_name(global_name("numpy.core." + module[len("numpy._core."):], name or obj.__name__))
        return super().save_global(obj, name)

    def _save_global_name(self, name):
        memoized = self.memo.get(id(name))
        if memoized is not None:
            return self.write(self.get(memoized[0]))
        if self.proto >= 4:
            self.save(name.module)
            self.save(name.name)
            self.write(pickle.STACK_GLOBAL)
        else:
            self.write(pickle.GLOBAL + f"{name.module}\n{name.name}\n".encode())
        self.memoize(name)

    def _save_easydict(self, value):
        # What pickle writes for a dict subclass at protocol 2+: NEWOBJ of the class, then SETITEMS.
        self.save(global_name("dnnlib.util", "EasyDict"))
        self.save(())
        self.write(pickle.NEWOBJ)
        self.memoize(value)
        self._batch_setitems(iter(value.items()))

    def reducer_override(self, obj):
        if isinstance(obj, FakeModule):
            return self._reduce_module(obj)
        if isinstance(obj, FakeTensor):
            return self._reduce_tensor(obj)
        if isinstance(obj, FakeStorage):
            data = zip_storage_bytes(obj, next(self.storage_keys)) if self.style.zip_storages \
                else legacy_storage_bytes(obj, next(self.storage_keys))
            return (global_name("torch.storage", "_load_from_bytes"), (data,))
        return NotImplemented

    def _reduce_tensor(self, tensor):
        hooks = collections.OrderedDict()
        if tensor.is_parameter:
            data = FakeTensor(tensor.storage, tensor.offset, tensor.shape, tensor.stride, False)
            if self.style.tensors_with_state:
                return (global_name("torch._utils", "_rebuild_parameter_with_state"), (data, False, hooks, {}))
            return (global_name("torch._utils", "_rebuild_parameter"), (data, False, hooks))
        rebuild = global_name("torch._utils", "_rebuild_tensor_v2")
        arguments = (tensor.storage, tensor.offset, tensor.shape, tensor.stride, False, hooks)
        if self.style.tensors_with_state:  # torch 2.x, a tensor carrying Python attributes
            return (global_name("torch._tensor", "_rebuild_from_type_v2"),
                    (rebuild, global_name("torch", "Tensor"), arguments, {}))
        return (rebuild, arguments)

    def _reduce_module(self, module):
        # torch.nn.Module.__dict__ as it is after construction, then the persistence wrapper's fields.
        state = {
            "training": False,
            "_parameters": module.parameters,
            "_buffers": module.buffers,
            "_non_persistent_buffers_set": module.non_persistent,
            "_backward_hooks": collections.OrderedDict(),
            "_forward_hooks": collections.OrderedDict(),
            "_forward_pre_hooks": collections.OrderedDict(),
            "_state_dict_hooks": collections.OrderedDict(),
            "_load_state_dict_pre_hooks": collections.OrderedDict(),
            "_modules": module.modules,
            **module.attributes,
            "_init_args": module.init_args,
            "_init_kwargs": module.init_kwargs,
        }
        meta = dict(type="class", version=6, module_src=f"# source of the module defining {module.class_name}\n",
                    class_name=module.class_name, state=state)
        return (global_name("torch_utils.persistence", "_reconstruct_persistent_obj"), (meta,))


def legacy_storage_bytes(storage, key):
    """torch.save(storage, _use_new_zipfile_serialization=False), by hand (protocol 2, as torch uses)."""
    out = io.BytesIO()
    for header in (0x1950A86A20F9469CFC6C, 1001,
                   dict(protocol_version=1001, little_endian=True, type_sizes=dict(short=2, int=4, long=8))):
        pickle.dump(header, out, protocol=2)
    count = storage.elements.size
    pickler = OfficialStylePickler(out, TorchStyle(protocol=2))
    pickler.persistent_id = lambda obj: (
        ("storage", global_name("torch", storage.type_name), str(key), "cpu", count, None) if obj is storage else None)
    pickler.dump(storage)
    pickle.dump([str(key)], out, protocol=2)
    out.write(struct.pack("<q", count))
    out.write(storage.elements.astype(storage.elements.dtype.newbyteorder("<")).tobytes())
    return out.getvalue()


def zip_storage_bytes(storage, key):
    """torch.save(storage) in the zip format: archive/data.pkl, archive/data/<key>, archive/version."""
    buffer = io.BytesIO()
    pickled = io.BytesIO()
    pickler = OfficialStylePickler(pickled, TorchStyle(protocol=2))
    pickler.persistent_id = lambda obj: (
        ("storage", global_name("torch", storage.type_name), str(key), "cpu", storage.elements.size) if obj is storage else None)
    pickler.dump(storage)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("archive/data.pkl", pickled.getvalue())
        archive.writestr("archive/byteorder", "little")
        archive.writestr(f"archive/data/{key}", storage.elements.tobytes())
        archive.writestr("archive/version", "3\n")
    return buffer.getvalue()


def fake_tensor(array, is_parameter, style):
    """A tensor over its own storage; with `transposed_storage`, 2-D tensors are column-major views
    at an offset, so the converter must honour size, stride and offset."""
    type_name = STORAGE_TYPES[array.dtype]
    if style.transposed_storage and array.ndim == 2:
        padding = np.zeros(3, dtype=array.dtype)
        elements = np.concatenate([padding, array.T.reshape(-1)])
        return FakeTensor(FakeStorage(elements, type_name), 3, array.shape, (1, array.shape[0]), is_parameter)
    stride = tuple(int(s // array.itemsize) for s in np.zeros(array.shape, array.dtype).strides)
    return FakeTensor(FakeStorage(array.reshape(-1).copy(), type_name), 0, array.shape, stride, is_parameter)


# --- A generator module tree from a fixture's flat state dict -------------------------------------

BUFFER_NAMES = {"w_avg", "resample_filter", "noise_const", "magnitude_ema", "up_filter", "down_filter",
                "transform", "freqs", "phases"}
GENERATOR_ARGUMENTS = ("z_dim", "c_dim", "w_dim", "img_resolution", "img_channels", "mapping_kwargs")


def module_class(path):
    leaf = path.rsplit(".", 1)[-1]
    fixed = {"": "Generator", "mapping": "MappingNetwork", "synthesis": "SynthesisNetwork", "input": "SynthesisInput",
             "torgb": "ToRGBLayer", "skip": "Conv2dLayer", "conv0": "SynthesisLayer", "conv1": "SynthesisLayer",
             "affine": "FullyConnectedLayer", "embed": "FullyConnectedLayer"}
    if path in fixed or leaf in fixed:
        return fixed.get(path, fixed.get(leaf))
    if re.fullmatch(r"fc\d+", leaf):
        return "FullyConnectedLayer"
    if re.fullmatch(r"b\d+", leaf):
        return "SynthesisBlock"
    if re.fullmatch(r"L\d+_\d+_\d+", leaf):
        return "SynthesisLayer"
    raise AssertionError(f"no class for {path}")


def generator_from_fixture(tensors, metadata, style, dtype=np.float32, ada_kwargs=False):
    """The Generator as NVlabs code builds it: modules, parameters and buffers in a tree, the
    attributes the constructors set, and the persistence wrapper's recorded arguments."""
    modules = {"": FakeModule("Generator")}
    for name in sorted(tensors):
        *path, leaf = name.split(".")
        for depth in range(1, len(path) + 1):
            child = ".".join(path[:depth])
            if child not in modules:
                modules[child] = FakeModule(module_class(child))
                modules[".".join(path[:depth - 1])].modules[path[depth - 1]] = modules[child]
        owner = modules[".".join(path)]
        array = tensors[name].astype(dtype)
        if leaf in BUFFER_NAMES:
            owner.buffers[leaf] = fake_tensor(array, False, style)
        else:
            owner.parameters[leaf] = fake_tensor(array, True, style)

    kwargs = json.loads(metadata["init_kwargs"], object_pairs_hook=collections.OrderedDict)
    kwargs["mapping_kwargs"] = EasyDict(kwargs["mapping_kwargs"])
    generator = modules[""]
    generator.attributes = {key: kwargs[key] for key in GENERATOR_ARGUMENTS[:5]}
    generator.attributes["num_ws"] = int(metadata["num_ws"])
    if ada_kwargs:  # stylegan2-ada-pytorch: positional basics, synthesis arguments nested
        generator.init_args = tuple(kwargs[key] for key in GENERATOR_ARGUMENTS[:5])
        generator.init_kwargs = {"mapping_kwargs": kwargs["mapping_kwargs"], "synthesis_kwargs": EasyDict(
            (key, value) for key, value in kwargs.items() if key not in GENERATOR_ARGUMENTS)}
    else:
        generator.init_kwargs = dict(kwargs)
    # A buffer registered non-persistent is not in state_dict(), so not in the model.
    generator.buffers["scratch"] = fake_tensor(np.ones(2, dtype), False, style)
    generator.non_persistent = {"scratch"}

    synthesis = modules["synthesis"]
    for path, module in modules.items():
        if module.class_name == "FullyConnectedLayer":
            module.attributes["weight_gain"] = np.float64(0.125)  # numpy scalars, as np.sqrt leaves them
        if module.class_name == "SynthesisBlock":
            module.attributes["num_conv"] = sum(name in module.modules for name in ("conv0", "conv1"))
            module.attributes["num_torgb"] = int("torgb" in module.modules)
            module.attributes["is_last"] = int(path.split(".b")[-1]) == kwargs["img_resolution"]
        if module.class_name == "SynthesisLayer" and path.split(".")[-1].startswith("L"):
            module.attributes["in_size"] = np.array([36, 36])  # numpy arrays, as StyleGAN3 layers keep them
            for name in ("up_filter", "down_filter"):  # design_lowpass_filter's None for no filtering
                module.buffers.setdefault(name, None)
    layers = [name for name in synthesis.modules if name.startswith("L")]
    if layers:
        synthesis.attributes["num_layers"] = len(layers) - 1  # layers L0 .. L{num_layers}
    return generator


def snapshot(generator, style, dtype=np.float32):
    discriminator = FakeModule("Discriminator")
    discriminator.parameters["b4.fc.weight"] = fake_tensor(np.arange(6, dtype=dtype).reshape(2, 3), True, style)
    discriminator.modules["mbstd"] = None
    return dict(G=generator, D=discriminator, G_ema=generator, augment_pipe=None,
                training_set_kwargs=dict(class_name="training.dataset.ImageFolderDataset", path="data.zip",
                                         use_labels=False, max_size=100, xflip=False, resolution=32, random_seed=0))


def pickle_bytes(obj, style):
    out = io.BytesIO()
    OfficialStylePickler(out, style).dump(obj)
    return out.getvalue()


def fixture(model):
    path = os.path.join(FIXTURES, model, "model.safetensors")
    if not os.path.exists(path):
        raise unittest.SkipTest(f"fixtures not present ({path})")
    return read_safetensors(path)


def data_block(path):
    with open(path, "rb") as file:
        raw = file.read()
    (length,) = struct.unpack("<Q", raw[:8])
    return raw[8 + length:]


class ConverterTestCase(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)

    def path(self, name):
        return os.path.join(self.directory.name, name)

    def write(self, name, data):
        with open(self.path(name), "wb") as file:
            file.write(data)
        return self.path(name)

    def official_pickle(self, model, style, **options):
        tensors, metadata = fixture(model)
        dtype = options.pop("dtype", np.float32)
        generator = generator_from_fixture(tensors, metadata, style, dtype=dtype, **options)
        return self.write(f"{model}.pkl", pickle_bytes(snapshot(generator, style, dtype), style)), tensors, metadata


class RoundTripTests(ConverterTestCase):
    def assert_converts_back_to_fixture(self, model, style, **options):
        pkl, tensors, metadata = self.official_pickle(model, style, **options)
        out = self.path("model.safetensors")
        summary = pkl2safetensors.convert(pkl, out)
        converted, converted_metadata = read_safetensors(out)
        self.assertEqual(converted_metadata, metadata)
        self.assertEqual(sorted(converted), sorted(tensors))
        for name, expected in tensors.items():
            self.assertEqual(converted[name].dtype, np.float32, name)
            self.assertEqual(converted[name].shape, expected.shape, name)
            np.testing.assert_array_equal(converted[name], expected, err_msg=name)
        # Same tensors in the same layout: the data block is the fixture's byte for byte.
        self.assertEqual(data_block(out), data_block(os.path.join(FIXTURES, model, "model.safetensors")))
        self.assertEqual(summary["num_ws"], int(metadata["num_ws"]))
        self.assertEqual(summary["class"], metadata["class"])
        return summary

    def test_stylegan2_ada_pickle_from_torch_1_7(self):
        summary = self.assert_converts_back_to_fixture("sg2-skip-32", ADA_TORCH_1_7, ada_kwargs=True)
        self.assertEqual(summary["resolution"], 32)

    def test_stylegan3_pickle_from_torch_2(self):
        self.assert_converts_back_to_fixture("sg3-r-32", TORCH_2)

    def test_storages_in_torch_zip_format_and_tensors_with_state(self):
        self.assert_converts_back_to_fixture("sg3-t-64", TORCH_ZIP_STORAGES)

    def test_parameter_count_excludes_buffers(self):
        tensors, _ = fixture("sg2-skip-32")
        expected = sum(array.size for name, array in tensors.items() if name.rsplit(".", 1)[-1] not in BUFFER_NAMES)
        summary = self.assert_converts_back_to_fixture("sg2-skip-32", TORCH_2)
        self.assertEqual(summary["parameters"], expected)

    def test_same_pickle_gives_identical_bytes(self):
        pkl, _, _ = self.official_pickle("sg3-r-32", TORCH_2)
        pkl2safetensors.convert(pkl, self.path("first.safetensors"))
        pkl2safetensors.convert(pkl, self.path("second.safetensors"))
        with open(self.path("first.safetensors"), "rb") as first, open(self.path("second.safetensors"), "rb") as second:
            self.assertEqual(first.read(), second.read())

    def test_float16_tensors_widen_to_f32_or_stay_f16_with_keep_fp16(self):
        pkl, tensors, _ = self.official_pickle("sg2-skip-32", TORCH_2, dtype=np.float16)
        pkl2safetensors.convert(pkl, self.path("f32.safetensors"))
        pkl2safetensors.convert(pkl, self.path("f16.safetensors"), keep_fp16=True)
        widened, _ = read_safetensors(self.path("f32.safetensors"))
        kept, _ = read_safetensors(self.path("f16.safetensors"))
        for name, expected in tensors.items():
            half = expected.astype(np.float16)
            self.assertEqual(widened[name].dtype, np.float32)
            self.assertEqual(kept[name].dtype, np.float16)
            np.testing.assert_array_equal(widened[name], half.astype(np.float32), err_msg=name)
            np.testing.assert_array_equal(kept[name], half, err_msg=name)

    def test_command_line_prints_summary(self):
        pkl, tensors, _ = self.official_pickle("sg3-r-32", TORCH_2)
        out = self.path("cli.safetensors")
        result = subprocess.run([sys.executable, os.path.join(TOOLS, "pkl2safetensors.py"), pkl, out],
                                capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("networks_stylegan3.Generator", result.stdout)
        self.assertRegex(result.stdout, r"num_ws\s+16\b")
        self.assertRegex(result.stdout, r"resolution\s+32\b")
        self.assertRegex(result.stdout, rf"tensors\s+{len(tensors)}\b")


class TensorLayoutTests(ConverterTestCase):
    def load(self, obj, style=TORCH_2):
        return nvlabs_pickle.load_network_pickle(self.write("t.pkl", pickle_bytes(obj, style)))

    def test_views_sharing_one_storage_keep_their_offsets_and_strides(self):
        storage = FakeStorage(np.arange(12, dtype=np.float32), "FloatStorage")
        whole = FakeTensor(storage, 0, (3, 4), (4, 1), False)
        transposed = FakeTensor(storage, 0, (4, 3), (1, 4), False)
        tail = FakeTensor(storage, 8, (2, 2), (2, 1), True)
        loaded = self.load([whole, transposed, tail])
        reference = np.arange(12, dtype=np.float32).reshape(3, 4)
        np.testing.assert_array_equal(loaded[0], reference)
        np.testing.assert_array_equal(loaded[1], reference.T)
        np.testing.assert_array_equal(loaded[2], [[8, 9], [10, 11]])

    def test_channels_last_weight_comes_back_in_torch_order(self):
        # NVlabs keeps fp16 layers' weights in channels_last memory format: NHWC storage, NCHW tensor.
        weight = np.arange(2 * 3 * 4 * 5, dtype=np.float32).reshape(2, 3, 4, 5)
        storage = FakeStorage(weight.transpose(0, 2, 3, 1).reshape(-1).copy(), "FloatStorage")
        loaded = self.load(FakeTensor(storage, 0, (2, 3, 4, 5), (60, 1, 15, 3), True))
        np.testing.assert_array_equal(loaded, weight)

    def test_bfloat16_storage_widens_exactly(self):
        values = np.array([1.0, -2.5, 3.140625], dtype=np.float32)  # exactly representable in bfloat16
        bits = (values.view(np.uint32) >> 16).astype(np.uint16)
        loaded = self.load(FakeTensor(FakeStorage(bits, "BFloat16Storage"), 0, (3,), (1,), False))
        np.testing.assert_array_equal(loaded, values)

    def test_view_past_its_storage_is_an_error(self):
        storage = FakeStorage(np.arange(4, dtype=np.float32), "FloatStorage")
        with self.assertRaisesRegex(nvlabs_pickle.NetworkPickleError, "runs past its storage"):
            self.load(FakeTensor(storage, 2, (3,), (1,), False))


class ErrorTests(ConverterTestCase):
    def assert_conversion_fails(self, pkl, pattern, key="G_ema"):
        out = self.path("never.safetensors")
        with self.assertRaisesRegex((nvlabs_pickle.NetworkPickleError, pkl2safetensors.ConversionError), pattern):
            pkl2safetensors.convert(pkl, out, key=key)
        self.assertFalse(os.path.exists(out), "nothing is written on failure")

    def test_unknown_global_is_refused_without_running_it(self):
        marker = self.path("ran")
        crafted = pickle_bytes(Call(global_name("os", "system"), (f"touch {marker}",)), TORCH_2)
        self.assert_conversion_fails(self.write("evil.pkl", crafted), r"'os\.system'.*refused")
        self.assertFalse(os.path.exists(marker))

    def test_truncated_pickle_is_a_clear_error(self):
        pkl, _, _ = self.official_pickle("sg2-skip-32", TORCH_2)
        with open(pkl, "rb") as file:
            data = file.read()
        for fraction in (0.001, 0.3, 0.5, 0.9, 0.99999):
            cut = self.write("cut.pkl", data[: int(len(data) * fraction)])
            self.assert_conversion_fails(cut, "truncated or corrupt|truncated")

    def test_file_that_is_not_a_pickle(self):
        self.assert_conversion_fails(self.write("text.pkl", b"hello, world\n"), "not a Python pickle")

    def test_missing_file(self):
        self.assert_conversion_fails(self.path("absent.pkl"), "cannot read the file")

    def test_snapshot_without_g_ema_lists_what_it_holds(self):
        tensors, metadata = fixture("sg2-skip-32")
        data = snapshot(generator_from_fixture(tensors, metadata, TORCH_2), TORCH_2)
        del data["G_ema"]
        pkl = self.write("no-ema.pkl", pickle_bytes(data, TORCH_2))
        self.assert_conversion_fails(pkl, r"no 'G_ema' \(it holds: G, D, augment_pipe, training_set_kwargs\)")

    def test_discriminator_is_an_unsupported_class(self):
        pkl, _, _ = self.official_pickle("sg2-skip-32", TORCH_2)
        self.assert_conversion_fails(pkl, r"'D' is not supported: it is a Discriminator", key="D")

    def test_tensorflow_pickle_is_out_of_scope(self):
        crafted = pickle_bytes((Call(global_name("dnnlib.tflib.network", "Network"), ()),) * 3, TORCH_2)
        self.assert_conversion_fails(self.write("tf.pkl", crafted), "TensorFlow .* out of scope.*legacy.py")

    def test_inconsistent_num_ws_is_an_error(self):
        tensors, metadata = fixture("sg2-skip-32")
        generator = generator_from_fixture(tensors, metadata, TORCH_2)
        generator.attributes["num_ws"] = 9
        pkl = self.write("bad-ws.pkl", pickle_bytes(snapshot(generator, TORCH_2), TORCH_2))
        self.assert_conversion_fails(pkl, "records num_ws = 9 but its synthesis network takes 8")

    def test_command_line_reports_errors_without_a_traceback(self):
        pkl = self.write("text.pkl", b"not a pickle")
        result = subprocess.run([sys.executable, os.path.join(TOOLS, "pkl2safetensors.py"), pkl, self.path("o.safetensors")],
                                capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"{pkl}: not a Python pickle", result.stderr)
        self.assertNotIn("Traceback", result.stderr)

    def test_command_line_reports_an_unwritable_output(self):
        pkl, _, _ = self.official_pickle("sg2-skip-32", TORCH_2)
        out = self.path("missing-folder/model.safetensors")
        result = subprocess.run([sys.executable, os.path.join(TOOLS, "pkl2safetensors.py"), pkl, out],
                                capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"cannot write {out}: No such file or directory", result.stderr)
        self.assertNotIn("Traceback", result.stderr)


if __name__ == "__main__":
    unittest.main()
