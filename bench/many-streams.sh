#!/usr/bin/env bash
# Many small streams: 50 streams, each with 1 publisher and 2 players (100 players, spread round robin).
# Inlet's streams and keys are made per run: in code for the engine (EngineServer --streams), through the
# admin REST API for the product in embedded Payara (bench/create-streams.sh). nginx-rtmp takes any name.
# Any run.sh option may be added or overridden:
#
#   bench/many-streams.sh                      # engine, embedded Payara and nginx-rtmp, 30 s window
#   bench/many-streams.sh --inlet engine       # without the product
#   bench/many-streams.sh --settle 2           # the window 2 s after the last player's first keyframe, as before
# Every stream and player runs 60 s before the window opens (--settle 60): a JVM compiles its paths meanwhile.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" --streams 50 --players 100 --seconds 30 --inlet both --settle 60 "$@"
