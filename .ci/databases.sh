#!/usr/bin/env bash
# Starts the PostgreSQL and MariaDB servers the registry tests run against, and creates their test
# database and user (inlet / inlet, database inlet_test). Installs the servers when missing (as
# root). Idempotent: running it again with the servers up changes nothing. Sourced by .ci/test.sh;
# exports INLET_TEST_POSTGRES_URL and INLET_TEST_MARIADB_URL for the tests.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }
as_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "The registry tests need PostgreSQL and MariaDB running; run .ci/test.sh as root, or start them yourself" >&2
    echo "and set INLET_TEST_POSTGRES_URL / INLET_TEST_MARIADB_URL (see README, Database)." >&2
    exit 1
  fi
}

missing=()
have pg_ctlcluster || missing+=(postgresql)
have mariadbd || have mysqld || missing+=(mariadb-server)
if [ ${#missing[@]} -gt 0 ]; then
  as_root
  echo "Installing test databases: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PostgreSQL: the Debian cluster runs as the postgres user (pg_ctlcluster switches to it).
if [ -z "${INLET_TEST_POSTGRES_URL:-}" ]; then
  as_root
  cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
  if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    pg_createcluster "$version" main >/dev/null
    cluster="$version main"
  fi
  pg_ctlcluster $cluster start 2>/dev/null || true
  for _ in $(seq 1 60); do
    su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1 && break
    sleep 0.5
  done
  port=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'inlet'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"CREATE ROLE inlet LOGIN PASSWORD 'inlet'\""
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'inlet_test'\"" | grep -q 1 \
    || su postgres -c "psql -qc 'CREATE DATABASE inlet_test OWNER inlet'"
  export INLET_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:${port}/inlet_test?user=inlet&password=inlet"
fi

# MariaDB: no init system in CI, so the server runs as a background daemon as user mysql.
if [ -z "${INLET_TEST_MARIADB_URL:-}" ]; then
  as_root
  mariadb_cli=$(command -v mariadb || command -v mysql)
  if ! "$mariadb_cli" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
    install -d -o mysql -g mysql /run/mysqld
    if [ ! -d /var/lib/mysql/mysql ]; then
      (have mariadb-install-db && mariadb-install-db --user=mysql || mysql_install_db --user=mysql) >/dev/null
    fi
    server=$(command -v mariadbd || command -v mysqld || echo /usr/sbin/mariadbd)
    nohup "$server" --user=mysql --bind-address=127.0.0.1 --port=3306 >/tmp/inlet-mariadb.log 2>&1 &
    for _ in $(seq 1 120); do
      "$mariadb_cli" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
      sleep 0.5
    done
  fi
  "$mariadb_cli" -uroot -e "CREATE DATABASE IF NOT EXISTS inlet_test;
    CREATE USER IF NOT EXISTS 'inlet'@'localhost' IDENTIFIED BY 'inlet';
    CREATE USER IF NOT EXISTS 'inlet'@'127.0.0.1' IDENTIFIED BY 'inlet';
    GRANT ALL PRIVILEGES ON inlet_test.* TO 'inlet'@'localhost';
    GRANT ALL PRIVILEGES ON inlet_test.* TO 'inlet'@'127.0.0.1';"
  export INLET_TEST_MARIADB_URL="jdbc:mariadb://127.0.0.1:3306/inlet_test?user=inlet&password=inlet"
fi

echo "Test databases: PostgreSQL ${INLET_TEST_POSTGRES_URL%%\?*}, MariaDB ${INLET_TEST_MARIADB_URL%%\?*}"
