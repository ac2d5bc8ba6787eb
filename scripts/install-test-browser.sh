#!/usr/bin/env bash
# The browser the supervision-room test drives: Debian's `chromium`, installed with apt-get and nothing else
# (playwright-core never downloads a browser here). Idempotent: does nothing when /usr/bin/chromium exists.
# Needs root (or passwordless sudo) only when it has something to install.
set -euo pipefail

browser=/usr/bin/chromium
if [ -x "$browser" ]; then
  echo "install-test-browser: $("$browser" --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-browser: $browser is missing and apt-get is not available; install Chromium with the system's package manager" >&2
  exit 1
fi

run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    echo "install-test-browser: installing chromium needs root: run 'sudo apt-get install chromium' once" >&2
    exit 1
  fi
}

export DEBIAN_FRONTEND=noninteractive
echo "install-test-browser: installing Debian chromium with apt-get"
run_as_root apt-get update -qq
run_as_root apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
"$browser" --version
