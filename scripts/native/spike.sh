#!/usr/bin/env bash
# Throw-away spike, kept for the record: bring up a native node with the TS code, then run one ONNX model through
# register → deploy → predict → undeploy → delete with plain curl. Proves the native target end to end without the suite.
#
#   scripts/native/spike.sh [version] [model.zip]      (defaults: 2.19.6, fixtures/models/tiny-onnx-sym/model.zip)
#
# Needs: curl, and the prerequisites of the native target (java, mvn or a warm cache; g++ + libtorch-dev for 2.19.x).
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=${1:-2.19.6}
ZIP=$(realpath "${2:-fixtures/models/tiny-onnx-sym/model.zip}")
CONFIG='{"model_type":"bert","embedding_dimension":32,"framework_type":"sentence_transformers","pooling_mode":"mean","normalize_result":true,"model_max_length":64,"all_config":"{\"architectures\":[\"BertModel\"]}"}'
WORK=$(mktemp -d)
H='Content-Type: application/json'
# The project's Node 24 (runs .ts directly). Called directly, not via npx, so that $START_PID is the node process itself.
NODE=./node_modules/.bin/node
cleanup() {
  # SIGTERM, not SIGINT: background jobs of a non-interactive shell start with SIGINT ignored.
  [[ -n ${START_PID:-} ]] && kill -TERM "$START_PID" 2>/dev/null && wait "$START_PID" 2>/dev/null || true
  [[ -n ${SERVE_PID:-} ]] && kill "$SERVE_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# 1. The cluster (start.ts keeps it running until SIGINT/SIGTERM, which also stop the JVM).
"$NODE" scripts/native/start.ts --version "$VERSION" >"$WORK/start.log" 2>&1 &
START_PID=$!
until grep -q 'is running at' "$WORK/start.log"; do
  kill -0 "$START_PID" 2>/dev/null || { cat "$WORK/start.log"; exit 1; }
  sleep 1
done
OS=$(grep -o 'is running at http://[0-9.:]*' "$WORK/start.log" | cut -d' ' -f4)
echo "cluster: $OS"

# 2. An artifact server on loopback (the node downloads the model zip by URL).
cp "$ZIP" "$WORK/model.zip"
"$NODE" -e '
  const http = require("node:http"), fs = require("node:fs");
  const s = http.createServer((q, r) => fs.createReadStream(process.argv[1]).on("error", () => r.writeHead(404).end()).pipe(r));
  s.listen(0, "127.0.0.1", () => console.log(s.address().port));' "$WORK/model.zip" >"$WORK/port" &
SERVE_PID=$!
until [[ -s $WORK/port ]]; do sleep 0.2; done
URL="http://127.0.0.1:$(cat "$WORK/port")/model.zip"

json() { "$NODE" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(eval("("+s+")")'"$1"'))'; }
wait_task() {
  local s
  for _ in $(seq 1 120); do
    s=$(curl -s "$OS/_plugins/_ml/tasks/$1")
    grep -q '"COMPLETED"\|"FAILED"' <<<"$s" && break
    sleep 0.5
  done
  echo "$s"
}

# 3. The lifecycle.
GID=$(curl -s -XPOST "$OS/_plugins/_ml/model_groups/_register" -H "$H" -d "{\"name\":\"spike-$RANDOM\"}" | json .model_group_id)
SHA=$(sha256sum "$ZIP" | cut -d' ' -f1)
BODY="{\"name\":\"spike\",\"version\":\"1.0.0\",\"model_group_id\":\"$GID\",\"model_format\":\"ONNX\",\"model_content_hash_value\":\"$SHA\",\"model_config\":$CONFIG,\"url\":\"$URL\"}"
T=$(curl -s -XPOST "$OS/_plugins/_ml/models/_register" -H "$H" -d "$BODY" | json .task_id)
S=$(wait_task "$T"); echo "register: $S"
M=$(json .model_id <<<"$S")
T=$(curl -s -XPOST "$OS/_plugins/_ml/models/$M/_deploy" | json .task_id)
echo "deploy:   $(wait_task "$T")"
echo "predict:  $(curl -s -XPOST "$OS/_plugins/_ml/_predict/text_embedding/$M" -H "$H" \
  -d '{"text_docs":["the water is very long"],"target_response":["sentence_embedding"]}' | cut -c1-200)"
echo "undeploy: $(curl -s -XPOST "$OS/_plugins/_ml/models/$M/_undeploy")"
sleep 1
echo "delete:   $(curl -s -XDELETE "$OS/_plugins/_ml/models/$M")"
echo "group:    $(curl -s -XDELETE "$OS/_plugins/_ml/model_groups/$GID")"
