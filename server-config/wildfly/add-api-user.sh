#!/bin/sh
# Inlet: add (or update) a user of the Inlet API in WildFly's application realm (application-users.properties)
# with the group named after the role, then have the running server re-read the realm.
#
# Usage: INLET_API_PASSWORD=... add-api-user.sh NAME [inlet-admin|inlet-viewer] [jboss-cli options...]
#   e.g. INLET_API_PASSWORD=s3cret JBOSS_HOME=/opt/wildfly ./add-api-user.sh alice inlet-admin
# Env: INLET_SERVER_CONFIG_DIR: the server's configuration directory when it is not
#      $JBOSS_HOME/standalone/configuration (a server started with -Djboss.server.base.dir).
#
# Why no other setup: the deployment has no security domain of its own, so WildFly uses its default
# application-security-domain "other" -> ApplicationDomain, whose role decoder turns groups into roles of
# the same name. An enterprise realm (LDAP, database, Kerberos) is wired the same way: point "other" (or an
# application-security-domain of yours) at a security domain over that realm, and map its groups to
# inlet-admin / inlet-viewer with a mapped-role-mapper; see the README.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/cli-common.sh"

inlet_read_api_user "INLET_API_PASSWORD=... $0 NAME [inlet-admin|inlet-viewer] [jboss-cli options...]" "$@"
shift "$inlet_user_args"

cli=$(inlet_find_cli)
add_user=$(dirname "$cli")/add-user.sh
if [ -n "${INLET_SERVER_CONFIG_DIR:-}" ]; then
    "$add_user" -s -a -u "$name" -p "$INLET_API_PASSWORD" -g "$role" -sc "$INLET_SERVER_CONFIG_DIR"
else
    "$add_user" -s -a -u "$name" -p "$INLET_API_PASSWORD" -g "$role"
fi
# The running server re-reads the properties files now instead of at its next start.
"$cli" --connect "$@" --command="/subsystem=elytron/properties-realm=ApplicationRealm:load()"
echo "Inlet API user '$name' ($role) added to WildFly's application realm."
