# Sourced by the Payara and WildFly scripts (through asadmin-common.sh / cli-common.sh): the checks and
# defaults both servers' configuration share. Not meant to be run on its own.

# Stream keys end up in URLs (rtmp://host/live/<key>), in asadmin's name=value lists and in CLI
# operation parameters, so only URL-safe characters are accepted; that also spares every quoting problem.
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

# Reads add-api-user.sh's leading arguments, NAME [inlet-admin|inlet-viewer], into $name and $role (default
# inlet-admin), checks them and that INLET_API_PASSWORD is set, and sets $inlet_user_args to how many
# arguments they took, for the caller to shift. $1 is the usage line shown when NAME is missing.
inlet_read_api_user() {
    usage=$1
    shift
    if [ $# -lt 1 ]; then
        echo "usage: $usage" >&2
        exit 2
    fi
    name=$1
    role=inlet-admin
    inlet_user_args=1
    case "${2:-}" in
        inlet-admin | inlet-viewer) role=$2; inlet_user_args=2 ;;
    esac
    case "$name" in
        '' | *[!A-Za-z0-9._@-]*) echo "invalid user name: use A-Z a-z 0-9 . _ @ -" >&2; exit 1 ;;
    esac
    if [ -z "${INLET_API_PASSWORD:-}" ]; then
        echo "set INLET_API_PASSWORD to the new user's password" >&2
        exit 1
    fi
}
