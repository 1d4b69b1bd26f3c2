#!/bin/sh
# Inlet: undeploy the application from a running WildFly server. The application stops its RTMP
# listener and frees the port on undeploy, so no server restart is needed before a new deploy.
#
# Usage: undeploy.sh [jboss-cli options...]
# Env: INLET_APP_NAME (deployment name, default inlet.ear); jboss-cli as in cli-common.sh.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/cli-common.sh"

cli=$(inlet_find_cli)
"$cli" --connect "$@" --command="undeploy ${INLET_APP_NAME:-inlet.ear}"
