#!/usr/bin/env bash
# Copyright 2026 The lambda-embedded Authors
# SPDX-License-Identifier: Apache-2.0
#
# Runs the benchmark suite and writes docs/benchmarks.md.
#
#   bench/run.sh          quick mode: 1 fork, short iterations, under 10 minutes on 2 cores
#   bench/run.sh --full   full mode: 2 forks, longer iterations, every configuration, about 30 min
#   bench/run.sh --smoke  checks the pipeline in about 2 minutes; its numbers mean nothing
#
# Needs only a JDK 25 or newer: JAVA_HOME if it is one, else /usr/lib/jvm/temurin-25*. Builds
# lambda-embedded-benchmarks/target/benchmarks.jar with the Maven wrapper, runs each benchmark with
# JSON results in bench/results/ (git-ignored), then BenchmarkReport turns them into the report.
# Run it on an otherwise idle machine: it waits for quiet before each run (BENCH_QUIET_WAIT seconds
# at most, default 20) and the report shows how much CPU other processes took during each run.
set -euo pipefail

usage() {
  sed -n '5,15p' "$0" | sed 's/^# \{0,1\}//'
}

mode=quick
for arg in "$@"; do
  case "$arg" in
    --full) mode=full ;;
    --quick) mode=quick ;;
    --smoke) mode=smoke ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# ---- JDK ----

