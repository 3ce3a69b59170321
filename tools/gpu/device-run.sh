#!/usr/bin/env bash
# The one command of a GPU session, run by the device tool in the repository root with
# .build-gpu carried (tools/gpu/prepare.sh made it):
#
#   tools/gpu/device-run.sh [MINUTES=2] [BATCH=64] [LEARNING_RATE=config's]
#
# 1. parity.txt: the GPU, then tools/gpu_parity.py on CUDA (the PyTorch network against the
#    carried Swift engine, and two training steps of both trainers).
# 2. sprite and face at once (PARALLEL=0: one after the other): tools/gpu_train.py from
#    $FROM/NAME.safetensors (default models/) for MINUTES, the model written to
#    $OUT/NAME.safetensors every minute and at the end (and copied to $KEEP/, when given, where a
#    following call on the still-warm machine can go on from it with FROM=$KEEP); then `stylecast
#    evaluate` of it (EVALUATE=0 leaves that to this side). NAME.log holds both.
# What comes back ($OUT): parity.txt, sprite.safetensors, face.safetensors, sprite.log, face.log.
# PARITY=0 leaves out step 1. PRODUCERS (default 4) sample streams feed each trainer. COMPILE=1
# trains with torch.compile (gpu_train.py --compile; not yet timed on a GPU). PROFILE=N prints,
# into each NAME.log, the operations that took the most GPU time over N steps (--profile). PAD=8
# zero-pads the synthesis's channels to multiples of 8 while training (--pad-channels; exact). DEVICE=cpu
# runs the same chain without a GPU (a rehearsal). A model goes on locally with `stylecast train
# --init` or another GPU session (copy it over models/NAME.safetensors first).
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:?run this through the device tool, which sets OUT}
minutes=${1:-2}
batch=${2:-64}
device=${DEVICE:-cuda}
rate=()
[ -n "${3:-}" ] && rate=(--learning-rate "$3")
archive=.build-gpu/stylecast.tar.xz
[ -f "$archive" ] || { echo "no $archive: run tools/gpu/prepare.sh and carry .build-gpu" >&2; exit 1; }
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2], **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))' \
  "$archive" "$bin" || exit 1
stylecast=$bin/stylecast

if [ "${PARITY:-1}" != 0 ]; then
  {
  nvidia-smi -L
  python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.cuda.is_available())'
  echo "cpus $(nproc)"
  # What the renderer alone can feed the GPU (one producer; the trainer runs two).
  start=$(date +%s.%N)
  "$stylecast" train-samples --config models/sprite.train.json --steps 20 --batch-size "$batch" | wc -c >/dev/null
  python3 -c 'import sys; print(f"sample stream: {20 * int(sys.argv[2]) / (float(sys.argv[3]) - float(sys.argv[1])):.0f} sprite img/s from one producer")' \
    "$start" "$batch" "$(date +%s.%N)"
  python3 tools/gpu_parity.py --stylecast "$stylecast" --device "$device"
  } >"$out/parity.txt" 2>&1
  tail -n 2 "$out/parity.txt"
fi

from=${FROM:-models}
options=()
[ "${COMPILE:-0}" != 0 ] && options+=(--compile)
[ -n "${PROFILE:-}" ] && options+=(--profile "$PROFILE")
[ -n "${PAD:-}" ] && options+=(--pad-channels "$PAD")
producers=${PRODUCERS:-4}
train() {
  local model=$1
  python3 tools/gpu_train.py --config "models/$model.train.json" --init "$from/$model.safetensors" \
    --out "$out/$model.safetensors" --minutes "$minutes" --batch-size "$batch" "${rate[@]}" \
    --device "$device" --checkpoint-minutes 1 --producers "$producers" --stylecast "$stylecast" "${options[@]}" >"$out/$model.log" 2>&1
  echo "$model: $(tail -n 1 "$out/$model.log")"
  if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && cp "$out/$model.safetensors" "$KEEP/$model.safetensors"; fi
}
if [ "${PARALLEL:-1}" != 0 ]; then
  train sprite & train face & wait
else
  train sprite; train face
fi
if [ "${EVALUATE:-1}" != 0 ]; then
  for model in sprite face; do
    "$stylecast" evaluate --model "$out/$model.safetensors" >>"$out/$model.log" 2>&1
    grep -E "PSNR|Colours moved" "$out/$model.log" | tail -n 2
  done
fi
