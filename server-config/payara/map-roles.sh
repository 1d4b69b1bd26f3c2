#!/bin/sh
# Inlet: let the server's groups stand for the application's roles of the same name (inlet-admin,
# inlet-viewer): Payara's default principal-to-role mapping. Run once per domain (configure.sh does).
#
# Usage: map-roles.sh [asadmin program options...]   Env: INLET_TARGET (default server).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/asadmin-common.sh"

target=${INLET_TARGET:-server}
case "$target" in
    server) config=server-config ;;
    *) config=$target-config ;;
esac
asadmin=$(inlet_find_asadmin)
"$asadmin" --interactive=false "$@" set \
    "configs.config.$config.security-service.activate-default-principal-to-role-mapping=true"
