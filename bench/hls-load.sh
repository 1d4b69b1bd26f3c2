#!/usr/bin/env bash
# What serving HLS viewers costs: N clients poll one live stream over HTTP, as players do, from Inlet (the product,
# embedded Payara: LL-HLS with blocking reloads for every 200 ms part, and the same playlist as plain HLS) and from
# nginx-rtmp (hls on, MPEG-TS segments written to disk and served by nginx's http, plain polling). One ffmpeg copies
# the same encoded stream (the benchmark workload, 2.2 Mbit/s 720p H.264 + AAC, looped) to both; each server is
# measured in turn in the same run, pinned to CPU 0 (the clients and the publisher on the others), and the CPU
# seconds of its processes over the window are set against what the clients received.
#
#   bench/hls-load.sh [--clients 500] [--seconds 30] [--warmup 10] [--ramp 100] [--pin yes|no] [--skip-build]
#
# Prints one RESULT line per run (inlet-ll, inlet-plain, nginx-rtmp) and writes them to
# bench/target/results/hls-load.txt. Needs: java 17, mvn, ffmpeg (libx264), nginx with libnginx-mod-rtmp, taskset.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
TARGET="$BENCH_DIR/target"
RESULTS="$TARGET/results"
NGINX_MODULE=/usr/lib/nginx/modules/ngx_rtmp_module.so
BITRATE=2200k

CLIENTS=500
WINDOW=30
WARMUP=10
RAMP=100
PIN=yes
SKIP_BUILD=no
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) CLIENTS="$2"; shift 2 ;;
    --seconds) WINDOW="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --ramp) RAMP="$2"; shift 2 ;;
    --pin) PIN="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=yes; shift ;;
    -h|--help) usage ;;
    *) echo "unknown option $1" >&2; usage ;;
  esac
done
for n in "$CLIENTS" "$WINDOW" "$WARMUP" "$RAMP"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "--clients, --seconds, --warmup and --ramp are numbers" >&2; exit 2; }
done
mkdir -p "$TARGET" "$RESULTS"

. "$BENCH_DIR/hls-common.sh"

SERVER_PIN=()
TOOL_PIN=()
if [ "$PIN" = yes ]; then
  [ "$(nproc)" -ge 2 ] || { echo "--pin yes needs at least 2 CPUs" >&2; exit 2; }
  SERVER_PIN=(taskset -c 0)
  TOOL_PIN=(taskset -c "1-$(( $(nproc) - 1 ))")
fi

# --- build: the product (run.sh serves its EAR) and the bench tool ---------------------------------------------
if [ "$SKIP_BUILD" = no ]; then
  (cd "$ROOT_DIR" && { timeout 900 mvn -q -o -B -DskipTests install || timeout 900 mvn -q -B -DskipTests install; })
fi
CLASSPATH_BENCH="$TARGET/inlet-bench.jar:$TARGET/lib/*"
[ -f "$TARGET/inlet-bench.jar" ] || { echo "missing $TARGET/inlet-bench.jar: build first" >&2; exit 1; }

FLV="$TARGET/workload-$BITRATE.flv" # the same workload as bench/run.sh: 20 s 720p30, GOP 2 s, AAC 128 kbps
if [ ! -s "$FLV" ]; then
  echo "generating $FLV (once; cached)..."
  timeout 600 ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440:sample_rate=44100 -t 20 \
    -c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p \
    -b:v "$BITRATE" -minrate "$BITRATE" -maxrate "$BITRATE" -bufsize "$BITRATE" -x264-params nal-hrd=cbr \
    -g 60 -keyint_min 60 -sc_threshold 0 -c:a aac -b:a 128k -ar 44100 -f flv "$FLV.tmp"
  mv "$FLV.tmp" "$FLV"
fi

