#!/bin/sh
# Inlet: configure a running Payara Server domain (run before deploying inlet.ear).
#
# Usage: configure.sh [--rtmp-host H] [--rtmp-port P] [--demo-key K] [asadmin program options...]
#   e.g. PAYARA_HOME=/opt/payara6 ./configure.sh --rtmp-port 1935 --demo-key s3cret
#        ./configure.sh --demo-key s3cret --host 127.0.0.1 --port 4848 --user admin --passwordfile ~/.pw
#
# Values may also come from the environment (options win):
#   INLET_RTMP_HOST  interface the RTMP listener binds to     (default 0.0.0.0)
#   INLET_RTMP_PORT  RTMP port                                (default 1935)
#   INLET_DEMO_KEY   publish key of the stream "demo"         (default: a random key, printed once)
#   INLET_TARGET     asadmin target (server, a cluster, ...)  (default server)
# asadmin is found as described in asadmin-common.sh; the options this script does not know are
# handed to asadmin, so they select the DAS (--host/--port) and the credentials (--user/--passwordfile).
# A domain whose admin user has a password needs --passwordfile (a file with the line
# AS_ADMIN_PASSWORD=...); remote DAS hosts also need secure admin enabled (asadmin enable-secure-admin).
#
# Safe to run again: create-system-properties replaces existing values. Redeploy afterwards,
# since the application reads its configuration when it starts.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/asadmin-common.sh"

rtmp_host=${INLET_RTMP_HOST:-0.0.0.0}
rtmp_port=${INLET_RTMP_PORT:-1935}
demo_key=${INLET_DEMO_KEY:-}
target=${INLET_TARGET:-server}

while [ $# -gt 0 ]; do
    case "$1" in
        --rtmp-host) rtmp_host=$2; shift 2 ;;
        --rtmp-port) rtmp_port=$2; shift 2 ;;
        --demo-key) demo_key=$2; shift 2 ;;
        *) break ;;
    esac
done
# Everything left is passed to asadmin untouched ("$@").

asadmin=$(inlet_find_asadmin)
inlet_check_port "$rtmp_port"
case "$rtmp_host" in
    '' | *[!A-Za-z0-9.:_-]*) echo "invalid RTMP host: $rtmp_host" >&2; exit 1 ;;
esac
if [ -z "$demo_key" ]; then
    demo_key=$(inlet_random_key)
    echo "No demo key given; generated one. Encoders publish to rtmp://<host>:$rtmp_port/live/$demo_key"
fi
inlet_check_key "$demo_key"

# asadmin separates properties with ':' so an IPv6 host needs its colons escaped.
escaped_host=$(printf '%s' "$rtmp_host" | sed 's/:/\\:/g')

# --- RTMP listener and demo stream (MicroProfile Config reads server system properties) ---
"$asadmin" --interactive=false "$@" create-system-properties --target "$target" \
    "inlet.rtmp.host=$escaped_host:inlet.rtmp.port=$rtmp_port:inlet.demo.key=$demo_key"

# --- Data source ---
# Inlet keeps streams, keys and publisher leases in the default data source, jdbc/__default (H2 out of
# the box, fine for one node). To share them between nodes, point jdbc/__default at PostgreSQL or MariaDB
# (README, "Database"): uncomment and fill in. Flyway creates the tables on the application's first start.
# "$asadmin" --interactive=false "$@" add-library --type common /path/to/postgresql-42.7.14.jar
# "$asadmin" --interactive=false "$@" restart-domain
# "$asadmin" --interactive=false "$@" create-jdbc-connection-pool --restype javax.sql.DataSource \
#     --datasourceclassname org.postgresql.ds.PGSimpleDataSource \
#     --property 'serverName=db.example.com:portNumber=5432:databaseName=inlet:user=inlet:password=secret' \
#     --isconnectvalidatereq=true --validationmethod meta-data --failconnection=true --maxwait 5000 InletPool
# MariaDB instead: add-library /path/to/mariadb-java-client-3.5.11.jar, and in the pool
#     --datasourceclassname org.mariadb.jdbc.MariaDbDataSource \
#     --property 'url=jdbc\:mariadb\://db.example.com\:3306/inlet:user=inlet:password=secret'
# "$asadmin" --interactive=false "$@" set resources.jdbc-resource.jdbc/__default.pool-name=InletPool

# --- Security: who may use the admin API ---
# The API (/api/v1) authenticates with HTTP Basic against the domain's default realm (or the realm an
# operator selects), and needs one of the roles inlet-admin or inlet-viewer. Groups of the same names
# become those roles through the default principal-to-role mapping. Users of the file realm are added
# with add-api-user.sh; an LDAP or JDBC realm brings its own users and groups (see the README).
# Inlet's built-in user store stays off here (inlet.security.builtin-store is unset), so it never
# shadows the server's realm.
sh "$here/map-roles.sh" "$@"

echo "Inlet configured on target '$target': RTMP on $rtmp_host:$rtmp_port; API roles mapped from groups."
