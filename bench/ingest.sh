#!/usr/bin/env bash
# The ingest benchmark: K publishers, each replaying the benchmark FLV in real time on its own stream, no players,
# into Inlet and into nginx-rtmp in the same run; prints CPU per ingested message and per ingested Gbit, RSS above
# the idle server and publisher lag for both, with the ratio Inlet/nginx. Loopback only.
#
#   bench/ingest.sh [--publishers 200] [--seconds 20] [--warmup 60] [--bitrate 2000k] [--only inlet|nginx]
#                   [--inlet payara|engine|both] [--ramp 50] [--pin] [--skip-build] [--hls]
# --inlet payara (default): the product, the EAR in embedded Payara (server-config/embedded/run.sh, which builds
#          the whole project when needed); its streams and keys are created through the admin REST API.
#          engine: Inlet's RTMP engine in plain Java (dev.inlet.bench.EngineServer), quicker to profile.
# --pin: server on CPU 0, the tool on the other CPUs (taskset).
# --warmup: seconds every publisher runs before the window opens (default 60): a JVM compiles its ingest path during
#          its first 30 s or so of load, a one-off cost; --warmup 3 measures a freshly started server.
# --hls: both servers also write HLS of every stream while it is live: Inlet with inlet.hls.always=true (LL-HLS,
#          CMAF parts of 200 ms, segments of 2 s, in memory), nginx-rtmp with hls on (MPEG-TS segments of 2 s, files
#          under target/); Inlet payara only (the engine has no HLS). Nobody reads them: this is the muxing cost.
#
# Needs: java 17, mvn, ffmpeg (libx264, aac), nginx with libnginx-mod-rtmp. See docs/benchmarks.md.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
TARGET="$BENCH_DIR/target"
RESULTS="$TARGET/results"
NGINX_MODULE=/usr/lib/nginx/modules/ngx_rtmp_module.so

PUBLISHERS=200
SECONDS_WINDOW=20
WARMUP=60
BITRATE=2000k
ONLY=both
INLET_MODE=payara
RAMP=50
PIN=no
SKIP_BUILD=no
HLS=no

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --publishers) PUBLISHERS="$2"; shift 2 ;;
    --seconds) SECONDS_WINDOW="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --bitrate) BITRATE="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --inlet) INLET_MODE="$2"; shift 2 ;;
    --ramp) RAMP="$2"; shift 2 ;;
    --pin) PIN=yes; shift ;;
    --skip-build) SKIP_BUILD=yes; shift ;;
    --hls) HLS=yes; shift ;;
    -h|--help) usage ;;
    *) echo "unknown option $1" >&2; usage ;;
  esac
done
case "$ONLY" in both|inlet|nginx) ;; *) echo "--only inlet|nginx" >&2; exit 2 ;; esac
case "$INLET_MODE" in engine|payara|both) ;; *) echo "--inlet payara|engine|both" >&2; exit 2 ;; esac
[[ "$BITRATE" =~ ^[0-9]+k$ ]] || { echo "--bitrate like 2000k" >&2; exit 2; }
[[ "$PUBLISHERS" =~ ^[0-9]+$ && "$SECONDS_WINDOW" =~ ^[0-9]+$ && "$WARMUP" =~ ^[0-9]+$ && "$RAMP" =~ ^[0-9]+$ ]] \
  || { echo "--publishers, --seconds, --warmup and --ramp are numbers" >&2; exit 2; }
mkdir -p "$TARGET" "$RESULTS"
HLS_JVM_OPTS=""
[ "$HLS" = yes ] && HLS_JVM_OPTS="-Dinlet.hls.always=true"

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

# --- build: the engine and the tool (the same small aggregator as run.sh) -----------------------------------
if [ "$SKIP_BUILD" = no ]; then
  mkdir -p "$TARGET/build"
  cat > "$TARGET/build/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.inlet</groupId>
  <artifactId>inlet-bench-build</artifactId>
  <version>0</version>
  <packaging>pom</packaging>
  <modules><module>../../../src</module><module>../..</module></modules>
</project>
POM
  echo "building inlet-core and inlet-bench..."
  timeout 900 mvn -q -o -f "$TARGET/build/pom.xml" package -DskipTests -Dmaven.test.skip=true \
    || timeout 900 mvn -q -f "$TARGET/build/pom.xml" package -DskipTests -Dmaven.test.skip=true
