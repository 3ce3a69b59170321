#!/usr/bin/env python3
"""Converts an NVlabs StyleGAN2-ADA / StyleGAN3 network pickle into a StyleCast model file.

    python3 tools/pkl2safetensors.py NETWORK.pkl OUT.safetensors [--key G_ema] [--keep-fp16]

Needs python3 and numpy only: no torch, no GPU, no NVlabs source tree. The pickle is read by
`nvlabs_pickle.SafeUnpickler`, which runs no code from the file and refuses unknown globals.

The output is a safetensors file whose tensors are the generator's `state_dict()` (named as torch
names them, e.g. `mapping.fc0.weight`, `synthesis.L3_52_64.magnitude_ema`), with `__metadata__`:
`class` (`networks_stylegan2.Generator` or `networks_stylegan3.Generator`), `init_kwargs` (the
constructor arguments the network was built with, as JSON) and `num_ws`.
"""

import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nvlabs_pickle import NetworkPickleError, PersistentModule, load_network_pickle  # noqa: E402
from safetensors_numpy import SafeTensorsError, write_safetensors  # noqa: E402

STYLEGAN2 = "networks_stylegan2.Generator"
STYLEGAN3 = "networks_stylegan3.Generator"

# Both NVlabs Generator constructors take these first, in this order; later ones are keywords.
GENERATOR_POSITIONAL_PARAMETERS = ("z_dim", "c_dim", "w_dim", "img_resolution", "img_channels", "mapping_kwargs")


class ConversionError(Exception):
    """A pickle that loads but does not hold a generator StyleCast can run."""


def generator_class(generator):
    """Which NVlabs generator this is, told by the classes of its synthesis network's children."""
    if generator.class_name != "Generator":
        raise ConversionError(f"it is a {generator.class_name}, not a StyleGAN2/StyleGAN3 Generator")
    synthesis = dict(generator.children()).get("synthesis")
    if not isinstance(synthesis, PersistentModule):
        raise ConversionError("the Generator has no synthesis network")
    child_classes = {child.class_name for _, child in synthesis.children() if isinstance(child, PersistentModule)}
    if "SynthesisInput" in child_classes:
        return STYLEGAN3
    if "SynthesisBlock" in child_classes:
        return STYLEGAN2
    raise ConversionError(f"unsupported synthesis network (its layers are {sorted(child_classes)}); "
                          "StyleGAN2-ADA and StyleGAN3 generators are supported")


def constructor_kwargs(generator):
    """The arguments the Generator was constructed with, as the persistence wrapper recorded them
    (only those given; the rest take NVlabs defaults). StyleGAN2-ADA nests the synthesis arguments
    in `synthesis_kwargs`; they are flattened to the StyleGAN3-repository form StyleCast reads."""
    args = generator.init_args
    if len(args) > len(GENERATOR_POSITIONAL_PARAMETERS):
        raise ConversionError(f"the Generator was built with {len(args)} positional arguments; at most "
                              f"{len(GENERATOR_POSITIONAL_PARAMETERS)} are known")
    kwargs = dict(zip(GENERATOR_POSITIONAL_PARAMETERS, args))
    kwargs.update(generator.init_kwargs)
    nested = kwargs.pop("synthesis_kwargs", None) or {}
    for name, value in nested.items():
        if name in kwargs:
            raise ConversionError(f"init_kwargs gives '{name}' both directly and in synthesis_kwargs")
        kwargs[name] = value
    return {name: _json_value(value, name) for name, value in kwargs.items()}


