# Sourced by the WildFly scripts in this directory; not meant to be run on its own.
#
# Finds jboss-cli: $JBOSS_CLI if set, else $JBOSS_HOME/bin/jboss-cli.sh, else jboss-cli.sh on the PATH.
# How the CLI reaches the server is left to the CLI: pass its options (--controller=host:port,
# --user=..., --password=...) to the calling script. Run on the server's own machine as the user
# that runs WildFly and no credentials are needed (local authentication); from elsewhere, create a
# management user first with $JBOSS_HOME/bin/add-user.sh.

inlet_find_cli() {
    if [ -n "${JBOSS_CLI:-}" ]; then
        printf '%s\n' "$JBOSS_CLI"
    elif [ -n "${JBOSS_HOME:-}" ]; then
        printf '%s\n' "$JBOSS_HOME/bin/jboss-cli.sh"
    elif command -v jboss-cli.sh >/dev/null 2>&1; then
        command -v jboss-cli.sh
    else
        echo "jboss-cli.sh not found: set JBOSS_CLI or JBOSS_HOME, or put it on the PATH" >&2
        return 1
    fi
}

# Stream keys end up in URLs (rtmp://host/live/<key>) and in CLI operation parameters,
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
