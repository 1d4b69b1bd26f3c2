#!/bin/sh
# Inlet: undeploy the application from a running Payara Server domain. The application stops its
# RTMP listener and frees the port on undeploy, so no server restart is needed before a new deploy.
#
# Usage: undeploy.sh [asadmin program options...]
# Env: INLET_APP_NAME (default inlet), INLET_TARGET (default server); asadmin as in asadmin-common.sh.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/asadmin-common.sh"

asadmin=$(inlet_find_asadmin)
"$asadmin" --interactive=false "$@" undeploy --target "${INLET_TARGET:-server}" "${INLET_APP_NAME:-inlet}"
