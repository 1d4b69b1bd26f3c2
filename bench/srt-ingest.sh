#!/usr/bin/env bash
# The SRT ingest benchmark: K SRT callers (live mode, 1,316-byte messages), each replaying the benchmark MPEG-TS file
# in real time on its own stream, no readers, into Inlet (one SRT port, the product in embedded Payara) and into
# the reference, K srt-live-transmit processes (the C tool of the same libsrt) relaying each stream to /dev/null,
# in one run; prints CPU per ingested Gbit, RSS per stream and the ratio Inlet/reference. Loopback only.
#
#   bench/srt-ingest.sh [--streams 50] [--seconds 20] [--bitrate 2000k] [--only inlet|reference]
#                       [--sender-threads 2] [--skip-build]
# --skip-build: use the EAR and the tool already built (fails when the sources are newer than the EAR).
# Ports: Inlet SRT 18890 (RTMP 19350, HTTP 18080), the reference's listeners from 18900; the next free ones if taken.
#
# Needs: java 17, mvn, ffmpeg (libx264, aac), srt-live-transmit and libsrt 1.5. See docs/benchmarks.md.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
TARGET="$BENCH_DIR/target"
RESULTS="$TARGET/results"
LATENCY_MS=120

STREAMS=50
SECONDS_WINDOW=20
BITRATE=2000k
ONLY=both
SENDER_THREADS=2
SKIP_BUILD=no

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --streams) STREAMS="$2"; shift 2 ;;
    --seconds) SECONDS_WINDOW="$2"; shift 2 ;;
    --bitrate) BITRATE="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --sender-threads) SENDER_THREADS="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=yes; shift ;;
    -h|--help) usage ;;
    *) echo "unknown option $1" >&2; usage ;;
  esac
done
case "$ONLY" in both|inlet|reference) ;; *) echo "--only inlet|reference" >&2; exit 2 ;; esac
[[ "$BITRATE" =~ ^[0-9]+k$ ]] || { echo "--bitrate like 2000k" >&2; exit 2; }
[[ "$STREAMS" =~ ^[0-9]+$ && "$SECONDS_WINDOW" =~ ^[0-9]+$ && "$SENDER_THREADS" =~ ^[0-9]+$ ]] \
  && [ "$STREAMS" -ge 1 ] && [ "$SENDER_THREADS" -ge 1 ] \
  || { echo "--streams, --seconds and --sender-threads are positive numbers" >&2; exit 2; }
command -v srt-live-transmit >/dev/null || { echo "srt-live-transmit not found (apt-get install srt-tools)" >&2; exit 1; }
mkdir -p "$TARGET" "$RESULTS"

# --- every process this script starts is stopped on the way out -------------------------------------------
STARTED_PIDS=()
stop_all() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# --- build: the EAR, the launcher and the tool, offline, one build at a time on this machine ----------------
# (a package, not an install: run.sh would install when it finds the EAR older than the sources, so the stamp it
# checks is renewed here)
stamp="$ROOT_DIR/server-config/embedded/target/run.sh.built"
ear_stale() {
  local artifact
  for artifact in "$ROOT_DIR/ear/target/inlet.ear" "$ROOT_DIR/server-config/embedded/target/inlet-embedded.jar" \
                  "$ROOT_DIR/server-config/embedded/target/classpath.txt" "$stamp"; do
    [ -f "$artifact" ] || return 0
  done
  [ -n "$(cd "$ROOT_DIR" && find pom.xml src ear server-config/embedded -type f -newer "$stamp" \
            -not -path '*/target/*' -not -name '*.sh' -print -quit)" ]
}
if [ "$SKIP_BUILD" = no ]; then
  echo "building Inlet and the benchmark tool (mvn -o package)..."
  (cd "$ROOT_DIR" && timeout 1200 flock /tmp/inlet-build.lock mvn -o -q -B package -DskipTests)
  touch "$stamp"
elif [ "$ONLY" != reference ] && ear_stale; then
  echo "the EAR is missing or older than the sources: run without --skip-build" >&2; exit 1
