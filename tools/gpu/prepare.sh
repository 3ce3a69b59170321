#!/usr/bin/env bash
# Builds what a GPU session carries to the device machine (which has PyTorch but no Swift and no
# network): .build-gpu/stylecast.tar.xz (.build-gpu is ignored by git), an archive of
#   bin/stylecast   the release build with the Swift runtime linked in (--static-swift-stdlib), stripped
#   lib/            every shared library it still loads (cairo, libpng, json-c, OpenBLAS and theirs,
#                   found with ldd), the C library and its loader included
#   stylecast       a wrapper that runs bin/stylecast through lib/'s loader on lib/ alone, so the
#                   device's own library versions do not matter
# Unpacked it is over 100 MiB (OpenBLAS's kernels for every CPU, Foundation's ICU data); xz brings
# it well under the 64 MiB the device tool carries with the working tree. tools/gpu/device-run.sh
# unpacks it there. Prints the carried size and the command a session gives the device tool.
#
#   tools/gpu/prepare.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
# Its own scratch folder: these flags would otherwise rebuild the whole of .build. Baseline x86-64
# code (Package.swift compiles the numeric modules for the build host's CPU by default): the device's
# CPU is not this one.
export STYLECAST_TARGET_CPU=x86-64
build=(swift build -c release --static-swift-stdlib --product stylecast --scratch-path .build-static)
"${build[@]}"
binary="$("${build[@]}" --show-bin-path)/stylecast"

carry=.build-gpu
staging=.build-static/gpu-carry
rm -rf "$carry" "$staging"
mkdir -p "$carry" "$staging/bin" "$staging/lib"
cp "$binary" "$staging/bin/stylecast"
strip "$staging/bin/stylecast"
# ldd lists "name => /path (addr)" and the loader as "/path (addr)".
ldd "$staging/bin/stylecast" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | while read -r library; do
  cp -L "$library" "$staging/lib/"
done
loader=$(cd "$staging/lib" && ls ld-linux-*.so.* | head -n 1)
[ -n "$loader" ] || { echo "prepare.sh: ldd named no dynamic loader for $binary" >&2; exit 1; }
strip --strip-unneeded "$staging/lib/"*.so*
printf '%s\n' '#!/bin/sh' \
  '# The carried stylecast on the carried libraries (tools/gpu/prepare.sh).' \
  'here=$(cd "$(dirname "$0")" && pwd)' \
  "exec \"\$here/lib/$loader\" --library-path \"\$here/lib\" \"\$here/bin/stylecast\" \"\$@\"" >"$staging/stylecast"
chmod +x "$staging/stylecast"
# The wrapper must work with nothing from the environment.
env -i "$staging/stylecast" train-samples --config models/sprite.train.json --steps 1 | head -c 8 | grep -q SCSAMP01
tar -C "$staging" -cf - bin lib stylecast | xz -9 -T0 >"$carry/stylecast.tar.xz"

tree_bytes=$(git ls-files -z --cached --others --exclude-standard | du -cb --files0-from=- 2>/dev/null | tail -n 1 | cut -f1)
carry_bytes=$(du -sb "$carry" | cut -f1)
awk -v t="$tree_bytes" -v c="$carry_bytes" 'BEGIN { printf "carried: .build-gpu %.1f MiB + working tree %.1f MiB = %.1f MiB (limit 64)\n", c / 1048576, t / 1048576, (c + t) / 1048576 }'
echo 'device commands (models/README.md, GPU recipe): run(command="PARITY=0 EVALUATE=0 KEEP=.build-device tools/gpu/device-run.sh 8.5 256 0.002", carry=[".build-gpu"], timeout_s=590),'
echo 'then at once: run(command="PARITY=0 EVALUATE=0 FROM=.build-device KEEP=.build-device tools/gpu/device-run.sh 4.4 256 0.002", carry=[".build-gpu"], timeout_s=320)'
