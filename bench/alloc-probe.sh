#!/usr/bin/env bash
# Runs the contract's allocation probe (test/.../AllocationProbe) over many fresh JVMs and counts the JVMs whose
# transformInto allocated after warmUp(): the README's former "one fresh JVM in a few dozen" JIT defect. Not run in CI.
#
#   bench/alloc-probe.sh [JVMS] [MODES]
#
# JVMS (default 200) fresh JVMs, spread round-robin over every contract subject (model family) and over MODES
# (default "platform virtual": a platform thread; a new virtual thread per call, one reused virtual thread and, for
# recurrent nets, the streaming step). Each JVM runs niced, with -Xlog:deoptimization=debug (a line per uncommon trap,
# cheap) so that an allocating JVM leaves a log of what the JIT threw away, and -Dprobe.diagnose=true (after an
# allocating measurement, the probe prints the stacks JFR samples allocating); the logs of allocating JVMs are kept in
# $OUT/logs, the others deleted. Extra JVM flags: PROBE_FLAGS="-XX:UseAVX=2 -XX:MaxVectorSize=32" (simulated AVX2).
# Prints one line per JVM and a summary; writes $OUT/results.tsv (OUT defaults to a new directory under /tmp).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jvms="${1:-200}"
read -r -a modes <<< "${2:-platform virtual}"
out="${OUT:-$(mktemp -d /tmp/alloc-probe.XXXXXX)}"
mkdir -p "$out/logs"
source "$here/.ci/find-jdk.sh"
java="$(latentj_find_jdk)/bin/java"

echo "building the test classes and their classpath..." >&2
"$here/mvnj" -q -pl test -am test-compile dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" -Dmdep.includeScope=test >&2
# a snapshot of the project's classes, so that a rebuild while this runs does not change what later JVMs run
cp=""
k=0
for entry in "$here/test/target/test-classes" $(tr ':' ' ' < "$out/cp.txt"); do
  if [[ "$entry" == "$here"/* && -d "$entry" ]]; then
    k=$((k + 1))
    mkdir -p "$out/classes/$k"
    cp -r "$entry/." "$out/classes/$k/"
    entry="$out/classes/$k"
  fi
  cp="${cp:+$cp:}$entry"
done
flags=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)
# shellcheck disable=SC2206
extra=(${PROBE_FLAGS:-})

echo "training and saving every contract subject..." >&2
nice -n 10 "$java" "${flags[@]}" -cp "$cp" io.latentj.test.ProbeModels "$out/models" >/dev/null 2>&1
mapfile -t subjects < "$out/models/subjects.tsv"
n=${#subjects[@]}

printf 'jvm\tsubject\tmode\tallocated\tseconds\n' > "$out/results.tsv"
allocating=0
for ((i = 0; i < jvms; i++)); do
  entry="${subjects[i % n]}"
  name="${entry%%$'\t'*}"
  file="${entry#*$'\t'}"
  mode="${modes[(i / n) % ${#modes[@]}]}"
  log="$out/logs/jvm-$i.log"
  start=$(date +%s.%N)
  nice -n 10 "$java" "${flags[@]}" "${extra[@]}" -Xlog:deoptimization=debug -Dprobe.diagnose=true -cp "$cp" io.latentj.test.AllocationProbe \
    "$name" "$file" "$mode" > "$log" 2>&1 || true
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  bytes=$(sed -n 's/^allocated \([0-9]*\)$/\1/p' "$log")
  bytes="${bytes:-error}"
  printf '%d\t%s\t%s\t%s\t%.1f\n' "$i" "$name" "$mode" "$bytes" "$secs" >> "$out/results.tsv"
  if [ "$bytes" = "0" ]; then
    rm -f "$log"
  else
    allocating=$((allocating + 1))
    echo "JVM $i ($name, $mode): allocated $bytes; log kept: $log" >&2
  fi
  printf '%d/%d %s [%s]: %s\n' "$((i + 1))" "$jvms" "$name" "$mode" "$bytes"
done
echo "allocating JVMs: $allocating of $jvms ($n subjects, modes: ${modes[*]}, flags: ${PROBE_FLAGS:-none}); results: $out/results.tsv"
