#!/bin/bash
# Interleaved: cancel, cancel-schema-yaml, cancel-schema-json, N rounds, each a fresh JVM with
# Lambda's flags (C1 only, SerialGC, default CDS); process CPU time at the first response.
set -euo pipefail
V=${1:?variant dir}; N=${2:-10}; EV=${3:?event}; here=$(cd "$(dirname "$0")" && pwd)
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
cd "$(mktemp -d)"
for r in $(seq 1 "$N"); do
  for c in cancel:base:org.aftersales.cancellation.CancellationHandler \
           cancel-schema-yaml:yaml:org.aftersales.cancellation.CancellationOnSchema \
           cancel-schema-json:json:org.aftersales.cancellation.CancellationOnSchema; do
    IFS=: read -r name dir cls <<<"$c"
    cp="$here:$V/$dir:$(ls "$V/$dir"/lib/*.jar | tr '\n' ':')"
    printf 'round %s ' "$r"
    env -i PATH=/usr/bin:/bin AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER \
      TABLE_NAME=AfterSalesTable EVIDENCE_BUCKET=aftersales-evidence-000000000000-us-east-1 \
      AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:3761 AWS_ENDPOINT_URL_S3=http://127.0.0.1:3762 \
      SERVICE_NAME=aftersales POWERTOOLS_SERVICE_NAME=aftersales METRICS_NAMESPACE=AfterSales TZ=:UTC \
      "$J" -XX:MaxHeapSize=891289k -XX:+UseSerialGC -Xshare:auto -XX:+TieredCompilation -XX:TieredStopAtLevel=1 \
      -cp "$cp" CpuToFirstResponse "$cls" "$EV" "$name" 2>/dev/null
  done
done
