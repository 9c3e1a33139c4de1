#!/bin/bash
# Builds the two measured variants of the cancellation package (not shipped) into $1 (default
# /tmp/coldstart-variant): cancellation-lambda.zip's contents + CancellationOnSchema (this
# directory's .java.txt) + networknt json-schema-validator 2.0.8 and itu 1.14.0 (its runtime
# dependencies; the zip's own slf4j-api 1.7.36 serves its logger); the "yaml" variant adds
# jackson-dataformat-yaml 2.21.3 + snakeyaml 2.5 and openapi.yaml at the task root, the "json"
# variant openapi.yaml converted to JSON at build time (openapi.json) instead. Run from the
# repository root after ./mvnw -o -pl functions/cancellation -am package -DskipTests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
V=${1:-/tmp/coldstart-variant}; M=~/.m2/repository
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
rm -rf "$V"; mkdir -p "$V/base" "$V/src/org/aftersales/cancellation" "$V/classes"
unzip -q functions/cancellation/target/cancellation-lambda.zip -d "$V/base"
cp "$here/CancellationOnSchema.java.txt" "$V/src/org/aftersales/cancellation/CancellationOnSchema.java"
for k in yaml json; do
  cp -r "$V/base" "$V/$k"
  cp $M/com/networknt/json-schema-validator/2.0.8/json-schema-validator-2.0.8.jar \
     $M/com/ethlo/time/itu/1.14.0/itu-1.14.0.jar "$V/$k/lib/"
done
cp $M/com/fasterxml/jackson/dataformat/jackson-dataformat-yaml/2.21.3/jackson-dataformat-yaml-2.21.3.jar \
   $M/org/yaml/snakeyaml/2.5/snakeyaml-2.5.jar "$V/yaml/lib/"
cp openapi.yaml "$V/yaml/openapi.yaml"
python3 -c "import yaml, json, sys; json.dump(yaml.safe_load(open('openapi.yaml')), open(sys.argv[1], 'w'), default=str, separators=(',', ':'))" "$V/json/openapi.json"
"$JAVA_HOME/bin/javac" --release 25 -cp "$V/yaml:$(ls "$V"/yaml/lib/*.jar | tr '\n' ':')" -d "$V/classes" \
  "$V/src/org/aftersales/cancellation/CancellationOnSchema.java"
for k in yaml json; do
  cp "$V"/classes/org/aftersales/cancellation/*.class "$V/$k/org/aftersales/cancellation/"
  (cd "$V/$k" && zip -qr -X "../cancel-schema-$k.zip" .)
done
ls -l "$V"/*.zip
