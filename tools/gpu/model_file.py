"""The metadata of a model file as `stylecast train` writes it (numpy only, no torch).

Mirrors `Trainer.modelMetadata` (Sources/Training/Trainer.swift): what the model draws, which w
rows carry which attribute group, and how far it was trained, deterministic fields only. The
`stylecast_training_*` counts are what `stylecast train --init` reads to go on from a model.
"""

import json

import numpy as np

STEPS_KEY = "stylecast_training_steps"
IMAGES_KEY = "stylecast_training_images"


class ModelFileError(Exception):
    """A model or config that cannot be trained on from; the message says what to do."""


def training_progress(metadata, path):
    """(steps, images) a model was trained for, as `stylecast train --init` reads them."""
    try:
        return int(metadata[STEPS_KEY]), int(metadata[IMAGES_KEY])
    except (KeyError, ValueError):
        raise ModelFileError(f"{path}: not a model written by `stylecast train` (its {IMAGES_KEY} metadata is missing); "
                             "make one to start from with `stylecast train --config CONFIG --out FILE --steps 0`") from None


def check_generator(metadata, config, path):
    """The model must be the config's network, as `stylecast train --init` insists."""
    if json.loads(metadata.get("init_kwargs", "null")) != config["generator"]:
        raise ModelFileError(f"{path}: this model's init_kwargs differ from the config's generator; "
                             "train on from it with the config that made it")


def objective_notes(config):
    """What of the config's objective this trainer leaves out, one line each (printed at the start)."""
    notes = []
    if "readOutLoss" in config:
        notes.append("note: the config's readOutLoss (a linear read-out of the attributes from w, Sources/Training/"
                     "ReadOutLoss.swift) is not implemented here; this run trains without it")
    return notes


def swift_float(value):
    """A Float as Swift's description writes it (shortest float32 digits)."""
    return str(np.float32(value))


def rows_json(rows):
    """`RowGroups.metadataJSON()`: sorted keys, no spaces."""
    return json.dumps(rows, sort_keys=True, separators=(",", ":"))


def model_metadata(base, config, steps, images, batch_size, learning_rate):
    """The metadata of a trained model: `base` (class, init_kwargs, num_ws of the model trained
    from) with the training fields `stylecast train` writes."""
    half_life = config.get("weightAverageHalfLifeImages")
    averaging = f", weights averaged over a half-life of {int(half_life)} images" if half_life is not None else ""
    metadata = {key: base[key] for key in ("class", "init_kwargs", "num_ws")}
    metadata.update({
        "stylecast_target": config["target"],
        "stylecast_rows": rows_json(config["rows"]),
        "stylecast_training": f"supervised on StyleCast's procedural renderer; seed {config['seed']}, "
                              f"{steps} steps, {images} images, batch {batch_size}, learning rate {swift_float(learning_rate)}"
                              + averaging,
        STEPS_KEY: str(steps),
        IMAGES_KEY: str(images),
    })
    return metadata


def learning_rate(config, base_rate, batch_size, images_since_optimiser_start):
    """`TrainingConfig.learningRate(imagesSinceOptimiserStart:)`: a linear warm-up over warmupImages."""
    warmup = config.get("warmupImages") or 0
    if warmup <= 0 or images_since_optimiser_start >= warmup:
        return base_rate
    return base_rate * (images_since_optimiser_start + batch_size) / (warmup + batch_size)


def weight_average_beta(config, batch_size):
    """`TrainingConfig.weightAverageBeta`: per-step decay of the weight average (1 when off)."""
    half_life = config.get("weightAverageHalfLifeImages")
    return 1.0 if half_life is None else 0.5 ** (batch_size / half_life)