fi
CLASSPATH_BENCH="$TARGET/inlet-bench.jar:$TARGET/lib/*"
[ -f "$TARGET/inlet-bench.jar" ] || { echo "missing $TARGET/inlet-bench.jar: build first" >&2; exit 1; }

# --- workload: the same FLV as run.sh (20 s 1280x720 30 fps H.264 CBR, GOP 2 s, AAC 128 kbps) ----------------
FLV="$TARGET/workload-$BITRATE.flv"
if [ ! -s "$FLV" ]; then
  echo "generating $FLV (once; cached)..."
  timeout 600 ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440:sample_rate=44100 -t 20 \
    -c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p \
    -b:v "$BITRATE" -minrate "$BITRATE" -maxrate "$BITRATE" -bufsize "$BITRATE" -x264-params nal-hrd=cbr \
    -g 60 -keyint_min 60 -sc_threshold 0 -c:a aac -b:a 128k -ar 44100 -f flv "$FLV.tmp"
  mv "$FLV.tmp" "$FLV"
fi

CLK_TCK="$(getconf CLK_TCK)"
SERVER_PIN=()
TOOL_PIN=()
if [ "$PIN" = yes ]; then
  SERVER_PIN=(taskset -c 0)
  TOOL_PIN=(taskset -c "1-$(( $(nproc) - 1 ))")
fi
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  for port in $(seq "$1" $(( $1 + 200 ))); do
    if port_free "$port"; then echo "$port"; return; fi
  done
  echo "no free port from $1" >&2; return 1
}
await_port() { # port pid seconds
  local deadline=$(( SECONDS + $3 ))
  while [ "$SECONDS" -lt "$deadline" ]; do
    kill -0 "$2" 2>/dev/null || { echo "server (pid $2) exited while starting" >&2; return 1; }
    port_free "$1" || return 0
    sleep 0.2
  done
  echo "server did not listen on $1 within $3 s" >&2; return 1
}
run_tool() { # label port keys-file server-pids [jvm-server yes]
  timeout $(( SECONDS_WINDOW + WARMUP + PUBLISHERS / RAMP + 300 )) \
    "${TOOL_PIN[@]}" java -Xss256k -Xms512m -Xmx512m -XX:+UseParallelGC -cp "$CLASSPATH_BENCH" \
    dev.inlet.bench.IngestTool --label "$1" --port "$2" --keys "$3" --server-pids "$4" --flv "$FLV" \
    --seconds "$SECONDS_WINDOW" --warmup "$WARMUP" --ramp "$RAMP" --clk-tck "$CLK_TCK" --out "$RESULTS/$1.txt" ${5:+--jvm-server "$5"}
}

# --- Inlet, the product: the EAR in embedded Payara; streams and keys through the admin API -----------------
run_payara() {
  local port http pid password log="$TARGET/ingest-payara.log" keys="$TARGET/ingest-payara-keys.txt"
  port="$(free_port 19370)"
  http="$(free_port 18180)"
  password="$(head -c 18 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  rm -rf "$TARGET/ingest-payara-data" # a fresh instance: the API user gets this run's password
  INLET_RTMP_PORT="$port" INLET_HTTP_PORT="$http" INLET_HTTP_HOST=127.0.0.1 INLET_PUBLIC_HOST=127.0.0.1 \
    INLET_ADMIN_PASSWORD="$password" INLET_DATA_DIR="$TARGET/ingest-payara-data" \
    JAVA_OPTS="-Dinlet.rtmp.host=127.0.0.1 -Dinlet.rtmp.max-connections=20000 -Dinlet.rtmp.max-connections-per-ip=20000 ${HLS_JVM_OPTS} ${INLET_PAYARA_JVM_OPTS:-}" \
    "${SERVER_PIN[@]}" "$ROOT_DIR/server-config/embedded/run.sh" > "$log" 2>&1 &
  pid=$!
  STARTED_PIDS+=("$pid")
  await_port "$port" "$pid" 900 || { echo "see $log" >&2; return 1; }
  java -cp "$CLASSPATH_BENCH" dev.inlet.bench.ProvisionStreams --api "http://127.0.0.1:$http/api/v1" \
    --user admin --password "$password" --count "$PUBLISHERS" --out "$keys" --wait-seconds 300
  echo "Inlet in embedded Payara: pid $pid, rtmp://127.0.0.1:$port/live (log $log)"
  sleep 5 # the provisioning requests' own after-effects (JIT, GC) settle before the idle RSS is taken
  run_tool inlet-payara-ingest "$port" "$keys" "$pid" yes
  stop_all
}

