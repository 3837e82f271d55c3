#!/usr/bin/env bash
# Debian's chromium for the web console's browser specs (tests/ActorSync.Engine.Tests/Console), installed when
# /usr/bin/chromium is missing; does nothing when it is there. Playwright drives it by its path: no browser download.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  # Not root: say so and go on; the browser specs then fail with the same advice.
  echo "chromium.sh: /usr/bin/chromium is missing; install it as root (apt-get install -y chromium) or the web console's browser specs fail" >&2
  exit 0
fi
echo "chromium.sh: installing Debian's chromium" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium >/dev/null 2>&1 || apt-get install -y -qq chromium >&2
[ -x /usr/bin/chromium ] || { echo "chromium.sh: /usr/bin/chromium is still missing after apt-get install chromium" >&2; exit 1; }
