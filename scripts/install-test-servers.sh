#!/usr/bin/env bash
# The servers the scaled mode and its tests run for real, from the distribution's packages only: PostgreSQL
# (postgresql), Redis (redis-server), the load balancer (haproxy) and kubectl with its built-in kustomize (for the
# Kubernetes manifests' test; Debian's kubernetes-client when no kubectl is present). Installed with apt-get and
# nothing else. Idempotent: installs only what is missing. Needs root (or passwordless sudo) only to install.
# The Debian packages' own services are not used: tests and `npm run start:scaled` start their own instances on
# free ports in temporary directories.
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-test-servers: postgresql, redis-server, haproxy and kubectl already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-servers: missing ${missing[*]} and apt-get is not available; install them with the system's package manager" >&2
  exit 1
fi

run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    echo "install-test-servers: installing ${missing[*]} needs root: run 'sudo apt-get install ${missing[*]}' once" >&2
    exit 1
  fi
}

export DEBIAN_FRONTEND=noninteractive
echo "install-test-servers: installing ${missing[*]} with apt-get"
run_as_root apt-get update -qq
# policy-rc.d-less containers would start the packaged services: they are stopped below, ours run on their own ports.
run_as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for service in redis-server postgresql haproxy; do
  if command -v service >/dev/null 2>&1; then run_as_root service "$service" stop >/dev/null 2>&1 || true; fi
done
ls -d /usr/lib/postgresql/*/bin
redis-server --version
/usr/sbin/haproxy -v | head -1
kubectl version --client 2>/dev/null | head -2 || true
