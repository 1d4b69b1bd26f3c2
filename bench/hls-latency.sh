#!/usr/bin/env bash
# Glass-to-glass latency of HLS in a real browser: one ffmpeg publisher burns its wall clock into every picture and
# sends the same encoded stream (tee) to Inlet (the product, embedded Payara) and to nginx-rtmp (hls on, files
# served by nginx's http); Debian's headless Chromium plays each with hls.js through Inlet's player page (/play/,
# copied next to nginx's HLS for the second run) and reads the clock back from every fifth presented frame, one
# after the other, each for --seconds. Prints p50/p95 of the browser's clock minus the burned clock, hls.js's own
# latency estimate and the time from page load to the first frame, for Inlet LL-HLS (low-latency mode, default
# part 200 ms), Inlet as plain HLS (ll=0) and nginx-rtmp's HLS.
#
#   bench/hls-latency.sh [--seconds 60] [--segment-ms 2000] [--fragment 2s] [--skip-build]
# --segment-ms: Inlet's inlet.hls.segment-ms; --fragment: nginx-rtmp's hls_fragment. The publisher's GOP is 1 s.
#
# Needs: java 17, mvn, ffmpeg (libx264), nginx with libnginx-mod-rtmp, chromium, node + npm (playwright-core is
# installed under bench/target/browser from bench/browser/package-lock.json). See docs/benchmarks.md.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
TARGET="$BENCH_DIR/target"
RESULTS="$TARGET/results"
NGINX_MODULE=/usr/lib/nginx/modules/ngx_rtmp_module.so
HLSJS_JAR_VERSION="$(sed -n 's|.*<version.hlsjs>\(.*\)</version.hlsjs>.*|\1|p' "$ROOT_DIR/pom.xml")"

WATCH_SECONDS=60
SEGMENT_MS=2000
FRAGMENT=2s
SKIP_BUILD=no
usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) WATCH_SECONDS="$2"; shift 2 ;;
    --segment-ms) SEGMENT_MS="$2"; shift 2 ;;
    --fragment) FRAGMENT="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=yes; shift ;;
    -h|--help) usage ;;
    *) echo "unknown option $1" >&2; usage ;;
  esac
done
[[ "$WATCH_SECONDS" =~ ^[0-9]+$ && "$SEGMENT_MS" =~ ^[0-9]+$ ]] || { echo "--seconds and --segment-ms are numbers" >&2; exit 2; }
mkdir -p "$TARGET" "$RESULTS"

. "$BENCH_DIR/hls-common.sh"

# --- the browser driver ---------------------------------------------------------------------------------------
BROWSER_DIR="$TARGET/browser"
mkdir -p "$BROWSER_DIR"
cp "$BENCH_DIR/browser/package.json" "$BENCH_DIR/browser/package-lock.json" "$BENCH_DIR/browser/latency.mjs" "$BROWSER_DIR/"
if [ ! -f "$BROWSER_DIR/node_modules/playwright-core/package.json" ]; then
  timeout 300 npm ci --no-audit --no-fund --prefix "$BROWSER_DIR" >/dev/null
fi

# --- the product, with a known demo key -------------------------------------------------------------------------
[ "$SKIP_BUILD" = yes ] || (cd "$ROOT_DIR" && timeout 900 mvn -q -o -B -DskipTests install \
  || timeout 900 mvn -q -B -DskipTests install)
KEY="bench$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
INLET_RTMP="$(free_port 19390)"
INLET_HTTP="$(free_port 18190)"
rm -rf "$TARGET/latency-payara-data"
INLET_RTMP_PORT="$INLET_RTMP" INLET_HTTP_PORT="$INLET_HTTP" INLET_HTTP_HOST=127.0.0.1 INLET_PUBLIC_HOST=127.0.0.1 \
  INLET_DEMO_KEY="$KEY" INLET_DATA_DIR="$TARGET/latency-payara-data" \
  JAVA_OPTS="-Dinlet.rtmp.host=127.0.0.1 -Dinlet.hls.segment-ms=$SEGMENT_MS" \
  "$ROOT_DIR/server-config/embedded/run.sh" > "$TARGET/latency-payara.log" 2>&1 &
STARTED_PIDS+=("$!")
await_port "$INLET_RTMP" "$!" 900 || { echo "see $TARGET/latency-payara.log" >&2; exit 1; }