# --- Inlet's engine in plain Java ----------------------------------------------------------------------------
run_engine() {
  local port pid log="$TARGET/ingest-engine.log" keys="$TARGET/ingest-engine-keys.txt"
  port="$(free_port 19380)"
  rm -f "$keys"
  local trim=()
  if java -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=1000 -version >/dev/null 2>&1; then
    trim=(-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=1000)
  fi
  "${SERVER_PIN[@]}" java -Xms512m -Xmx512m -XX:+AlwaysPreTouch "${trim[@]}" ${INLET_ENGINE_JVM_OPTS:-} \
    -cp "$CLASSPATH_BENCH" dev.inlet.bench.EngineServer --port "$port" --streams "$PUBLISHERS" --keys-out "$keys" \
    --max-seconds $(( SECONDS_WINDOW + WARMUP + PUBLISHERS / RAMP + 300 )) > "$log" 2>&1 &
  pid=$!
  STARTED_PIDS+=("$pid")
  local deadline=$(( SECONDS + 60 ))
  while ! grep -q '^READY' "$log" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] && kill -0 "$pid" 2>/dev/null || { echo "engine did not start; see $log" >&2; return 1; }
    sleep 0.2
  done
  echo "Inlet engine: pid $pid, rtmp://127.0.0.1:$port/live"
  run_tool inlet-engine-ingest "$port" "$keys" "$pid" yes
  stop_all
}

# --- nginx-rtmp: one worker, chunk_size 4096, as in run.sh ---------------------------------------------------
run_nginx() {
  local port prefix="$TARGET/nginx-ingest" pid keys="$TARGET/ingest-nginx-keys.txt"
  port="$(free_port 19470)"
  mkdir -p "$prefix/logs"
  local hls_conf=""
  if [ "$HLS" = yes ]; then
    rm -rf "$prefix/hls" && mkdir -p "$prefix/hls"
    hls_conf="hls on; hls_path $prefix/hls; hls_fragment 2s; hls_playlist_length 14s;"
  fi
  seq 0 $(( PUBLISHERS - 1 )) | sed 's/^/ingest-/' > "$keys"
  cat > "$prefix/nginx.conf" <<CONF
load_module $NGINX_MODULE;
daemon off;
master_process off;
worker_processes 1;
worker_rlimit_nofile 16384;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 8192; }
rtmp {
  server {
    listen 127.0.0.1:$port;
    chunk_size 4096;
    application live {
      live on;
      record off;
      $hls_conf
    }
  }
}
CONF
  "${SERVER_PIN[@]}" nginx -p "$prefix" -c "$prefix/nginx.conf" &
  pid=$!
  STARTED_PIDS+=("$pid")
  await_port "$port" "$pid" 30
  echo "nginx-rtmp: pid $pid, rtmp://127.0.0.1:$port/live"
  run_tool nginx-ingest "$port" "$keys" "$pid"
  stop_all
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)," \
  "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ingest: $FLV, $PUBLISHERS publishers (ramp $RAMP/s), window $SECONDS_WINDOW s, pinned: $PIN"
RUN_ID="k${PUBLISHERS}-${BITRATE}-s${SECONDS_WINDOW}"
[ "$HLS" = yes ] && RUN_ID="$RUN_ID-hls"
rm -f "$RESULTS/inlet-payara-ingest.txt" "$RESULTS/inlet-engine-ingest.txt" "$RESULTS/nginx-ingest.txt"
if [ "$ONLY" != nginx ]; then
  [ "$INLET_MODE" = engine ] || run_payara
  [ "$INLET_MODE" = payara ] || run_engine
fi
[ "$ONLY" = inlet ] || run_nginx

for inlet in inlet-payara-ingest inlet-engine-ingest; do
  [ -f "$RESULTS/$inlet.txt" ] || continue
  cp "$RESULTS/$inlet.txt" "$RESULTS/$inlet-$RUN_ID.txt"
  if [ -f "$RESULTS/nginx-ingest.txt" ]; then
    cp "$RESULTS/nginx-ingest.txt" "$RESULTS/nginx-ingest-$RUN_ID.txt"
    echo
    echo "== $RUN_ID: $inlet vs nginx-rtmp =="
    java -cp "$CLASSPATH_BENCH" dev.inlet.bench.Compare "$RESULTS/$inlet.txt" "$RESULTS/nginx-ingest.txt" \
      | tee "$RESULTS/compare-$inlet-$RUN_ID.txt"
  fi
done
