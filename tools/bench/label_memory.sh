#!/usr/bin/env bash
# Peak RSS of label generation (./alignet bench label-generate: the label stage's sample -> score ->
# encode path) at several triplet counts, for one or two builds of the CLI, alternating which goes first.
#   tools/bench/label_memory.sh ROUNDS "TRIPLETS..." APP_JAR [OTHER_APP_JAR]
#   e.g. tools/bench/label_memory.sh 3 "1000000 2000000 4000000" /tmp/before/quarkus-run.jar infra/target/quarkus-app/quarkus-run.jar
# Env: ROWS (100000), DIM (256), SAMPLING (random), GROUP_COUNT (100), SHARD (100000), VALIDATION (10000),
# JAVA_OPTS (extra JVM flags, e.g. -Xmx320m). One JSON line per run: app, triplets, load, peak RSS, the
# largest heap occupancy right after a garbage collection (what was live, whatever the collector let RSS
# grow to; 0 if no collection ran), and the bench's JSON result ("failed" if it did not complete).
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
      log=$(mktemp); gclog=$(mktemp)
      # Same JVM flags as ./alignet, plus a GC log.
      if out=$(/usr/bin/time -v -o "$log" java --add-modules=jdk.incubator.vector ${JAVA_OPTS:-} -Xlog:gc:file="$gclog" -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
          -jar "$app" bench label-generate --rows "$rows" --dim "$dim" --sampling "$sampling" --groups "$groups" \
          --triplets "$n" --validation "$validation" --shard-size "$shard" --json 2>/dev/null); then :; else out='"failed"'; fi
      rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
      # "Pause Young (Normal) (G1 Evacuation Pause) 250M->130M(320M)": the largest "->130M".
      after_gc_mb=$(grep -o -- '->[0-9]*M' "$gclog" | tr -dc '0-9\n' | sort -n | tail -1)
      rm -f "$log" "$gclog"
      echo "{\"round\": $round, \"app\": \"$app\", \"triplets\": $n, \"load1\": $load, \"peakRssMb\": $((rss_kb / 1024)), \"maxAfterGcMb\": ${after_gc_mb:-0}, \"result\": $out}"
    done
  done
done
