"""Export a sentence-transformers folder the way ML Commons loads it, and compute golden vectors with the model itself.

- tokenizer.json: the folder's own, with truncation at the model's max_seq_length and no padding, so that ML Commons
  (DJL's HuggingFaceTokenizer reads both settings from the file) feeds the model exactly the ids sentence-transformers
  does. all-MiniLM-L6-v2's file says truncation 128 and fixed padding to 128, while the model uses 256 tokens.
- TorchScript: the whole SentenceTransformer (transformer + pooling + normalize) traced with one Dict[str, Tensor]
  argument {input_ids, attention_mask}: ML Commons' sentence_transformers translator passes exactly that and reads
  the `sentence_embedding` entry of the returned dict. Traced with torch 1.13 so libtorch 1.13.1 and 2.5.1 load it.
- ONNX: the transformer alone (inputs input_ids, attention_mask, token_type_ids; output #0 the token embeddings),
  opset 14; ML Commons pools and normalizes in Java as the card's model_config says (mean, normalize_result).
- Goldens: SentenceTransformer.encode, one text per call (ML Commons embeds documents one by one).

Every artifact is reloaded and run on the probes before it is accepted (TorchScript with torch.jit.load, ONNX with
ONNX Runtime 1.16.3 + the same pooling as ML Commons); a difference above 1e-5 from the goldens is an error.
"""

from __future__ import annotations

import io
import json
import logging
import platform
import subprocess
import time
import warnings
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import sentence_transformers
import tokenizers
import torch
import transformers
from sentence_transformers import SentenceTransformer
from tokenizers import Tokenizer

ONNX_OPSET = 14
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
MAX_ABS_DIFF = 1e-5
TRACE_TEXT = "An example sentence, traced once to record the model's operations."

# sentence-transformers 3.0 logs a deprecation line for every encode/tokenize under transformers 4.44; tracing warns
# that shapes are recorded as constants where they are not (the traced model is re-run on other lengths below).
logging.getLogger("sentence_transformers").setLevel(logging.ERROR)
warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
warnings.filterwarnings("ignore", category=FutureWarning, module="transformers")


class ExportError(Exception):
    pass


def load_model(folder: Path) -> SentenceTransformer:
    model = SentenceTransformer(str(folder), device="cpu")
    model.eval()
    return model


def ml_commons_tokenizer_json(folder: Path, max_length: int) -> bytes:
    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tok.enable_truncation(max_length=max_length)
    tok.no_padding()
    return (tok.to_str(pretty=True) + "\n").encode("utf-8")


def deterministic_zip(entries: list[tuple[str, bytes]]) -> bytes:
    """Fixed entry order, timestamp and permissions; level 1 because the model files barely compress."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return buf.getvalue()


def goldens(model: SentenceTransformer, texts: dict[str, str]) -> dict[str, np.ndarray]:
    with torch.no_grad():
        return {pid: model.encode(text, convert_to_numpy=True).astype(np.float32) for pid, text in texts.items()}


def check_tokenizer(model: SentenceTransformer, tokenizer_json: bytes, texts: dict[str, str]) -> dict[str, int]:
    """The exported tokenizer gives the ids sentence-transformers uses; returns each text's untruncated length."""
    ours = Tokenizer.from_str(tokenizer_json.decode("utf-8"))
    full = Tokenizer.from_str(tokenizer_json.decode("utf-8"))
    full.no_truncation()
    lengths: dict[str, int] = {}
    for pid, text in texts.items():
        st_ids = model.tokenize([text])["input_ids"][0].tolist()
        if ours.encode(text).ids != st_ids:
            raise ExportError(f"probe {pid}: exported tokenizer.json disagrees with sentence-transformers' ids")
        lengths[pid] = len(full.encode(text).ids)
    return lengths


def trace_torchscript(model: SentenceTransformer) -> bytes:
    features = model.tokenize([TRACE_TEXT])
    example = {"input_ids": features["input_ids"], "attention_mask": features["attention_mask"]}
    with torch.no_grad():
        traced = torch.jit.trace(model, (example,), strict=False)
    buf = io.BytesIO()
    torch.jit.save(traced, buf)
    return buf.getvalue()


def export_onnx(model: SentenceTransformer) -> bytes:
    transformer = model[0].auto_model
    features = model.tokenize([TRACE_TEXT])
    ids = features["input_ids"]
    inputs = (ids, features["attention_mask"], torch.zeros_like(ids))
    names = ["input_ids", "attention_mask", "token_type_ids"]
    dynamic = {name: {0: "batch", 1: "sequence"} for name in [*names, "last_hidden_state"]}
    buf = io.BytesIO()
    with torch.no_grad():
        torch.onnx.export(
            transformer,
            inputs,
            buf,
            input_names=names,
            output_names=["last_hidden_state", "pooler_output"],
            dynamic_axes=dynamic,
            opset_version=ONNX_OPSET,
            do_constant_folding=True,
        )
    return buf.getvalue()


