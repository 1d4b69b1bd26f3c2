# Sourced by the Payara scripts in this directory; not meant to be run on its own.
#
# Finds asadmin: $ASADMIN if set, else $PAYARA_HOME/bin/asadmin, else asadmin on the PATH.
# How asadmin reaches the server is left to asadmin itself: pass its program options
# (--host, --port, --user, --passwordfile, --secure) to the calling script, or set
# AS_ADMIN_HOST, AS_ADMIN_PORT, AS_ADMIN_USER, AS_ADMIN_PASSWORDFILE, which asadmin reads.

inlet_find_asadmin() {
    if [ -n "${ASADMIN:-}" ]; then
        printf '%s\n' "$ASADMIN"
    elif [ -n "${PAYARA_HOME:-}" ]; then
        printf '%s\n' "$PAYARA_HOME/bin/asadmin"
    elif command -v asadmin >/dev/null 2>&1; then
        command -v asadmin
    else
        echo "asadmin not found: set ASADMIN or PAYARA_HOME, or put asadmin on the PATH" >&2
        return 1
    fi
}

# The checks both servers share; $here is the calling script's directory.
. "$here/../inlet-common.sh"
