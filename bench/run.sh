#!/usr/bin/env bash
# Inlet against nginx-rtmp, same load, same run: one publisher replays an FLV in real time, N players
# play it, every figure is printed for both servers with the ratio Inlet/nginx. Loopback only.
#
#   bench/run.sh [--players 300] [--seconds 30] [--bitrate 2000k] [--only inlet|nginx]
#                [--ramp 50] [--nginx-workers 1|auto] [--inlet engine|payara|both] [--pin] [--skip-build]
#                [--measure-from settle|join] [--streams N] [--warmup-crowds N] [--settle 2]
# --inlet: Inlet's engine in plain Java (EngineServer, default), the product in embedded Payara
#          (server-config/embedded/run.sh, which builds the whole project when needed), or both.
# --pin: server on CPU 0, load tool on the other CPUs (taskset), so neither steals the other's core.
# --measure-from join: the window opens at the first join, not after the ramp (flash crowd, bench/flash-crowd.sh).
# --streams N: N streams (s1..sN, created per server), the players spread over them (bench/many-streams.sh).
# --warmup-crowds N: before the measured run the same crowd joins, plays 20 s and leaves N times (a server that has
#          hosted an event before: a JVM has compiled its play path); nothing of it is measured.
# --settle N: seconds from every player's first keyframe to the window (default 2; settle runs only).
#
# Needs: java 17, mvn, ffmpeg (libx264, aac), nginx with libnginx-mod-rtmp. See docs/benchmarks.md.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
TARGET="$BENCH_DIR/target"
RESULTS="$TARGET/results"
NGINX_MODULE=/usr/lib/nginx/modules/ngx_rtmp_module.so

PLAYERS=300
SECONDS_WINDOW=30
BITRATE=2000k
ONLY=both
RAMP=50
NGINX_WORKERS=1
SKIP_BUILD=no
PIN=no
INLET_MODE=engine
MEASURE_FROM=settle
WARMUP_CROWDS=0
SETTLE=2
STREAMS=1

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --players) PLAYERS="$2"; shift 2 ;;
    --seconds) SECONDS_WINDOW="$2"; shift 2 ;;
    --bitrate) BITRATE="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --ramp) RAMP="$2"; shift 2 ;;
    --nginx-workers) NGINX_WORKERS="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=yes; shift ;;
    --pin) PIN=yes; shift ;;
    --inlet) INLET_MODE="$2"; shift 2 ;;
    --measure-from) MEASURE_FROM="$2"; shift 2 ;;
    --warmup-crowds) WARMUP_CROWDS="$2"; shift 2 ;;
    --settle) SETTLE="$2"; shift 2 ;;
    --streams) STREAMS="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown option $1" >&2; usage ;;
  esac
done
case "$ONLY" in both|inlet|nginx) ;; *) echo "--only inlet|nginx" >&2; exit 2 ;; esac
case "$INLET_MODE" in engine|payara|both) ;; *) echo "--inlet engine|payara|both" >&2; exit 2 ;; esac
case "$MEASURE_FROM" in settle|join) ;; *) echo "--measure-from settle|join" >&2; exit 2 ;; esac
[[ "$STREAMS" =~ ^[0-9]+$ && "$STREAMS" -ge 1 ]] || { echo "--streams is a number, at least 1" >&2; exit 2; }
case "$NGINX_WORKERS" in 1|auto) ;; *) echo "--nginx-workers 1|auto" >&2; exit 2 ;; esac
[[ "$BITRATE" =~ ^[0-9]+k$ ]] || { echo "--bitrate like 2000k or 500k" >&2; exit 2; }
[[ "$PLAYERS" =~ ^[0-9]+$ && "$SECONDS_WINDOW" =~ ^[0-9]+$ && "$WARMUP_CROWDS" =~ ^[0-9]+$ && "$SETTLE" =~ ^[0-9]+$ ]] \
  || { echo "--players, --seconds, --warmup-crowds and --settle are numbers" >&2; exit 2; }

