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

# Stream keys end up in URLs (rtmp://host/live/<key>) and in asadmin's name=value lists,
# so only URL-safe characters are accepted; that also spares every quoting problem.
inlet_check_key() {
    case "$1" in
        '' | *[!A-Za-z0-9._~-]*)
            echo "invalid demo key: use 1 or more of A-Z a-z 0-9 . _ ~ -" >&2
            return 1 ;;
    esac
}

inlet_check_port() {
    case "$1" in
        '' | *[!0-9]*) echo "invalid port: $1" >&2; return 1 ;;
    esac
    if [ "$1" -lt 1 ] || [ "$1" -gt 65535 ]; then
        echo "invalid port: $1" >&2
        return 1
    fi
}

# A fresh random key, for when the operator gave none: a guessable default would let anyone publish.
inlet_random_key() {
    head -c 18 /dev/urandom | base64 | tr '+/' '-_'
}