fi
CLASSPATH_BENCH="$TARGET/inlet-bench.jar:$TARGET/lib/*"
[ -f "$TARGET/inlet-bench.jar" ] || { echo "missing $TARGET/inlet-bench.jar: build first" >&2; exit 1; }

# --- workload: 30 s 1280x720 30 fps H.264 CBR at the bitrate, GOP 1 s, AAC 128 kbps, in MPEG-TS ---------------
TS="$TARGET/workload-$BITRATE.ts"
if [ ! -s "$TS" ]; then
  echo "generating $TS (once; cached)..."
  timeout 900 ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440:sample_rate=44100 -t 30 \
    -c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p \
    -b:v "$BITRATE" -minrate "$BITRATE" -maxrate "$BITRATE" -bufsize "$BITRATE" -x264-params nal-hrd=cbr \
    -g 30 -keyint_min 30 -sc_threshold 0 -c:a aac -b:a 128k -ar 44100 -f mpegts "$TS.tmp"
  mv "$TS.tmp" "$TS"
fi

CLK_TCK="$(getconf CLK_TCK)"
tcp_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
udp_free() { [ -z "$(ss -Hlun "sport = :$1")" ]; }
free_port() { # first-port kind(tcp|udp)
  local port
  for port in $(seq "$1" $(( $1 + 200 ))); do
    if "${2}_free" "$port"; then echo "$port"; return; fi
  done
  echo "no free $2 port from $1" >&2; return 1
}
free_udp_range() { # first-port count: the first port of count consecutive free UDP ports
  local start="$1" port
  while [ "$start" -lt 65000 ]; do
    for port in $(seq "$start" $(( start + $2 - 1 ))); do
      udp_free "$port" || { start=$(( port + 1 )); continue 2; }
    done
    echo "$start"; return
  done
  echo "no $2 free UDP ports from $1" >&2; return 1
}
await() { # description pid seconds command...: until the command succeeds, while pid lives
  local what="$1" pid="$2" limit="$3" deadline=$(( SECONDS + $3 ))
  shift 3
  while [ "$SECONDS" -lt "$deadline" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "$what: process $pid exited while starting" >&2; return 1; }
    "$@" && return 0
    sleep 0.2
  done
  echo "$what: not ready within $limit s" >&2; return 1
}
udp_bound() { ! udp_free "$1"; }
tcp_bound() { ! tcp_free "$1"; }
run_tool() { # label port port-step keys-file server-pids [jvm-server yes]
  timeout $(( SECONDS_WINDOW + STREAMS * 2 + 300 )) \
    java -Xms256m -Xmx256m -XX:+UseParallelGC -cp "$CLASSPATH_BENCH" \
    dev.inlet.bench.SrtIngestTool --label "$1" --port "$2" --port-step "$3" --keys "$4" --server-pids "$5" \
    --ts "$TS" --seconds "$SECONDS_WINDOW" --threads "$SENDER_THREADS" --latency "$LATENCY_MS" \
    --clk-tck "$CLK_TCK" --out "$RESULTS/$1.txt" ${6:+--jvm-server "$6"}
}

