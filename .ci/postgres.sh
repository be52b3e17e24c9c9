# Sourced by .ci/run: a PostgreSQL cluster of CI's own on 127.0.0.1, for the store suites on a real server.
# Installs Debian's postgresql when missing, starts a fresh cluster on a free port (socket dir /tmp), exports
# EL_TEST_DATABASE_URL, and stops the cluster and removes it when the run exits.

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y postgresql
fi
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

# A free port: the first one from 55432 on that nothing listens on.
PG_PORT=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((PG_PORT + 1)); done

PG_DIR="$(mktemp -d /tmp/el-ci-pg.XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
stop_postgres() {
  as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_postgres EXIT

as_postgres "'$PG_BIN/initdb' -D '$PG_DIR/data' -A trust -U postgres" >"$PG_DIR/initdb.log"
as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -w -l '$PG_DIR/server.log' \
  -o \"-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=80\" start"
export EL_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
# With CI=true, a suite that needs the server and does not find it fails instead of skipping.
export CI=true
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
