#!/bin/sh
# Inlet: deploy (or redeploy) inlet.ear to a running WildFly server.
#
# Usage: deploy.sh path/to/inlet.ear [jboss-cli options...]
#   e.g. JBOSS_HOME=/opt/wildfly ./deploy.sh ear/target/inlet.ear --controller=127.0.0.1:9990
# Env: INLET_APP_NAME (deployment name, default inlet.ear); jboss-cli as in cli-common.sh.
# --force replaces a deployment already present under the same name, so this also redeploys.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/cli-common.sh"

if [ $# -lt 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 path/to/inlet.ear [jboss-cli options...]" >&2
    exit 2
fi
ear=$1
shift

cli=$(inlet_find_cli)
"$cli" --connect "$@" --command="deploy \"$ear\" --name=${INLET_APP_NAME:-inlet.ear} --force"
