#!/usr/bin/env bash
# Make sure a PostgreSQL server answers for the tests. The tests use EAKTE_TEST_PG_DSN
# (default: "host=127.0.0.1 port=5432 user=postgres dbname=postgres"); if nothing answers there
# and we are root on Debian, start the local cluster. The tests fail loudly if it stays down.
set -uo pipefail
dsn="${EAKTE_TEST_PG_DSN:-host=127.0.0.1 port=5432 user=postgres dbname=postgres}"
if command -v pg_isready >/dev/null && pg_isready -q -d "$dsn"; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v pg_lsclusters >/dev/null; then
  read -r ver name _ < <(pg_lsclusters --no-header | head -1)
  if [ -z "${ver:-}" ]; then
    ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
    pg_createcluster "$ver" main >/dev/null
    name=main
  fi
  # Trust local TCP connections for the throw-away test databases (this machine only).
  hba="/etc/postgresql/$ver/$name/pg_hba.conf"
  grep -q "eakte-tests" "$hba" || sed -i '1i host all all 127.0.0.1/32 trust # eakte-tests' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start 2>/dev/null \
    || pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" reload
  for _ in $(seq 1 30); do pg_isready -q -d "$dsn" && exit 0; sleep 1; done
fi
echo "PostgreSQL does not answer at '$dsn': the PostgreSQL tests will fail." >&2
exit 0
