#!/bin/sh
# Runs every benchmark of docs/benchmarks.md once, in order, and keeps the raw output with the
# machine's load before each step in benchmarks/results/<UTC timestamp>/. From the repository root:
#   benchmarks/run-all.sh [step...]   (after ./mvnw -q -pl benchmarks -am package -DskipTests)
# steps: jmh-policy warm-handlers coldstart coldstart-hyperfine (default: all, in that order)
set -eu
steps="${*:-jmh-policy warm-handlers coldstart coldstart-hyperfine}"
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
out="benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
{
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo
  "$java" -version 2>&1
} > "$out/machine.txt"
step() {
  name="$1"; shift
  case " $steps " in *" $name "*) ;; *) return 0 ;; esac
  echo "$(date -u +%H:%M:%S) start $name; uptime: $(uptime)" | tee -a "$out/load.txt"
  "$@" > "$out/$name.txt" 2>&1
  echo "$(date -u +%H:%M:%S) end   $name; uptime: $(uptime)" | tee -a "$out/load.txt"
}
step jmh-policy "$java" -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff "$out/jmh-policy.json"
step warm-handlers "$java" -cp benchmarks/target/benchmarks.jar org.aftersales.benchmarks.WarmHandlers 300 1000
step coldstart "$java" -cp benchmarks/target/benchmarks.jar org.aftersales.benchmarks.coldstart.ColdStartBench 20
step coldstart-hyperfine env JAVA="$java" benchmarks/coldstart-hyperfine.sh 20
[ ! -f benchmarks/target/coldstart-hyperfine.md ] || case " $steps " in *" coldstart-hyperfine "*)
  cp benchmarks/target/coldstart-hyperfine.md benchmarks/target/coldstart-hyperfine.json "$out/" ;; esac
echo "results in $out"
