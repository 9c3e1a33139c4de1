#!/usr/bin/env bash
# The whole suite on one machine: local DynamoDB and S3 servers, every function of template.yaml
# behind the HTTP API on http://127.0.0.1:3000 with a local JWT issuer, S3 triggers, schedules.
#
#   ./run-local.sh [--port N] [--fresh] [--data-dir DIR] [--no-seed] [--verbose-logs]
#   ./run-local.sh invoke <FunctionLogicalId> events/<FunctionLogicalId>/<case>.json [--port N]
#
# Data (tables, objects, the JWT signing key) is kept in .local-data/ between runs; --fresh wipes it.
# The functions' JSON logs and EMF metrics go to .local-data/logs/functions.log (--verbose-logs: here instead).
# Builds what is missing or out of date first, installs the npm servers, then starts
# org.aftersales.local.LocalStack (local/) with the functions' environment from template.yaml.
set -euo pipefail
cd "$(dirname "$0")"
. .mvn/select-jdk25.sh

# Built when a function package is missing or any source/pom is newer than the last build.
packages_missing() {
  local pom module
  for pom in functions/*/pom.xml; do
    module=$(basename "$(dirname "$pom")")
    if grep -q maven-assembly-plugin "$pom" && [ ! -f "functions/$module/target/$module-lambda.zip" ]; then
      return 0
    fi
  done
  return 1
}
stamp=local/target/.run-local-built
if [ ! -f "$stamp" ] || [ ! -f local/target/classpath.txt ] || packages_missing \
   || [ -n "$(find pom.xml build local/pom.xml local/src functions -newer "$stamp" \
              -not -path '*/target/*' -type f -print -quit 2>/dev/null)" ]; then
  echo "Building the local stack and the function packages (./mvnw -q -pl local -am package -DskipTests)..."
  ./mvnw -q -pl local -am package -DskipTests
  touch "$stamp"
fi

servers=local/servers
if [ ! -f "$servers/node_modules/.package-lock.json" ] \
   || [ "$servers/package-lock.json" -nt "$servers/node_modules/.package-lock.json" ]; then
  echo "Installing the local DynamoDB, S3 and SES servers (npm ci in $servers)..."
  (cd "$servers" && npm ci --no-audit --no-fund --loglevel=error)
fi

classpath="local/target/classes:$(cat local/target/classpath.txt)"
# One JVM runs every function, so it gets the functions' (shared) environment from the template.
environment=$("$JAVA_HOME/bin/java" -cp "$classpath" org.aftersales.local.LocalStack env "$@")
eval "$environment"
exec "$JAVA_HOME/bin/java" -cp "$classpath" org.aftersales.local.LocalStack "$@"
