#!/usr/bin/env bash
# Create the Python venv for scripts/models/export_model.py OUTSIDE the repository (idempotent).
#
#   scripts/models/setup-venv.sh [VENV_DIR]
#
# VENV_DIR defaults to $OMLC_MODELS_VENV or <cache>/models-venv (<cache> = $OMLC_CACHE_DIR or
# ~/.cache/opensearch-ml-conformance). Needs Debian bookworm (or a derivative with the same packages): torch comes from
# the Debian package python3-torch 1.13.1, installed with apt-get when missing (as root, or through sudo), together
# with python3-venv and python3-yaml. Everything else comes from PyPI with the pins in requirements.txt; a venv whose
# requirements are already satisfied is left alone (a marker file holds the sha256 of requirements.txt).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${OMLC_CACHE_DIR:-$HOME/.cache/opensearch-ml-conformance}"
venv="${1:-${OMLC_MODELS_VENV:-$cache/models-venv}}"
python=/usr/bin/python3

case "$(realpath -m "$venv")/" in
  "$(realpath -m "$here/../..")"/*) echo "refusing to create the venv inside the repository: $venv" >&2; exit 2 ;;
esac

missing=()
for pkg in python3-venv python3-torch python3-yaml; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "[models] installing Debian packages: ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

marker="$venv/.omlc-requirements.sha256"
wanted="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [[ -x "$venv/bin/python" && -f "$marker" && "$(cat "$marker")" == "$wanted" ]]; then
  exit 0
fi
if [[ ! -x "$venv/bin/python" ]]; then
  mkdir -p "$(dirname "$venv")"
  "$python" -m venv --system-site-packages "$venv"
fi
echo "[models] installing requirements.txt into $venv"
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet -r "$here/requirements.txt"
"$venv/bin/python" -c 'import numpy, onnxruntime, sentence_transformers, tokenizers, torch, transformers, yaml'
echo "$wanted" >"$marker"
echo "[models] venv ready: $venv"
