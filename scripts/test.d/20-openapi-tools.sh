#!/usr/bin/env bash
# What the OpenAPI tests need beside dotnet: Debian's Chromium for the docs-page browser test
# (tests/RareEarthApi.Tests/OpenApi/SwaggerUiBrowserTests.cs), and from npm (package.json) playwright-core to drive
# it and @redocly/cli to lint the document. Those tests fail, not skip, when any of these is missing.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
  echo "chromium: not installed; installing Debian's chromium and chromium-driver"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q >/dev/null
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends chromium chromium-driver >/dev/null
fi
echo "chromium: $(chromium --version 2>/dev/null || echo missing)"

if [ ! -d node_modules/playwright-core ] || [ ! -x node_modules/.bin/redocly ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "playwright-core: $(node -p "require('playwright-core/package.json').version"), redocly: $(node -p "require('@redocly/cli/package.json').version")"
