#!/usr/bin/env bash
# Creates Benchmarks/.venv with the pinned peer engines of requirements.txt.
# Idempotent: when the venv exists and was installed from the current requirements.txt, it
# prints nothing and exits 0. Prints the venv's python path on request: --print-python.
set -euo pipefail

benchmarks_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv_dir="$benchmarks_dir/.venv"
requirements="$benchmarks_dir/requirements.txt"
# The stamp records which requirements the venv was installed from, so an edited pin reinstalls.
stamp="$venv_dir/.requirements.sha256"
python="${PYTHON:-python3}"

if [[ "${1:-}" == "--print-python" ]]; then
    echo "$venv_dir/bin/python"
    exit 0
fi

wanted_hash="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [[ -x "$venv_dir/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$wanted_hash" ]]; then
    exit 0
fi

run_as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "setup-peers: need root (or sudo) to run: $*" >&2
        return 1
    fi
}

# Debian splits venv/ensurepip into python3-venv (or python3.X-venv): a bare interpreter fails
# to create a venv with pip, so try once, install the package, and try again.
create_venv() {
    rm -rf "$venv_dir"
    "$python" -m venv "$venv_dir" >/dev/null 2>&1
}
if ! create_venv; then
    versioned="python$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')-venv"
    echo "setup-peers: '$python -m venv' failed; installing python3-venv with apt-get" >&2
    run_as_root apt-get update -qq
    run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null ||
        run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$versioned" >/dev/null
    create_venv || { echo "setup-peers: cannot create $venv_dir with $python" >&2; exit 1; }
fi

"$venv_dir/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
echo "$wanted_hash" >"$stamp"
echo "setup-peers: installed into $venv_dir: $("$venv_dir/bin/python" -m pip freeze --disable-pip-version-check | tr '\n' ' ')" >&2
