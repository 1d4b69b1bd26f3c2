# Shared by bench/hls-latency.sh and bench/hls-load.sh (sourced, not run): the processes a script starts and
# stops on its way out, free loopback ports, and waiting for a server and for a live HLS playlist.
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
