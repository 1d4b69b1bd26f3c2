#!/bin/sh
# Inlet: configure a running WildFly server (run before deploying inlet.ear) with configure.cli.
#
# Usage: configure.sh [--rtmp-host H] [--rtmp-port P] [--demo-key K] [jboss-cli options...]
#   e.g. JBOSS_HOME=/opt/wildfly ./configure.sh --rtmp-port 1935 --demo-key s3cret
#        ./configure.sh --demo-key s3cret --controller=127.0.0.1:9990 --user=admin --password=...
#
# Values may also come from the environment (options win):
#   INLET_RTMP_HOST  interface the RTMP listener binds to     (default 0.0.0.0)
#   INLET_RTMP_PORT  RTMP port                                (default 1935)
#   INLET_DEMO_KEY   publish key of the stream "demo"         (default: a random key, printed once)
# jboss-cli is found as described in cli-common.sh; the options this script does not know are handed
# to jboss-cli, so they select the server (--controller) and the credentials (--user/--password).
#
# Safe to run again: configure.cli adds or updates. Redeploy afterwards, since the application reads
# its configuration when it starts.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/cli-common.sh"

rtmp_host=${INLET_RTMP_HOST:-0.0.0.0}
rtmp_port=${INLET_RTMP_PORT:-1935}
demo_key=${INLET_DEMO_KEY:-}

while [ $# -gt 0 ]; do
    case "$1" in
        --rtmp-host) rtmp_host=$2; shift 2 ;;
        --rtmp-port) rtmp_port=$2; shift 2 ;;
        --demo-key) demo_key=$2; shift 2 ;;
        *) break ;;
    esac
done
# Everything left is passed to jboss-cli untouched ("$@").

cli=$(inlet_find_cli)
inlet_check_port "$rtmp_port"
case "$rtmp_host" in
    '' | *[!A-Za-z0-9.:_-]*) echo "invalid RTMP host: $rtmp_host" >&2; exit 1 ;;
esac
if [ -z "$demo_key" ]; then
    demo_key=$(inlet_random_key)
    echo "No demo key given; generated one. Encoders publish to rtmp://<host>:$rtmp_port/live/$demo_key"
fi
inlet_check_key "$demo_key"

# The values reach configure.cli as CLI system properties through a private file, so the key
# never shows on a command line (visible to every user in the process list).
properties=$(mktemp)
trap 'rm -f "$properties"' EXIT
chmod 600 "$properties"
printf 'inlet.rtmp.host=%s\ninlet.rtmp.port=%s\ninlet.demo.key=%s\n' \
    "$rtmp_host" "$rtmp_port" "$demo_key" >"$properties"

"$cli" --connect --resolve-parameter-values --properties="$properties" \
    --file="$here/configure.cli" "$@"

echo "Inlet configured: RTMP on $rtmp_host:$rtmp_port."
