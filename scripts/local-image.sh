#!/usr/bin/env bash
# Builds the operator image for the local test cluster (../shared/k8s), which reaches no registry: Jib builds it on
# a Java base made from this machine's JDK (../shared/k8s/java-base-image.sh) and the tar is loaded into the node,
# where the chart's default image (flowline/operator:dev, IfNotPresent) then finds it. Prints the image name last.
# Extra arguments go to Maven (e.g. -o once the plugins are downloaded).
set -euo pipefail
cd "$(dirname "$0")/.."
base=$(../shared/k8s/java-base-image.sh | tail -1)
./mvnw -B -q -Pimage -DskipTests package -Djib.from.image="tar://$base" "$@"
../shared/k8s/load-image.sh operator/target/jib-image.tar >&2
echo flowline/operator:dev
