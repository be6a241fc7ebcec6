#!/usr/bin/env bash
# Runs once, when the primary's data directory is first created (the image's docker-entrypoint-initdb.d):
# the role the replica streams with, its physical slot, and the pg_hba line that lets it in.
set -euo pipefail
: "${POSTGRES_REPLICATION_PASSWORD:?the replication role needs a password}"
user=${REPLICATION_USER:-replicator}
slot=${REPLICATION_SLOT:-replica_1}

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=user="$user" --set=password="$POSTGRES_REPLICATION_PASSWORD" --set=slot="$slot" <<'SQL'
CREATE ROLE :"user" WITH REPLICATION LOGIN PASSWORD :'password';
-- A slot keeps the WAL the replica has not received yet (bounded by max_slot_wal_keep_size).
SELECT pg_create_physical_replication_slot(:'slot');
SQL

# "all" in pg_hba does not cover replication connections: they need a line of their own.
echo "host replication $user all scram-sha-256" >> "$PGDATA/pg_hba.conf"
