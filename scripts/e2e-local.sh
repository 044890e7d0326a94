#!/usr/bin/env bash
# Build the renderer into its own folder and run some Playwright specs against it on their own port, so
# several people (or agents) can run end-to-end tests on one machine at once.
#   scripts/e2e-local.sh NAME PORT [playwright args…]     e.g. scripts/e2e-local.sh forms 4184 e2e/forms.spec.ts
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1; port=$2; shift 2
out="$PWD/dist/e2e-$name"
npx vite build --outDir "$out" --emptyOutDir >/dev/null
E2E_DIST="dist/e2e-$name" E2E_PORT="$port" npx playwright test --project=chromium "$@"
