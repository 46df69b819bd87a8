#!/usr/bin/env bash
# Peak RSS of label generation (./alignet bench label-generate: the label stage's sample -> score ->
# encode path) at several triplet counts, for one or two builds of the CLI, alternating which goes first.
#   tools/bench/label_memory.sh ROUNDS "TRIPLETS..." APP_JAR [OTHER_APP_JAR]
#   e.g. tools/bench/label_memory.sh 3 "1000000 2000000 4000000" /tmp/before/quarkus-run.jar infra/target/quarkus-app/quarkus-run.jar
# Env: ROWS (100000), DIM (256), SAMPLING (random), GROUP_COUNT (100), SHARD (100000), VALIDATION (10000),
# JAVA_OPTS (extra JVM flags, e.g. -Xmx256m). One JSON line per run: app, triplets, load, peak RSS, result.
set -euo pipefail
rounds=$1; counts=$2; shift 2; apps=("$@")
rows=${ROWS:-100000}; dim=${DIM:-256}; sampling=${SAMPLING:-random}; groups=${GROUP_COUNT:-100}
shard=${SHARD:-100000}; validation=${VALIDATION:-10000}
for round in $(seq "$rounds"); do
  order=("${apps[@]}")
  if (( round % 2 == 0 && ${#apps[@]} == 2 )); then order=("${apps[1]}" "${apps[0]}"); fi
  for n in $counts; do
    for app in "${order[@]}"; do
      load=$(cut -d' ' -f1 /proc/loadavg)
      log=$(mktemp)
      # Same JVM flags as ./alignet.
      if out=$(/usr/bin/time -v -o "$log" java ${JAVA_OPTS:-} -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
          -jar "$app" bench label-generate --rows "$rows" --dim "$dim" --sampling "$sampling" --groups "$groups" \
          --triplets "$n" --validation "$validation" --shard-size "$shard" --json 2>/dev/null); then :; else out='"failed"'; fi
      rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
      rm -f "$log"
      echo "{\"round\": $round, \"app\": \"$app\", \"triplets\": $n, \"load1\": $load, \"peakRssMb\": $((rss_kb / 1024)), \"result\": $out}"
    done
  done
done