mkdir -p "$TARGET" "$RESULTS"

# --- every process this script starts is stopped on the way out -------------------------------------------
STARTED_PIDS=()
stop_all() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}
SOCKET_DIR=""
cleanup() {
  stop_all
  if [ -n "$SOCKET_DIR" ]; then rm -rf "$SOCKET_DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build: exactly the engine and the tool, whatever else the root reactor lists --------------------------
if [ "$SKIP_BUILD" = no ]; then
  mkdir -p "$TARGET/build"
  cat > "$TARGET/build/pom.xml" <<'EOF'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.inlet</groupId>
  <artifactId>inlet-bench-build</artifactId>
  <version>0</version>
  <packaging>pom</packaging>
  <modules><module>../../../src</module><module>../..</module></modules>
</project>
EOF
  echo "building inlet-core and inlet-bench..."
  timeout 900 mvn -q -o -f "$TARGET/build/pom.xml" package -DskipTests -Dmaven.test.skip=true \
    || timeout 900 mvn -q -f "$TARGET/build/pom.xml" package -DskipTests -Dmaven.test.skip=true
fi
CLASSPATH_BENCH="$TARGET/inlet-bench.jar:$TARGET/lib/*"
[ -f "$TARGET/inlet-bench.jar" ] || { echo "missing $TARGET/inlet-bench.jar: build first" >&2; exit 1; }

# --- workload: 20 s 1280x720 30 fps H.264 CBR, GOP 2 s, AAC 128 kbps ----------------------------------------
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
  [ "$(nproc)" -ge 2 ] || { echo "--pin needs at least 2 CPUs" >&2; exit 2; }
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

# The tool's own JVM: one reader thread per player, small stacks; the heap holds 320 KB of buffers per player.
TOOL_HEAP_MB=$(( 512 + PLAYERS * 1 ))
run_load() { # label port publish-name play-name server-pids [jvm-server yes]
  local streams=()
  if [ "$STREAMS" -gt 1 ]; then streams=(--streams "$STREAMS" --streams-file "$TARGET/streams-$1.txt"); fi
  timeout $(( SECONDS_WINDOW + SETTLE + (WARMUP_CROWDS + 1) * (PLAYERS / RAMP + 25) + 240 )) \
    "${TOOL_PIN[@]}" java -Xss256k -Xms${TOOL_HEAP_MB}m -Xmx${TOOL_HEAP_MB}m -XX:+UseParallelGC -cp "$CLASSPATH_BENCH" \
    dev.inlet.bench.LoadTool --label "$1" --port "$2" --publish "$3" --play "$4" --server-pids "$5" \
    --flv "$FLV" --players "$PLAYERS" --ramp "$RAMP" --seconds "$SECONDS_WINDOW" --clk-tck "$CLK_TCK" \
    --out "$RESULTS/$1.txt" ${6:+--jvm-server "$6"} --measure-from "$MEASURE_FROM" --warmup-crowds "$WARMUP_CROWDS" --settle "$SETTLE" "${streams[@]}"
}

RUN_ID="p${PLAYERS}-${BITRATE}-s${SECONDS_WINDOW}"
if [ "$STREAMS" -gt 1 ]; then RUN_ID="streams${STREAMS}-$RUN_ID"; fi
if [ "$MEASURE_FROM" = join ]; then RUN_ID="$RUN_ID-r${RAMP}-fromjoin"; fi
if [ "$WARMUP_CROWDS" -gt 0 ]; then RUN_ID="$RUN_ID-warm${WARMUP_CROWDS}"; fi

# --- Inlet: the engine in plain Java (dev.inlet.bench.EngineServer) ------------------------------------------
run_inlet() {
  local port log pid key
  port="$(free_port 19350)"
  log="$TARGET/inlet-engine.log"
  # How a Java server is run in production: the heap fixed and touched at start (so RSS does not grow as
  # the JVM first touches its heap), malloc's freed memory given back every second (the JIT's arenas
  # otherwise stay resident). INLET_ENGINE_JVM_OPTS adds to or overrides these (e.g. a profiler agent); INLET_PAYARA_JVM_OPTS does the same for the product.
  local trim=()
  if java -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=1000 -version >/dev/null 2>&1; then
    trim=(-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=1000) # JDK 17.0.9 and later
  else
    echo "note: this JVM cannot trim its native heap; RSS growth per player will read higher" >&2
  fi
  "${SERVER_PIN[@]}" java -Xms512m -Xmx512m -XX:+AlwaysPreTouch "${trim[@]}" \
    ${INLET_ENGINE_JVM_OPTS:-} -cp "$CLASSPATH_BENCH" dev.inlet.bench.EngineServer --port "$port" \
    --streams "$(( STREAMS > 1 ? STREAMS : 0 ))" --streams-file "$TARGET/streams-inlet.txt" \
    --max-seconds $(( SECONDS_WINDOW + SETTLE + (WARMUP_CROWDS + 1) * (PLAYERS / RAMP + 25) + 300 )) > "$log" 2>&1 &
  pid=$!
  STARTED_PIDS+=("$pid")
  local deadline=$(( SECONDS + 60 ))
  key=""
  while [ -z "$key" ] && [ "$SECONDS" -lt "$deadline" ] && kill -0 "$pid" 2>/dev/null; do
    sleep 0.2
    key="$(sed -n 's/^READY port=[0-9]* key=\(.*\)$/\1/p' "$log" | head -1)"
  done
  [ -n "$key" ] || { echo "Inlet did not start (no READY line); see $log" >&2; return 1; }
  echo "Inlet engine: pid $pid, rtmp://127.0.0.1:$port/live"
  run_load inlet "$port" "$key" demo "$pid" yes
  stop_all
}

# --- Inlet: the product, the EAR in embedded Payara (server-config/embedded/run.sh) -------------------------
run_inlet_payara() {
  local port http key pid log="$TARGET/inlet-payara.log" data="$TARGET/payara-data" password
  # the streams are created through the admin API: a fresh data folder, so "admin" has this run's password
  if [ "$STREAMS" -gt 1 ]; then data="$TARGET/payara-data-streams"; rm -rf "$data"; fi
  password="$(head -c 18 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  [ -x "$ROOT_DIR/server-config/embedded/run.sh" ] || { echo "no server-config/embedded/run.sh here" >&2; return 1; }
  port="$(free_port 19360)"
  http="$(free_port 18080)"
  key="$(head -c 20 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  # run.sh builds the project if needed, then execs the JVM: the pid stays the server's
  INLET_RTMP_PORT="$port" INLET_HTTP_PORT="$http" INLET_HTTP_HOST=127.0.0.1 INLET_PUBLIC_HOST=127.0.0.1 \
    INLET_DEMO_KEY="$key" INLET_DATA_DIR="$data" INLET_ADMIN_PASSWORD="$password" JAVA_OPTS="-Dinlet.rtmp.host=127.0.0.1 -Dinlet.rtmp.max-connections=20000 -Dinlet.rtmp.max-connections-per-ip=20000 -Dinlet.play.max-players-per-stream=0 -Dinlet.play.max-players=0 ${INLET_PAYARA_JVM_OPTS:-}" \
    "${SERVER_PIN[@]}" "$ROOT_DIR/server-config/embedded/run.sh" > "$log" 2>&1 &
  pid=$!
  STARTED_PIDS+=("$pid")
  await_port "$port" "$pid" 900 || { echo "see $log" >&2; return 1; }
  echo "Inlet in embedded Payara: pid $pid, rtmp://127.0.0.1:$port/live (log $log)"
  if [ "$STREAMS" -gt 1 ]; then
    "$BENCH_DIR/create-streams.sh" "http://127.0.0.1:$http/api/v1" admin "$password" "$STREAMS" \
      "$TARGET/streams-inlet-payara.txt"
    echo "created $STREAMS streams through the admin API"
  fi
  run_load inlet-payara "$port" "$key" demo "$pid" yes
  stop_all
}

# --- nginx-rtmp: its own configuration under target/ ---------------------------------------------------------
run_nginx() {
  local port prefix pid pids master
  port="$(free_port 19450)"
  prefix="$TARGET/nginx"
  mkdir -p "$prefix/logs"
  local master_process=off auto_push=""
  if [ "$NGINX_WORKERS" = auto ]; then
    # live streams live in one worker; auto-push relays the publisher to the others (unix sockets)
    echo "note: --nginx-workers auto is experimental: in a smoke test here, players accepted by a worker other" \
      "than the publisher's got no media despite rtmp_auto_push (see players_without_keyframe)" >&2
    # the workers run as an unprivileged user: their sockets go to a directory it may write
    master_process=on
    SOCKET_DIR="$(mktemp -d /tmp/inlet-bench-nginx.XXXXXX)"
    chmod 0777 "$SOCKET_DIR"
    auto_push="rtmp_auto_push on;
rtmp_socket_dir $SOCKET_DIR;"
  fi
  cat > "$prefix/nginx.conf" <<EOF
load_module $NGINX_MODULE;
daemon off;
master_process $master_process;
worker_processes $NGINX_WORKERS;
worker_rlimit_nofile 16384;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 8192; }
$auto_push
rtmp {
  server {
    listen 127.0.0.1:$port;
    chunk_size 4096;
    application live {
      live on;
      record off;
    }
  }
}
EOF
  "${SERVER_PIN[@]}" nginx -p "$prefix" -c "$prefix/nginx.conf" &
  pid=$!
  STARTED_PIDS+=("$pid")
  await_port "$port" "$pid" 30
  pids="$pid"
  if [ "$master_process" = on ]; then
    # the master forks the workers that carry the load: measure them all
    sleep 1
    pids="$pid$(for w in $(pgrep -P "$pid"); do printf ',%s' "$w"; done)"
  fi
  echo "nginx-rtmp: pids $pids, rtmp://127.0.0.1:$port/live, worker_processes $NGINX_WORKERS"
  if [ "$STREAMS" -gt 1 ]; then # nginx-rtmp takes any name: publish and play s1..sN
    for i in $(seq 1 "$STREAMS"); do echo "s$i s$i"; done > "$TARGET/streams-nginx.txt"
  fi
  run_load nginx "$port" bench bench "$pids"
  stop_all
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)," \
  "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "workload: $FLV, $PLAYERS players (ramp $RAMP/s), $STREAMS stream(s), window $SECONDS_WINDOW s from $MEASURE_FROM, pinned: $PIN"
rm -f "$RESULTS/inlet.txt" "$RESULTS/inlet-payara.txt" "$RESULTS/nginx.txt"
if [ "$ONLY" != nginx ]; then
  [ "$INLET_MODE" = payara ] || run_inlet
  [ "$INLET_MODE" = engine ] || run_inlet_payara
fi
[ "$ONLY" = inlet ] || run_nginx

for inlet in inlet inlet-payara; do
  if [ -f "$RESULTS/$inlet.txt" ] && [ -f "$RESULTS/nginx.txt" ]; then
    echo
    echo "== $RUN_ID: $inlet vs nginx-rtmp =="
    java -cp "$CLASSPATH_BENCH" dev.inlet.bench.Compare "$RESULTS/$inlet.txt" "$RESULTS/nginx.txt" \
      | tee "$RESULTS/compare-$inlet-$RUN_ID.txt"
    cp "$RESULTS/$inlet.txt" "$RESULTS/$inlet-$RUN_ID.txt"
    cp "$RESULTS/nginx.txt" "$RESULTS/nginx-$RUN_ID.txt"
  fi
done
