#!/usr/bin/env bash
# The replica's entrypoint. On an empty data directory it clones the primary with pg_basebackup, which
# also writes standby.signal and primary_conninfo (-R) and streams from the primary's slot (-S); then it
# starts PostgreSQL through the image's own entrypoint, which skips initdb on a directory that has data.
set -euo pipefail
: "${PRIMARY_HOST:?}" "${POSTGRES_REPLICATION_PASSWORD:?}"
port=${PRIMARY_PORT:-5432}
user=${REPLICATION_USER:-replicator}
slot=${REPLICATION_SLOT:-replica_1}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  until pg_isready -q -h "$PRIMARY_HOST" -p "$port"; do
    echo "replica: waiting for the primary at $PRIMARY_HOST:$port"
    sleep 1
  done
  echo "replica: cloning $PRIMARY_HOST into $PGDATA"
  # gosu keeps the environment: PGPASSWORD reaches pg_basebackup, and -R writes it into primary_conninfo.
  PGPASSWORD=$POSTGRES_REPLICATION_PASSWORD gosu postgres \
    pg_basebackup --host="$PRIMARY_HOST" --port="$port" --username="$user" --pgdata="$PGDATA" \
      --wal-method=stream --write-recovery-conf --slot="$slot" --checkpoint=fast
fi

exec docker-entrypoint.sh "$@"
