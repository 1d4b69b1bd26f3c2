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

# The checks both servers share; $here is the calling script's directory.
. "$here/../inlet-common.sh"
