#!/bin/sh
# Inlet: deploy (or redeploy) inlet.ear to a running Payara Server domain.
#
# Usage: deploy.sh path/to/inlet.ear [asadmin program options...]
#   e.g. PAYARA_HOME=/opt/payara6 ./deploy.sh ear/target/inlet.ear --port 4848
# Env: INLET_APP_NAME (default inlet), INLET_TARGET (default server); asadmin as in asadmin-common.sh.
# --force=true replaces an application already deployed under the same name, so this also redeploys.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/asadmin-common.sh"

if [ $# -lt 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 path/to/inlet.ear [asadmin program options...]" >&2
    exit 2
fi
ear=$1
shift

asadmin=$(inlet_find_asadmin)
"$asadmin" --interactive=false "$@" deploy --force=true \
    --name "${INLET_APP_NAME:-inlet}" --target "${INLET_TARGET:-server}" "$ear"
