#!/usr/bin/env bash
# Runs Inlet on embedded Payara in the foreground: RTMP on 1935, SRT on 8890 (UDP), HTTP on 8080. Stop with Ctrl-C.
#
# Builds first when ear/target/inlet.ear or the launcher is missing or older than the sources.
# Settings (environment variable or -D system property in JAVA_OPTS):
#   INLET_DEMO_KEY     publish key of the demo stream (default: a fresh random key, printed)
#   INLET_ADMIN_PASSWORD  password of the API user "admin" (default: generated at first start, printed
#                      once, kept as a PBKDF2 hash in <data dir>/security/api-users)
#   INLET_RTMP_PORT    RTMP port (default 1935)         INLET_HTTP_PORT    HTTP port (default 8080)
#   INLET_SRT_PORT     SRT port, UDP (default 8890)
#   INLET_HTTP_HOST    HTTP bind address (0.0.0.0)      INLET_PUBLIC_HOST  host name in the printed URLs (localhost)
#   INLET_DATA_DIR     working data, Payara's instance under <dir>/payara (default ./data)
#   INLET_DB_URL       jdbc:postgresql://… or jdbc:mariadb://… instead of the H2 file (with INLET_DB_USER,
#                      INLET_DB_PASSWORD): nodes on one database are a cluster; INLET_NODE_NAME names this one
#   INLET_HEAP         the JVM's heap, fixed and touched at start (default 1g; e.g. 4g for many streams)
#   JAVA_OPTS          extra JVM options; they come last, so they win (e.g. -Xmx2g)
set -euo pipefail
# Owner-only files: the data directory holds key and password hashes (inlet.mv.db, security/api-users).
umask 077

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

launcher_dir=server-config/embedded
ear=ear/target/inlet.ear
launcher_jar=$launcher_dir/target/inlet-embedded.jar
classpath_file=$launcher_dir/target/classpath.txt
# Touched after each build this script runs (Maven leaves unchanged outputs with their old times).
built_stamp=$launcher_dir/target/run.sh.built

# True when an artifact is missing or a source or POM changed since the last build.
stale() {
  local artifact
  for artifact in "$ear" "$launcher_jar" "$classpath_file" "$built_stamp"; do
    [[ -f $artifact ]] || return 0
  done
  [[ -n $(find pom.xml src ear "$launcher_dir" -type f -newer "$built_stamp" \
            -not -path '*/target/*' -not -name '*.sh' -print -quit) ]]
}

if stale; then
  echo "Building Inlet (mvn -q -B -DskipTests install)..." >&2
  mvn -q -B -DskipTests install
  touch "$built_stamp"
fi

java_cmd=java
if [[ -n ${JAVA_HOME:-} ]]; then
  java_cmd="$JAVA_HOME/bin/java"
fi

# The heap is fixed and touched before the first connection, as a production Java server runs: a heap that grows
# with the allocation rate takes the machine's memory by default (a quarter of it) and pays a page fault for every
# new page while streams are live. Measured with 200 publishers: 38 -> 28 CPU us per message (docs/benchmarks.md).
heap=${INLET_HEAP:-1g}
if [[ ! $heap =~ ^[0-9]+[kKmMgG]?$ ]]; then
  echo "INLET_HEAP must be a size like 1g or 768m, not '$heap'" >&2
  exit 2
fi
jvm_memory=(-Xms"$heap" -Xmx"$heap" -XX:+AlwaysPreTouch)
# Hands back to the system what the JIT and the threads malloc'ed and freed (JDK 17.0.9 and later); every 5 s, as
# each trim walks glibc's arenas: once a second it was 1-2 % of the CPU of 200 publishers or a crowd of 300 players.
if "$java_cmd" -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000 -version >/dev/null 2>&1; then
  jvm_memory+=(-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000)
fi

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options on purpose
# The log manager keeps its handlers open until the application has stopped, so its shutdown lines are not lost.
exec "$java_cmd" "@$launcher_dir/jvm-options.txt" "${jvm_memory[@]}" ${JAVA_OPTS:-} \
  -Djava.util.logging.manager=dev.inlet.embedded.ShutdownSafeLogManager \
  -cp "$launcher_jar:$(cat "$classpath_file")" \
  dev.inlet.embedded.EmbeddedInlet "$ear"