# --- nginx-rtmp: HLS files under its html root, next to a copy of Inlet's player page and hls.js ------------------
NGINX_PREFIX="$TARGET/nginx-latency"
NGINX_RTMP="$(free_port 19490)"
NGINX_HTTP="$(free_port 18290)"
rm -rf "$NGINX_PREFIX" && mkdir -p "$NGINX_PREFIX/logs" "$NGINX_PREFIX/html/live" "$NGINX_PREFIX/html/webjars"
WEB_BUILT="$ROOT_DIR/ear/web/target/inlet-web" # the built web module: the page as the EAR serves it
cp -r "$WEB_BUILT/play" "$NGINX_PREFIX/html/"
HLSJS_JAR="$WEB_BUILT/WEB-INF/lib/hls.js-$HLSJS_JAR_VERSION.jar"
(cd "$NGINX_PREFIX" && unzip -q -o "$HLSJS_JAR" 'META-INF/resources/webjars/*' -d unpacked \
  && cp -r unpacked/META-INF/resources/webjars/hls.js html/webjars/)
write_nginx_hls_conf "$NGINX_PREFIX" "$NGINX_RTMP" "$NGINX_HTTP" "$FRAGMENT"
timeout $(( WATCH_SECONDS * 3 + 600 )) nginx -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf" &
STARTED_PIDS+=("$!")
await_port "$NGINX_HTTP" "$!" 30

# --- the publisher: wall clock burned in (ms mod 2^24, bit i white at x = 24 i), GOP 1 s, no B-frames ------------
CLOCK="drawbox=x=0:y=0:w=576:h=24:color=black:t=fill"
for bit in $(seq 0 23); do
  CLOCK="$CLOCK,drawbox=x=$(( bit * 24 )):y=0:w=24:h=24:color=white:t=fill:enable='mod(floor(floor(t*1000+0.5)/$(( 1 << bit ))),2)'"
done
PUBLISH_SECONDS=$(( WATCH_SECONDS * 3 + 120 ))
timeout -k 5 $(( PUBLISH_SECONDS + 30 )) ffmpeg -nostdin -hide_banner -loglevel warning \
  -re -f lavfi -i testsrc2=size=640x360:rate=25 -re -f lavfi -i sine=frequency=440:sample_rate=44100 \
  -t "$PUBLISH_SECONDS" -vf "settb=1/1000,setpts='floor(RTCTIME/1000)',$CLOCK,setpts=PTS-STARTPTS" \
  -c:v libx264 -preset veryfast -tune zerolatency -g 25 -keyint_min 25 -sc_threshold 0 -b:v 1500k -pix_fmt yuv420p \
  -c:a aac -b:a 96k -flags +global_header -map 0:v -map 1:a -f tee \
  "[f=flv:onfail=ignore]rtmp://127.0.0.1:$INLET_RTMP/live/$KEY|[f=flv:onfail=ignore]rtmp://127.0.0.1:$NGINX_RTMP/live/demo" \
  > "$TARGET/latency-publisher.log" 2>&1 &
STARTED_PIDS+=("$!")

INLET_PAGE="http://127.0.0.1:$INLET_HTTP/play/?stream=demo"
NGINX_PAGE="http://127.0.0.1:$NGINX_HTTP/play/?stream=demo&ll=0"
await_segments "http://127.0.0.1:$INLET_HTTP/live/demo/index.m3u8"
await_segments "http://127.0.0.1:$NGINX_HTTP/live/demo/index.m3u8"

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "hls.js $HLSJS_JAR_VERSION in $(chromium --version 2>/dev/null | tail -1); Inlet segments $SEGMENT_MS ms, parts 200 ms; nginx-rtmp hls_fragment $FRAGMENT; GOP 1 s; ${WATCH_SECONDS} s each"
OUT="$RESULTS/hls-latency.txt"
: > "$OUT"
for run in "inlet-ll|$INLET_PAGE" "inlet-plain|$INLET_PAGE&ll=0" "nginx-rtmp|$NGINX_PAGE"; do
  label="${run%%|*}"
  timeout -k 5 $(( WATCH_SECONDS + 90 )) node "$BROWSER_DIR/latency.mjs" "${run#*|}" "$WATCH_SECONDS" "$label" \
    2> "$TARGET/latency-$label.log" | tee -a "$OUT"
done
