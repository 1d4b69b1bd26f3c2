#!/bin/sh
# Inlet: add (or replace) a user of the Inlet API in a Payara Server file realm, in the group named after
# the role, and make sure groups map to roles of the same name.
#
# Usage: INLET_API_PASSWORD=... add-api-user.sh NAME [inlet-admin|inlet-viewer] [asadmin program options...]
#   e.g. INLET_API_PASSWORD=s3cret PAYARA_HOME=/opt/payara6 ./add-api-user.sh alice inlet-admin
# Env: INLET_REALM (default file, the domain's default realm), INLET_TARGET (default server).
# The password travels in a private temporary password file (AS_ADMIN_USERPASSWORD), never on a command
# line. When the domain's admin needs a password, set AS_ADMIN_PASSWORDFILE: its lines are copied into it.
#
# An enterprise realm (LDAP, JDBC, certificates) needs no user here: give its groups the role names, or map
# them in the application's glassfish-application.xml; see the README.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/asadmin-common.sh"

inlet_read_api_user "INLET_API_PASSWORD=... $0 NAME [inlet-admin|inlet-viewer] [asadmin program options...]" "$@"
shift "$inlet_user_args"
realm=${INLET_REALM:-file}
target=${INLET_TARGET:-server}

asadmin=$(inlet_find_asadmin)
password_file=$(mktemp)
trap 'rm -f "$password_file"' EXIT
chmod 600 "$password_file"
if [ -n "${AS_ADMIN_PASSWORDFILE:-}" ]; then
    grep -v '^AS_ADMIN_USERPASSWORD=' "$AS_ADMIN_PASSWORDFILE" >"$password_file"
fi
printf 'AS_ADMIN_USERPASSWORD=%s\n' "$INLET_API_PASSWORD" >>"$password_file"

sh "$here/map-roles.sh" "$@"
# Replacing keeps the script safe to run again (a changed password or role).
"$asadmin" --interactive=false "$@" delete-file-user --authrealmname "$realm" --target "$target" "$name" \
    >/dev/null 2>&1 || true
"$asadmin" --interactive=false --passwordfile "$password_file" "$@" create-file-user \
    --authrealmname "$realm" --target "$target" --groups "$role" "$name"
echo "Inlet API user '$name' ($role) added to realm '$realm'."
