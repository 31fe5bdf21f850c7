#!/usr/bin/env bash
# Runs the JMH kernel suite and writes benchmarks/results/<stamp>.{json,txt,md}.
#
#   benchmarks/run.sh [--quick] [JMH regex] [more JMH options...]
#
#   --quick      one fork, 2 x 1 s warm-up, 50 x 20 ms measurement per benchmark (the whole suite: ~15 min);
#                the default is 2 forks, 3 x 1 s warm-up, 100 x 20 ms (~35 min)
#   JMH regex    which benchmarks, e.g. 'Gemm' or 'DotBenchmark|AxpyBenchmark' (default: all)
#   more         passed to JMH as they are, e.g. -p n=1024 -p impl=vector,blas
#
# It finds JDK 25 like ./eos does, builds benchmarks/target/benchmarks.jar when it is missing or older than the
# sources, installs the system OpenBLAS (Debian libopenblas0-pthread) when no libblas.so.3 is present and apt-get
# can, and runs the reference BLAS single-threaded (OPENBLAS_NUM_THREADS=1) with the CPU kernels OpenBLAS detects
# itself (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset: a forced older core type would slow the baseline).
#
# Many short iterations, because the machine may be shared: table.py reports the best iteration (the least
# disturbed), and the JSON keeps every iteration. When another JMH run holds /tmp/jmh.lock, this waits for it (up to
# 30 min), then runs anyway and records that it overlapped.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
out_dir="$root/benchmarks/results"
required=25

die() { echo "run.sh: $*" >&2; exit 2; }

java_major() {
  local v
  v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  echo "${v%%.*}"
}

find_jdk() {
  local cand major
  for cand in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [[ -n "$cand" && -x "$cand/bin/java" && -x "$cand/bin/javac" ]] || continue
    major="$(java_major "$cand")"
    if [[ -n "$major" && "$major" -ge "$required" ]]; then
      echo "$cand"
      return 0
    fi
  done
  return 1
}

quick=0
if [[ "${1:-}" == "--quick" ]]; then
  quick=1
  shift
fi
regex="${1:-.*}"
[[ $# -gt 0 ]] && shift

JAVA_HOME="$(find_jdk)" || die "no JDK $required found: set JAVA_HOME to a JDK $required+"
export JAVA_HOME

if [[ ! -f "$jar" || -n "$(find "$root/pom.xml" "$root/engine/pom.xml" "$root/benchmarks/pom.xml" \
    "$root/engine/src/main" "$root/benchmarks/src/main" -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
  echo "run.sh: building $jar ..." >&2
  (cd "$root" && ./mvnw -B -ntp -q -DskipTests -pl benchmarks -am package) || die "build failed"
fi

have_blas() {
  local f
  for f in /usr/lib/*/libblas.so.3 /usr/lib/libblas.so.3; do
    [[ -e "$f" ]] && return 0
  done
  return 1
}

if ! have_blas; then
  if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" -eq 0 ]]; then
    echo "run.sh: installing the system OpenBLAS (libopenblas0-pthread) for the reference BLAS ..." >&2
    apt-get install -y libopenblas0-pthread >/dev/null 2>&1 \
      || { apt-get update >/dev/null 2>&1 && apt-get install -y libopenblas0-pthread >/dev/null 2>&1; } \
      || echo "run.sh: apt-get could not install libopenblas0-pthread" >&2
  else
    echo "run.sh: no libblas.so.3 and no root apt-get: the reference BLAS will be netlib's pure Java code" >&2
  fi
fi

# The reference BLAS: single-threaded, with the kernels OpenBLAS picks for this CPU.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

java_opts=(--add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
mkdir -p "$out_dir"
stamp="$(date +%Y%m%d-%H%M%S)"
[[ $quick -eq 1 ]] && stamp="$stamp-quick"
info="$out_dir/$stamp.txt"
{
  echo "date: $(date -Is)"
  echo "commit: $(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$(
    [[ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]] && echo -dirty)"
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(getconf _NPROCESSORS_ONLN) cores," \
    "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  # OpenBLAS names the kernels it picked ("Core: ...") when it loads with OPENBLAS_VERBOSE=2
  OPENBLAS_VERBOSE=2 "$JAVA_HOME/bin/java" "${java_opts[@]}" -cp "$jar" dev.eos.bench.BlasInfo 2>&1 \
    | grep -v '^WARNING' | sed 's/^Core: /OpenBLAS kernels for core: /'
  echo "mode: $([[ $quick -eq 1 ]] && echo quick || echo full), benchmarks: $regex $*"
} | tee "$info"

jmh=(-foe true -rf json -rff "$out_dir/$stamp.json")
if [[ $quick -eq 1 ]]; then
  defaults=("-f 1" "-wi 2" "-w 1s" "-i 50" "-r 20ms")
else
  defaults=("-f 2" "-wi 3" "-w 1s" "-i 100" "-r 20ms")
fi
for opt in "${defaults[@]}"; do # unless the caller passed the same option
  name="${opt%% *}"
  [[ " $* " == *" $name "* ]] || jmh+=($opt)
done

log="$out_dir/$stamp.log"
lock_flag=()
waited=0
while :; do
  status=0
  "$JAVA_HOME/bin/java" "${java_opts[@]}" "${lock_flag[@]}" -jar "$jar" "${jmh[@]}" "$@" "$regex" 2>&1 \
    | grep --line-buffered -v '^WARNING: Using incubator modules: jdk.incubator.vector$' | tee "$log" || status=$?
  if grep -q 'Unable to acquire the JMH lock' "$log"; then
    if [[ $waited -ge 1800 ]]; then
      echo "run.sh: another JMH run held the lock for 30 min: running alongside it" | tee -a "$info" >&2
      lock_flag=(-Djmh.ignoreLock=true)
    else
      echo "run.sh: another JMH run holds /tmp/jmh.lock; waiting ..." >&2
      sleep 30
      waited=$((waited + 30))
    fi
    continue
  fi
  break
done
if [[ $waited -gt 0 ]]; then
  echo "waited ${waited}s for another JMH run to finish" >> "$info"
fi
[[ $status -eq 0 ]] || die "JMH failed (exit $status): see $log"

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$info"
python3 "$root/benchmarks/table.py" "$out_dir/$stamp.json" --info "$info" > "$out_dir/$stamp.md"
cat "$out_dir/$stamp.md"
echo "run.sh: results in $out_dir/$stamp.{json,txt,md}" >&2
