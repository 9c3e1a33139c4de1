#!/bin/bash
# Cold start of this project's functions beside the lambda-bench references (hello, sdk-floor,
# typical), in one interleaved run: the kit's project-cases.sh with the policy endpoint in its own
# package (functions/policyapi, kept near hello-world). Run from the repository root with ./run-local.sh up:
#   benchmarks/coldstart/cases.sh DDB_URL S3_URL [bench.sh options...]
# (DDB_URL and S3_URL are the two URLs run-local.sh prints.) Extra cases can be appended as
# bench.sh options, e.g. a variant package: name=PATH:HANDLER:EVENT.
set -euo pipefail
kit=${LAMBDA_BENCH:-../shared/tools/lambda-bench}
ddb=${1:?DynamoDB URL of the running local stack}; s3=${2:?S3 URL}; shift 2
bucket=aftersales-evidence-000000000000-us-east-1
cases=(
  "orders-get=functions/orders/target/orders-lambda.zip:org.aftersales.orders.OrdersHandler::handleRequest:events/OrdersFunction/get-order-customer.json"
  "returns-get=functions/returns/target/returns-lambda.zip:org.aftersales.returns.ReturnsHandler::handleRequest:events/ReturnsFunction/get-customer.json"
  "claims-get=functions/claims/target/claims-lambda.zip:org.aftersales.claims.ClaimsHandler::handleRequest:events/ClaimsFunction/customer-get-claim.json"
  "evidence=functions/claims/target/claims-lambda.zip:org.aftersales.claims.EvidenceHandler::handleRequest:events/EvidenceFunction/s3-put-problem-photo.json"
  "refunds-ledger=functions/refunds/target/refunds-lambda.zip:org.aftersales.refunds.RefundsHandler::handleRequest:events/RefundsFunction/ledger-customer.json"
  "policy=functions/policyapi/target/policyapi-lambda.zip:org.aftersales.policyapi.PolicyHandler::handleRequest:events/PolicyFunction/get-policy-anonymous.json"
)
extra=()
for arg in "$@"; do
  case $arg in *=*:*:*) cases+=("$arg") ;; *) extra+=("$arg") ;; esac
done
envs=()
for c in "${cases[@]}"; do
  n=${c%%=*}
  envs+=(-E "$n:TABLE_NAME=AfterSalesTable" -E "$n:EVIDENCE_BUCKET=$bucket"
         -E "$n:AWS_ENDPOINT_URL_DYNAMODB=$ddb" -E "$n:AWS_ENDPOINT_URL_S3=$s3"
         -E "$n:SERVICE_NAME=aftersales" -E "$n:POWERTOOLS_SERVICE_NAME=aftersales" -E "$n:METRICS_NAMESPACE=AfterSales")
done
exec "$kit/bench.sh" --refs "${envs[@]}" "${extra[@]}" "${cases[@]}"
