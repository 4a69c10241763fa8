#!/usr/bin/env bash
# Prepare the real-model artifacts in the cache: venv (setup-venv.sh) + fetch + export (export_model.py).
#
#   scripts/models/prepare.sh [export_model.py options]      e.g. --check-goldens
#
# Cached runs take a fraction of a second. When the venv cannot be made (no Debian packages, no PyPI), the reason is
# written to the export's failure.json exactly as for a failed fetch, so the real-model cards are skipped with it
# instead of disappearing; the exit code is then 2.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${OMLC_CACHE_DIR:-$HOME/.cache/opensearch-ml-conformance}"
venv="${OMLC_MODELS_VENV:-$cache/models-venv}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

if ! "$here/setup-venv.sh" "$venv" >"$log" 2>&1; then
  cat "$log" >&2
  reason="$(grep -v '^\s*$' "$log" | tail -n 1)"
  OMLC_MODELS_HERE="$here" /usr/bin/python3 -c '
import os, sys
sys.path.insert(0, os.environ["OMLC_MODELS_HERE"])
import model_cache as mc
for name in mc.load_sources():
    d = mc.export_dir(name)
    d.mkdir(parents=True, exist_ok=True)
    mc.write_json(d / mc.FAILURE, {"stage": "setup", "reason": "scripts/models/setup-venv.sh failed: " + sys.argv[1]})
' "$reason"
  exit 2
fi
cat "$log"
exec "$venv/bin/python" "$here/export_model.py" "$@"
