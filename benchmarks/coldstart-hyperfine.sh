#!/bin/sh
# Cold start of the functions' init phase, timed by hyperfine (cross-check of ColdStartBench):
# a fresh JVM on the unpacked Lambda zip loads and constructs the handler (ColdStartMain with
# one argument), with the template's JAVA_TOOL_OPTIONS flags and with the JVM's defaults, plus
# the bare JVM floor. Init opens no connection, so no local server is needed; the environment
# names one anyway, as Lambda's would. Usage, from the repository root after
#   ./mvnw -q -pl benchmarks -am package -DskipTests
# run: benchmarks/coldstart-hyperfine.sh [runs]   (default 20; writes benchmarks/target/coldstart-hyperfine.{md,json}
# and prints median and min-max per command)
set -eu
runs="${1:-20}"
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
work=benchmarks/target/coldstart-hyperfine
rm -rf "$work" && mkdir -p "$work/main"
for module in orders cancellation; do
  unzip -q -o "functions/$module/target/$module-lambda.zip" -d "$work/$module"
done
unzip -q -o benchmarks/target/benchmarks.jar 'org/aftersales/benchmarks/coldstart/ColdStartMain.class' -d "$work/main"

export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000 AWS_ENDPOINT_URL_S3=http://127.0.0.1:4569
export TABLE_NAME=aftersales-test EVIDENCE_BUCKET=aftersales-evidence-test
export POWERTOOLS_SERVICE_NAME=aftersales SERVICE_NAME=aftersales METRICS_NAMESPACE=AfterSales
unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS || true
c1="-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
cp() { echo "$work/$1:$work/$1/lib/*:$work/main"; }
main=org.aftersales.benchmarks.coldstart.ColdStartMain

hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$work.md" --export-json "$work.json" \
  -n "bare JVM (C1 only)" "$java $c1 -cp $(cp orders) $main" \
  -n "bare JVM (default)" "$java -cp $(cp orders) $main" \
  -n "OrdersFunction init (C1 only)" "$java $c1 -cp $(cp orders) $main org.aftersales.orders.OrdersHandler" \
  -n "OrdersFunction init (default)" "$java -cp $(cp orders) $main org.aftersales.orders.OrdersHandler" \
  -n "CancellationFunction init (C1 only)" "$java $c1 -cp $(cp cancellation) $main org.aftersales.cancellation.CancellationHandler" \
  -n "CancellationFunction init (default)" "$java -cp $(cp cancellation) $main org.aftersales.cancellation.CancellationHandler"

python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%-40s median %7.1f ms  mean %7.1f ± %5.1f ms  min-max %7.1f-%7.1f ms  n=%d" % (r["command"], r["median"]*1e3,
          r["mean"]*1e3, r["stddev"]*1e3, r["min"]*1e3, r["max"]*1e3, len(r["times"])))
' "$work.json"
