# Shared by bench/hls-latency.sh and bench/hls-load.sh (sourced, not run): the processes a script starts and
# stops on its way out, free loopback ports, waiting for a server and for a live HLS playlist, nginx-rtmp's HLS
# configuration.
# shellcheck shell=bash

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
await_segments() { # playlist URL: until it lists 3 complete segments
  local deadline=$(( SECONDS + 60 )) media
  while [ "$SECONDS" -lt "$deadline" ]; do
    media="$(curl -fsS -L --max-time 5 "$1" 2>/dev/null || true)"
    # Inlet's multivariant playlist names the media playlist; nginx's index.m3u8 is the media playlist
    if grep -q '^media.m3u8' <<<"$media"; then
      media="$(curl -fsS --max-time 5 "${1%/*}/$(grep '^media.m3u8' <<<"$media" | head -1)" 2>/dev/null || true)"
    fi
    [ "$(grep -c '^#EXTINF' <<<"$media" || true)" -ge 3 ] && return 0
    sleep 0.5
  done
  echo "$1 did not list 3 segments within 60 s" >&2; return 1
}

# nginx.conf for nginx-rtmp's HLS (one worker; RTMP in, MPEG-TS segments of <fragment> under <prefix>/html/live,
# served with whatever else is in <prefix>/html by nginx's http): write_nginx_hls_conf prefix rtmp_port http_port fragment
write_nginx_hls_conf() {
  cat > "$1/nginx.conf" <<CONF
load_module $NGINX_MODULE;
daemon off;
master_process off;
worker_processes 1;
worker_rlimit_nofile 16384;
pid $1/nginx.pid;
error_log $1/logs/error.log warn;
events { worker_connections 8192; }
rtmp {
  server {
    listen 127.0.0.1:$2;
    chunk_size 4096;
    application live {
      live on;
      record off;
      hls on;
      hls_path $1/html/live;
      hls_nested on;
      hls_fragment $4;
      hls_playlist_length 14s;
    }
  }
}
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  types { text/html html; text/css css; application/javascript js; application/vnd.apple.mpegurl m3u8; video/mp2t ts; }
  server {
    listen 127.0.0.1:$3;
    root $1/html;
    location /live/ { add_header Cache-Control no-cache; }
  }
}
CONF
}