def _json_value(value, field):
    """`value` as plain JSON data (numpy scalars and tuples become numbers and lists)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [_json_value(item, f"{field}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, dict):
        return {str(key): _json_value(item, f"{field}.{key}") for key, item in value.items()}
    raise ConversionError(f"init_kwargs field '{field}' holds a {type(value).__name__}, which has no JSON form")


def count_ws(generator, class_name):
    """How many w rows the synthesis network takes, computed as the NVlabs constructors do, and
    checked against the number the Generator itself recorded."""
    synthesis = dict(generator.children())["synthesis"]
    if class_name == STYLEGAN3:
        num_layers = _integer_attribute(synthesis, "num_layers", "synthesis")
        num_ws = num_layers + 2  # one per layer, plus the input and the final ToRGB layer
    else:
        num_ws = 0
        for name, block in synthesis.children():
            if block.class_name != "SynthesisBlock":
                continue
            # Every block's convolutions take a w; only the last block's ToRGB adds one of its own.
            num_ws += _integer_attribute(block, "num_conv", f"synthesis.{name}")
            if block.attribute("is_last"):
                num_ws += _integer_attribute(block, "num_torgb", f"synthesis.{name}")
    recorded = generator.attribute("num_ws")
    if recorded is not None and int(recorded) != num_ws:
        raise ConversionError(f"the Generator records num_ws = {recorded} but its synthesis network takes {num_ws}")
    return num_ws


def _integer_attribute(module, name, path):
    value = module.attribute(name)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ConversionError(f"'{path}' has no integer attribute '{name}'")
    return int(value)


def model_tensors(generator, keep_fp16):
    """The state dict as float arrays: float32, except float16 kept as float16 with `keep_fp16`.
    Returns `(tensors, parameter_count)`."""
    tensors = {}
    parameter_count = 0
    for name, array, is_parameter in generator.state_dict():
        if array.dtype == np.float16 and keep_fp16:
            tensors[name] = array
        elif array.dtype.kind == "f":
            tensors[name] = array.astype(np.float32)
        else:
            raise ConversionError(f"tensor '{name}' has dtype {array.dtype}; a generator's tensors are floating point")
        if is_parameter:
            parameter_count += array.size
    if not tensors:
        raise ConversionError("the Generator holds no tensors")
    return tensors, parameter_count


def select_network(data, key):
    if isinstance(data, PersistentModule):
        return data  # a pickle of the network alone
    if not isinstance(data, dict):
        raise ConversionError(f"the pickle holds a {type(data).__name__}, not a training snapshot dict")
    if key not in data:
        held = ", ".join(str(name) for name in data) or "nothing"
        raise ConversionError(f"the pickle has no '{key}' (it holds: {held}); choose one with --key")
    network = data[key]
    if not isinstance(network, PersistentModule):
        raise ConversionError(f"'{key}' is a {type(network).__name__}, not an NVlabs network")
    return network


def convert(pickle_path, output_path, key="G_ema", keep_fp16=False):
    """Converts and writes the model; returns the summary figures."""
    generator = select_network(load_network_pickle(pickle_path), key)
    try:
        class_name = generator_class(generator)
    except ConversionError as error:
        raise ConversionError(f"'{key}' is not supported: {error}") from None
    init_kwargs = constructor_kwargs(generator)
    num_ws = count_ws(generator, class_name)
    tensors, parameter_count = model_tensors(generator, keep_fp16)
    metadata = {"class": class_name, "init_kwargs": json.dumps(init_kwargs), "num_ws": str(num_ws)}
    write_safetensors(output_path, tensors, metadata)
    return {
        "class": class_name,
        "resolution": init_kwargs.get("img_resolution", generator.attribute("img_resolution")),
        "num_ws": num_ws,
        "tensors": len(tensors),
        "parameters": parameter_count,
        "bytes": os.path.getsize(output_path),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="pkl2safetensors",
        description="Convert an NVlabs StyleGAN2-ADA/StyleGAN3 network pickle into a StyleCast model (.safetensors).")
    parser.add_argument("network", metavar="NETWORK.pkl", help="a network-snapshot-*.pkl written by NVlabs train.py")
    parser.add_argument("output", metavar="OUT.safetensors", help="the model file to write")
    parser.add_argument("--key", default="G_ema", help="which network of the snapshot to convert (default: G_ema)")
    parser.add_argument("--keep-fp16", action="store_true", help="write float16 tensors as F16 instead of widening them to F32")
    options = parser.parse_args(argv)
    try:
        summary = convert(options.network, options.output, options.key, options.keep_fp16)
    except (NetworkPickleError, ConversionError) as error:
        print(f"pkl2safetensors: {options.network}: {error}", file=sys.stderr)
        return 1
    except (SafeTensorsError, OSError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        print(f"pkl2safetensors: cannot write {options.output}: {reason}", file=sys.stderr)
        return 1
    print(f"{options.network} [{options.key}] -> {options.output}")
    print(f"  class       {summary['class']}")
    print(f"  resolution  {summary['resolution']}")
    print(f"  num_ws      {summary['num_ws']}")
    print(f"  parameters  {summary['parameters']:,}")
    print(f"  tensors     {summary['tensors']} (parameters and buffers)")
    print(f"  file        {summary['bytes']:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
