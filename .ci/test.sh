#!/usr/bin/env bash
# Runs Inlet's whole test suite on a fresh Debian 12 machine: installs the real clients the
# interop tests drive (ffmpeg, GStreamer rtmp2, rtmpdump; nginx-rtmp as a relay target; VLC and Node for mpegts.js, which play
# HTTP-FLV; Chromium, which plays LL-HLS with hls.js) and the databases the registry tests use
# (PostgreSQL, MariaDB: installed, started, given a test database) when they are missing, then builds
# everything and runs every test with `mvn verify` (unit, interop, container and deployment
# tests). Missing tools are never skipped: without root to install them this script stops and
# says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
have() { command -v "$1" >/dev/null 2>&1; }
gst_has() { have gst-inspect-1.0 && gst-inspect-1.0 "$1" >/dev/null 2>&1; }

have ffmpeg && have ffprobe || missing+=(ffmpeg)
have rtmpdump || missing+=(rtmpdump)
have gst-launch-1.0 || missing+=(gstreamer1.0-tools)
gst_has flvmux || missing+=(gstreamer1.0-plugins-good)
gst_has rtmp2sink || missing+=(gstreamer1.0-plugins-bad)
gst_has x264enc || missing+=(gstreamer1.0-plugins-ugly)
gst_has avenc_aac || missing+=(gstreamer1.0-libav)
gst_has videotestsrc || missing+=(gstreamer1.0-plugins-base)
have mvn || missing+=(maven)
# Restream target of the relay tests: Debian's nginx with the RTMP module (also the benchmarks' reference)
have nginx || missing+=(nginx)
[ -f /usr/lib/nginx/modules/ngx_rtmp_module.so ] || missing+=(libnginx-mod-rtmp)
# HTTP-FLV players: headless VLC, and mpegts.js run by Node (npm fetches the version the test pins)
have cvlc || missing+=(vlc)
have node || missing+=(nodejs)
have npm || missing+=(npm)
# LL-HLS in a real browser: Debian's Chromium, driven by playwright-core (npm fetches the version the test pins)
have chromium || missing+=(chromium)
# SRT: Debian's libsrt, which Inlet loads through JNA, and srt-live-transmit as a second SRT caller
dpkg -s libsrt1.5-openssl >/dev/null 2>&1 || missing+=(libsrt1.5-openssl)
have srt-live-transmit || missing+=(srt-tools)
# ffmpeg 7.1 and 8.1 for the Enhanced RTMP tests come from Maven Central (org.bytedeco:ffmpeg); their libraries need these.
for lib in libpulse0 libva2 libva-drm2; do
  dpkg -s "$lib" >/dev/null 2>&1 || missing+=("$lib")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing test dependencies: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "The tests need these Debian packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# The registry tests run against real PostgreSQL and MariaDB servers (and in-memory H2).
source .ci/databases.sh

# BadConnectionFloodTest holds 1,000 connections open at once, both ends in one JVM (about 2,000 descriptors);
# the JVM raises its soft limit to the hard one by itself, this makes sure the hard one is not 1024.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

exec mvn -B -ntp verify "$@"
