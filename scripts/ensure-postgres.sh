#!/usr/bin/env bash
# The test suite starts its own throwaway PostgreSQL server; this makes sure the server binaries exist.
# On Debian they come from the `postgresql` package (initdb and pg_ctl under /usr/lib/postgresql/*/bin).
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "error: PostgreSQL server binaries are missing and I am not root; run: sudo apt-get install postgresql" >&2
    exit 1
fi
echo "Installing PostgreSQL (Debian package 'postgresql') for the test suite..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || {
    echo "error: installed 'postgresql' but found no initdb under /usr/lib/postgresql/*/bin" >&2
    exit 1
}