def _encode(tokenizer_json: bytes, text: str) -> tuple[np.ndarray, np.ndarray]:
    enc = Tokenizer.from_str(tokenizer_json.decode("utf-8")).encode(text)
    return np.asarray([enc.ids], dtype=np.int64), np.asarray([enc.attention_mask], dtype=np.int64)


def torchscript_embeddings(pt: bytes, tokenizer_json: bytes, texts: dict[str, str]) -> dict[str, np.ndarray]:
    module = torch.jit.load(io.BytesIO(pt))
    module.eval()
    out: dict[str, np.ndarray] = {}
    for pid, text in texts.items():
        ids, mask = _encode(tokenizer_json, text)
        with torch.no_grad():
            result = module({"input_ids": torch.from_numpy(ids), "attention_mask": torch.from_numpy(mask)})
        out[pid] = result["sentence_embedding"][0].numpy().astype(np.float32)
    return out


def onnx_embeddings(onnx_bytes: bytes, tokenizer_json: bytes, texts: dict[str, str]) -> dict[str, np.ndarray]:
    """What ML Commons' ONNX translator does for model_type bert: three inputs, output #0, masked mean, L2 norm."""
    session = ort.InferenceSession(onnx_bytes, providers=["CPUExecutionProvider"])
    out: dict[str, np.ndarray] = {}
    for pid, text in texts.items():
        ids, mask = _encode(tokenizer_json, text)
        tokens = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[0].astype(np.float32)[:, None]
        pooled = (tokens[0] * weights).sum(axis=0) / max(float(weights.sum()), 1e-9)
        out[pid] = (pooled / np.linalg.norm(pooled)).astype(np.float32)
    return out


def max_abs_diff(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> float:
    return max(float(np.max(np.abs(a[pid] - b[pid]))) for pid in a)


def export_folder(
    folder: Path, max_length: int, stem: str, exports: dict[str, str], texts: dict[str, str]
) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Returns {card id: zip bytes} and a report (timings, token counts, differences from the goldens)."""
    timings: dict[str, float] = {}
    started = time.monotonic()
    model = load_model(folder)
    if model.max_seq_length != max_length:
        raise ExportError(f"{folder}: max_seq_length is {model.max_seq_length}, sources.json says {max_length}")
    timings["load"] = time.monotonic() - started
    tokenizer_json = ml_commons_tokenizer_json(folder, max_length)
    lengths = check_tokenizer(model, tokenizer_json, texts)
    golden = goldens(model, texts)
    zips: dict[str, bytes] = {}
    diffs: dict[str, float] = {}
    for card_id, fmt in exports.items():
        started = time.monotonic()
        if fmt == "TORCH_SCRIPT":
            model_bytes, name = trace_torchscript(model), f"{stem}.pt"
            produced = torchscript_embeddings(model_bytes, tokenizer_json, texts)
        elif fmt == "ONNX":
            model_bytes, name = export_onnx(model), f"{stem}.onnx"
            produced = onnx_embeddings(model_bytes, tokenizer_json, texts)
        else:
            raise ExportError(f"{card_id}: unknown format {fmt}")
        diffs[card_id] = max_abs_diff(produced, golden)
        if diffs[card_id] > MAX_ABS_DIFF:
            raise ExportError(f"{card_id}: exported model differs from sentence-transformers by {diffs[card_id]:.2e}")
        zips[card_id] = deterministic_zip([(name, model_bytes), ("tokenizer.json", tokenizer_json)])
        timings[card_id] = time.monotonic() - started
    report = {"timings_s": timings, "untruncated_tokens": lengths, "max_abs_diff_from_goldens": diffs}
    return zips, report


def generated_with() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "torch": _debian_torch_version(),
        "transformers": transformers.__version__,
        "sentence_transformers": sentence_transformers.__version__,
        "tokenizers": tokenizers.__version__,
        "onnxruntime": ort.__version__,
        "numpy": np.__version__,
    }


def _debian_torch_version() -> str:
    """Debian's python3-torch reports 1.13.0a0+gitunknown; the package version says what it is."""
    if torch.__file__.startswith("/usr/lib/python3/dist-packages/"):
        result = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"], capture_output=True, text=True)
        if result.returncode == 0 and result.stdout.strip():
            return f"{result.stdout.strip()} (debian python3-torch)"
    return torch.__version__


def reference_json(vectors: dict[str, np.ndarray], generator: str, versions: dict[str, str]) -> bytes:
    """The reference.json format of fixtures/models/README.md, one vector per line, 8 significant digits."""
    lines = ["{", f'  "generator": {json.dumps(generator)},', f'  "generated_with": {json.dumps(versions)},']
    lines.append('  "embeddings": {')
    lines.append('    "plain": {')
    items = list(vectors.items())
    for index, (pid, vec) in enumerate(items):
        numbers = ", ".join(repr(float(f"{float(x):.8g}")) for x in vec)
        lines.append(f"      {json.dumps(pid)}: [{numbers}]" + ("," if index < len(items) - 1 else ""))
    lines.extend(["    }", "  }", "}"])
    text = "\n".join(lines) + "\n"
    json.loads(text)
    return text.encode("utf-8")
