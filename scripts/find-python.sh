#!/usr/bin/env bash
# Prints a working Python 3.12 interpreter. pyenv's shim for python3.12 exists on these machines but
# fails unless that version is selected, so try the shim, then pyenv's own install, then give up clearly.
set -u
for candidate in python3.12 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python3.12 /usr/bin/python3.12 /usr/local/bin/python3.12; do
    if "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1; then
        command -v "$candidate" 2>/dev/null || echo "$candidate"
        exit 0
    fi
    if PYENV_VERSION=3.12 "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1; then
        PYENV_VERSION=3.12 "$candidate" -c 'import sys; print(sys.executable)'
        exit 0
    fi
done
echo "error: Python 3.12 not found; install it (e.g. 'apt-get install python3.12' or 'pyenv install 3.12')" >&2
exit 1