# --- Inlet, the product: the EAR in embedded Payara; streams and keys through the admin API -----------------
run_inlet() {
  local srt rtmp http pid password log="$TARGET/srt-ingest-payara.log" keys="$TARGET/srt-ingest-payara-keys.txt"
  srt="$(free_port 18890 udp)"
  rtmp="$(free_port 19350 tcp)"
  http="$(free_port 18080 tcp)"
  password="$(head -c 18 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  rm -rf "$TARGET/srt-ingest-payara-data" # a fresh instance: the API user gets this run's password
  INLET_SRT_PORT="$srt" INLET_RTMP_PORT="$rtmp" INLET_HTTP_PORT="$http" INLET_HTTP_HOST=127.0.0.1 \
    INLET_PUBLIC_HOST=127.0.0.1 INLET_ADMIN_PASSWORD="$password" INLET_DATA_DIR="$TARGET/srt-ingest-payara-data" \
    JAVA_OPTS="-Dinlet.rtmp.host=127.0.0.1 -Dinlet.srt.latency-ms=$LATENCY_MS -Dinlet.rtmp.max-connections=20000 -Dinlet.rtmp.max-connections-per-ip=20000 ${INLET_PAYARA_JVM_OPTS:-}" \
    "$ROOT_DIR/server-config/embedded/run.sh" > "$log" 2>&1 &
  pid=$!
  STARTED_PIDS+=("$pid")
  await "Inlet (see $log)" "$pid" 600 tcp_bound "$rtmp"
  await "Inlet's SRT port $srt (see $log)" "$pid" 30 udp_bound "$srt"
  timeout 400 java -cp "$CLASSPATH_BENCH" dev.inlet.bench.ProvisionStreams --api "http://127.0.0.1:$http/api/v1" \
    --user admin --password "$password" --count "$STREAMS" --out "$keys" --wait-seconds 300
  echo "Inlet in embedded Payara: pid $pid, srt://127.0.0.1:$srt (log $log)"
  sleep 5 # the provisioning requests' own after-effects (JIT, GC) settle before the idle RSS is taken
  run_tool inlet-srt-ingest "$srt" 0 "$keys" "$pid" yes
  stop_all
}

# --- the reference: one srt-live-transmit per stream, listener -> stdout -> /dev/null -------------------------
run_reference() {
  local first port i pid pids="$TARGET/srt-ingest-reference-pids.txt" keys="$TARGET/srt-ingest-reference-keys.txt"
  local log="$TARGET/srt-ingest-reference.log"
  first="$(free_udp_range 18900 "$STREAMS")"
  : > "$pids"
  : > "$log"
  seq 0 $(( STREAMS - 1 )) | sed 's/^/ingest-/' > "$keys"
  for i in $(seq 0 $(( STREAMS - 1 ))); do
    port=$(( first + i ))
    srt-live-transmit -q "srt://127.0.0.1:$port?mode=listener&latency=$LATENCY_MS" file://con > /dev/null 2>> "$log" &
    pid=$!
    STARTED_PIDS+=("$pid")
    echo "$pid" >> "$pids"
  done
  i=0
  while read -r pid; do
    await "srt-live-transmit on $(( first + i )) (see $log)" "$pid" 30 udp_bound $(( first + i ))
    i=$(( i + 1 ))
  done < "$pids"
  echo "reference: $STREAMS srt-live-transmit ($(srt-live-transmit -version 2>&1 | sed -n 's/^SRT Library version: \([^,]*\).*/libsrt \1/p')), srt://127.0.0.1:$first-$(( first + STREAMS - 1 ))"
  sleep 1
  run_tool srt-live-transmit-ingest "$first" 1 "$keys" "@$pids"
  stop_all
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)," \
  "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "SRT ingest: $TS, $STREAMS streams, window $SECONDS_WINDOW s, latency $LATENCY_MS ms, $SENDER_THREADS sender threads"
RUN_ID="srt-k${STREAMS}-${BITRATE}-s${SECONDS_WINDOW}"
rm -f "$RESULTS/inlet-srt-ingest.txt" "$RESULTS/srt-live-transmit-ingest.txt"
[ "$ONLY" = reference ] || run_inlet
[ "$ONLY" = inlet ] || run_reference
echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"

for side in inlet-srt-ingest srt-live-transmit-ingest; do
  [ -f "$RESULTS/$side.txt" ] && cp "$RESULTS/$side.txt" "$RESULTS/$side-$RUN_ID.txt"
done
if [ -f "$RESULTS/inlet-srt-ingest.txt" ] && [ -f "$RESULTS/srt-live-transmit-ingest.txt" ]; then
  echo
  echo "== $RUN_ID: Inlet vs srt-live-transmit =="
  java -cp "$CLASSPATH_BENCH" dev.inlet.bench.Compare "$RESULTS/inlet-srt-ingest.txt" \
    "$RESULTS/srt-live-transmit-ingest.txt" | tee "$RESULTS/compare-$RUN_ID.txt"
fi