# --- Inlet, the product, with a known demo key --------------------------------------------------------------------
KEY="bench$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
INLET_RTMP="$(free_port 19590)"
INLET_HTTP="$(free_port 18390)"
rm -rf "$TARGET/hls-load-payara-data"
INLET_RTMP_PORT="$INLET_RTMP" INLET_HTTP_PORT="$INLET_HTTP" INLET_HTTP_HOST=127.0.0.1 INLET_PUBLIC_HOST=127.0.0.1 \
  INLET_DEMO_KEY="$KEY" INLET_DATA_DIR="$TARGET/hls-load-payara-data" \
  JAVA_OPTS="-Dinlet.rtmp.host=127.0.0.1 -Dinlet.play.max-players-per-stream=0 -Dinlet.play.max-players=0 ${INLET_EXTRA_JAVA_OPTS:-}" \
  "${SERVER_PIN[@]}" "$ROOT_DIR/server-config/embedded/run.sh" > "$TARGET/hls-load-payara.log" 2>&1 &
INLET_PID=$!
STARTED_PIDS+=("$INLET_PID")
await_port "$INLET_RTMP" "$INLET_PID" 900 || { echo "see $TARGET/hls-load-payara.log" >&2; exit 1; }

# --- nginx-rtmp: one worker for RTMP, HLS files and their HTTP ---------------------------------------------------
NGINX_PREFIX="$TARGET/nginx-hls-load"
NGINX_RTMP="$(free_port 19690)"
NGINX_HTTP="$(free_port 18490)"
rm -rf "$NGINX_PREFIX" && mkdir -p "$NGINX_PREFIX/logs" "$NGINX_PREFIX/html/live"
write_nginx_hls_conf "$NGINX_PREFIX" "$NGINX_RTMP" "$NGINX_HTTP" 2s
"${SERVER_PIN[@]}" nginx -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf" &
NGINX_PID=$!
STARTED_PIDS+=("$NGINX_PID")
await_port "$NGINX_HTTP" "$NGINX_PID" 30

# --- one publisher, copied to both -----------------------------------------------------------------------------
"${TOOL_PIN[@]}" timeout -k 5 3600 ffmpeg -nostdin -hide_banner -loglevel warning -re -stream_loop -1 -i "$FLV" \
  -c copy -map 0 -f tee \
  "[f=flv:onfail=ignore]rtmp://127.0.0.1:$INLET_RTMP/live/$KEY|[f=flv:onfail=ignore]rtmp://127.0.0.1:$NGINX_RTMP/live/demo" \
  > "$TARGET/hls-load-publisher.log" 2>&1 &
STARTED_PIDS+=("$!")
INLET_URL="http://127.0.0.1:$INLET_HTTP/live/demo/index.m3u8"
NGINX_URL="http://127.0.0.1:$NGINX_HTTP/live/demo/index.m3u8"
await_segments "$INLET_URL"
await_segments "$NGINX_URL"

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "workload: $FLV looped; $CLIENTS clients (ramp $RAMP/s, warm-up $WARMUP s), window $WINDOW s; pinned: $PIN"
echo "Inlet: embedded Payara pid $INLET_PID, segments 2 s, parts 200 ms; nginx-rtmp: pid $NGINX_PID, hls_fragment 2s"
OUT="$RESULTS/hls-load.txt"
: > "$OUT"
load() { # label mode url pid
  "${TOOL_PIN[@]}" timeout -k 5 $(( WINDOW + WARMUP + CLIENTS / RAMP + 120 )) \
    java -Xms512m -Xmx512m -XX:+UseParallelGC ${HLS_LOAD_JAVA_OPTS:-} -cp "$CLASSPATH_BENCH" dev.inlet.bench.HlsLoadTool \
    --url "$3" --mode "$2" --clients "$CLIENTS" --ramp "$RAMP" --warmup "$WARMUP" --seconds "$WINDOW" \
    --server-pids "$4" --clk-tck "$(getconf CLK_TCK)" --label "$1" | tee -a "$OUT"
  sleep 5 # the viewers of the run before leave
}
load inlet-ll ll "$INLET_URL" "$INLET_PID"
load inlet-plain plain "$INLET_URL" "$INLET_PID"
load nginx-rtmp plain "$NGINX_URL" "$NGINX_PID"
