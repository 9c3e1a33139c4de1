#!/bin/bash
# Run 2: the cancellation and its two schema variants alone (no references), more rounds.
set -euo pipefail
kit=${LAMBDA_BENCH:-../shared/tools/lambda-bench}
ddb=$1; s3=$2; V=$3; shift 3
EV=events/CancellationFunction/cancel-partial-customer.json
cases=(
  "cancel=functions/cancellation/target/cancellation-lambda.zip:org.aftersales.cancellation.CancellationHandler::handleRequest:$EV"
  "cancel-schema-yaml=$V/cancel-schema-yaml.zip:org.aftersales.cancellation.CancellationOnSchema::handleRequest:$EV"
  "cancel-schema-json=$V/cancel-schema-json.zip:org.aftersales.cancellation.CancellationOnSchema::handleRequest:$EV"
)
envs=()
for c in "${cases[@]}"; do
  n=${c%%=*}
  envs+=(-E "$n:TABLE_NAME=AfterSalesTable" -E "$n:EVIDENCE_BUCKET=aftersales-evidence-000000000000-us-east-1"
         -E "$n:AWS_ENDPOINT_URL_DYNAMODB=$ddb" -E "$n:AWS_ENDPOINT_URL_S3=$s3"
         -E "$n:SERVICE_NAME=aftersales" -E "$n:POWERTOOLS_SERVICE_NAME=aftersales" -E "$n:METRICS_NAMESPACE=AfterSales")
done
exec "$kit/bench.sh" "${envs[@]}" "$@" "${cases[@]}"
