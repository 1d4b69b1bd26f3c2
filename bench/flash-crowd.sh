#!/usr/bin/env bash
# Flash crowd: a live stream is running, then 300 players join within one second (--ramp 300); CPU, latency
# and delivery are measured from the first join (--measure-from join), so the joins are in the window.
# The product (Inlet in embedded Payara) against nginx-rtmp. One unmeasured crowd of the same size comes and goes
# first (--warmup-crowds 1: a server that has hosted an event before; a fresh JVM compiles its play path during its
# first crowd). Any run.sh option may be added or overridden:
#
#   bench/flash-crowd.sh                       # 300 players in 1 s, 30 s window, embedded Payara vs nginx-rtmp
#   bench/flash-crowd.sh --warmup-crowds 0     # the first crowd of a freshly started server
#   bench/flash-crowd.sh --inlet engine        # the engine alone instead of the product
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" --players 300 --ramp 300 --measure-from join --seconds 30 \
  --inlet payara --warmup-crowds 1 "$@"