# Prints the feature version of the JDK at $1 (25 for 25.0.3), or nothing if it is not a JDK.
java_feature() {
  local home="$1"
  [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
  "$home/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

select_jdk() {
  local version
  if [[ -n "${JAVA_HOME:-}" ]]; then
    version="$(java_feature "$JAVA_HOME")"
    if [[ -n "$version" && "$version" -ge 25 ]]; then
      echo "$JAVA_HOME"
      return
    fi
    echo "run.sh: JAVA_HOME=$JAVA_HOME is not a JDK 25 or newer (feature version '${version:-none}'); looking in /usr/lib/jvm" >&2
  fi
  local candidate
  for candidate in /usr/lib/jvm/temurin-25*; do
    [[ -d "$candidate" ]] || continue
    version="$(java_feature "$candidate")"
    if [[ -n "$version" && "$version" -ge 25 ]]; then
      echo "$candidate"
      return
    fi
  done
  echo "run.sh: no JDK 25 or newer found. Set JAVA_HOME to a JDK 25+ (for example Temurin 25) or install one under /usr/lib/jvm/temurin-25*." >&2
  exit 1
}

JAVA_HOME="$(select_jdk)"
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
java="$JAVA_HOME/bin/java"

# ---- settings ----

# Quick mode keeps every benchmark but measures fewer iterations and fewer configurations of the
# invoke benchmark in the virtual-caller and sample runs; full mode measures everything longer.
timeout_rounds=5
starvation_rounds=3
jmh_settings=(-f 1 -wi 3 -i 4 -w 1s -r 1s)
json_settings=(-f 1 -wi 6 -i 8 -w 1s -r 1s)
virtual_configs=(-p config=caller,caller-alias,virtual)
sample_configs=(-p config=caller,virtual)
durable_params=(-p callers=256)
# registering a jar-deployed function copies and indexes it (a few ms each on this machine),
# so quick mode registers 1,000 and full mode the 10,000 of the density target
density_args=(1000 100)
concurrency_args=(100000 1000)
if [[ "$mode" == full ]]; then
  density_args=(10000 1000)
  timeout_rounds=25
  starvation_rounds=10
  jmh_settings=(-f 2 -wi 5 -i 5 -w 2s -r 1s)
  # The JSON round trip varies more from iteration to iteration (allocation, GC): more of them.
  json_settings=(-f 2 -wi 8 -i 10 -w 1s -r 1s)
  virtual_configs=()
  sample_configs=()
  durable_params=()
fi
if [[ "$mode" == smoke ]]; then
  timeout_rounds=1
  starvation_rounds=1
  jmh_settings=(-f 1 -wi 1 -i 2 -w 200ms -r 200ms)
  json_settings=("${jmh_settings[@]}")
  density_args=(200 20)
  concurrency_args=(2000 200)
fi

results="bench/results"
jar="lambda-embedded-benchmarks/target/benchmarks.jar"
report="docs/benchmarks.md"

start_time=$SECONDS

echo "== run.sh: $mode mode, JDK at $JAVA_HOME"
"$java" -version

# ---- build ----

echo "== building $jar"
./mvnw -B -q -pl lambda-embedded-benchmarks -am package -DskipTests

rm -rf "$results"
mkdir -p "$results"
"$java" -version 2> "$results/java-version.txt"

# ---- contention ----
#
# Other processes on the machine (a build, another benchmark) distort every figure. Before each run
# the script waits, up to $BENCH_QUIET_WAIT seconds (default 20), for the CPUs to be idle, and it
# measures how much CPU other processes used while the run lasted: the machine's busy time from
# /proc/stat minus this script's own children. The report shows both.

quiet_wait="${BENCH_QUIET_WAIT:-20}"
ticks_per_second="$(getconf CLK_TCK 2> /dev/null || echo 100)"
cores="$(nproc 2> /dev/null || echo 1)"

# Prints the CPU ticks the whole machine has been busy (user, nice, system, irq, softirq, steal).
machine_busy_ticks() {
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat 2> /dev/null || echo 0
}

# Prints the CPU ticks this shell and its finished children have used.
own_ticks() {
  local fields
  read -r -a fields < "/proc/$$/stat" 2> /dev/null || { echo 0; return; }
  echo $((fields[13] + fields[14] + fields[15] + fields[16]))
}

# Waits until the machine is idle (under 10% busy over 2 s), at most $quiet_wait seconds, and
# prints how many seconds it waited.
wait_for_quiet() {
  local waited=0 before after busy_percent
  [[ -r /proc/stat ]] || { echo 0; return; }
  while :; do
    before="$(machine_busy_ticks)"
    sleep 2
    after="$(machine_busy_ticks)"
    busy_percent=$(((after - before) * 100 / (2 * ticks_per_second * cores)))
    if ((busy_percent < 10 || waited >= quiet_wait)); then
      break
    fi
    if ((waited == 0)); then
      echo "== waiting up to ${quiet_wait}s for other processes to leave the CPUs (${busy_percent}% busy)" >&2
    fi
    waited=$((waited + 2))
  done
  echo "$waited"
}

# Prints a command line as it could be typed: arguments with shell characters in single quotes,
# the JDK's java as plain "java" (the report names the JDK).
quoted() {
  local arg words=()
  for arg in "$@"; do
    if [[ "$arg" == "$java" ]]; then
      words+=("java")
    elif [[ "$arg" =~ ^[A-Za-z0-9_./=:,@%+-]+$ ]]; then
      words+=("$arg")
    else
      words+=("'${arg//\'/\'\\\'\'}'")
    fi
  done
  echo "${words[*]}"
}

# run <name> <command...>: runs a command, tees its output to bench/results/<name>.log and records
# in runs.tsv: name, seconds, seconds waited for quiet, the share of the machine's CPU other
# processes used meanwhile (percent), and the command line.
run() {
  local name="$1"
  shift
  local command waited started busy_before own_before seconds busy others_percent
  command="$(quoted "$@")"
  waited="$(wait_for_quiet)"
  echo "== $name: $command"
  started=$SECONDS
  busy_before="$(machine_busy_ticks)"
  own_before="$(own_ticks)"
  "$@" 2>&1 | tee "$results/$name.log"
  seconds=$((SECONDS - started))
  busy=$(($(machine_busy_ticks) - busy_before - ($(own_ticks) - own_before)))
  others_percent="n/a"
  if [[ -r /proc/stat ]] && ((seconds > 0)); then
    others_percent=$((busy < 0 ? 0 : busy * 100 / (seconds * ticks_per_second * cores)))
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$seconds" "$waited" "$others_percent" "$command" \
    >> "$results/runs.tsv"
}

# jmh <name> <JMH arguments...>: a JMH run writing bench/results/<name>.json.
jmh() {
  local name="$1"
  shift
  run "$name" "$java" -jar "$jar" "$@" "${jmh_settings[@]}" -rf json -rff "$results/$name.json"
}

# ---- benchmarks ----

invoke='InvokeBenchmark\.(direct|invoke)$'

jmh invoke-avgt-platform "$invoke" -bm avgt -tu ns -t 1 -prof gc
jmh invoke-avgt-virtual "$invoke" -bm avgt -tu ns -t 1 -prof gc -jvmArgsAppend "-Djmh.executor=VIRTUAL" \
  ${virtual_configs[@]+"${virtual_configs[@]}"}
jmh invoke-sample "$invoke" -bm sample -tu ns -t 1 ${sample_configs[@]+"${sample_configs[@]}"}
jmh invoke-thrpt8 "$invoke" -bm thrpt -tu s -t 8 -p config=caller,virtual
run json-avgt "$java" -jar "$jar" 'JsonEventBenchmark' -bm avgt -tu ns -t 1 -prof gc \
  "${json_settings[@]}" -rf json -rff "$results/json-avgt.json"
jmh cold-start 'ColdStartBenchmark' -bm avgt -tu us -t 1 -prof gc
# no -prof gc: with per-invocation setup and teardown it would count their allocation too
jmh registration 'RegistrationBenchmark' -bm avgt -tu ms -t 1
jmh loop-check 'LoopCheckBenchmark' -bm avgt -tu ns -t 1
jmh async '(Durable)?AsyncBenchmark' -bm thrpt -tu s -t 1 -prof gc \
  ${durable_params[@]+"${durable_params[@]}"}
# peers: units per method (cold loads in µs, warm calls in ns)
jmh peers 'PeerBenchmark' -bm avgt -tu ns -t 1 -prof gc
jmh plugin-load 'PluginLoadBenchmark' -bm avgt -t 1 -prof gc
run density "$java" -cp "$jar" dev.lambdaembedded.benchmarks.DensityMeasure \
  "${density_args[@]}" "$results/density.json"
run concurrency "$java" -cp "$jar" dev.lambdaembedded.benchmarks.ConcurrencyMeasure \
  "${concurrency_args[@]}" "$results/concurrency.json"
run timeout-precision "$java" -cp "$jar" dev.lambdaembedded.benchmarks.TimeoutPrecision \
  "$timeout_rounds" "$results/timeout-precision.json"
run starvation "$java" -cp "$jar" dev.lambdaembedded.benchmarks.StarvationMeasure \
  "$starvation_rounds" "$results/starvation.json"

# ---- report ----

"$java" -cp "$jar" dev.lambdaembedded.benchmarks.report.BenchmarkReport \
  "$results" "$report" "$mode" "${jmh_settings[*]}" "$((SECONDS - start_time))"

echo "== wrote $report in $((SECONDS - start_time)) s; raw results in $results/"
