#!/bin/sh
# Redis reads no environment, so this writes the password and the announced host name into a config of
# the instance's own in /data, then starts it:  entrypoint.sh primary|replica|sentinel
# The copy is made on the first start only: a failover rewrites it (which instance replicates which),
# and that must survive a restart. Passwords must not contain `"` or spaces (use hex).
set -eu
: "${REDIS_PASSWORD:?}" "${REDIS_ANNOUNCE_HOST:?}"
role=${1:?primary, replica or sentinel}
conf=/data/$role.conf

if [ ! -s "$conf" ]; then
  case $role in
    primary | replica)
      cp /etc/redis/redis.conf "$conf.new"
      {
        echo "requirepass \"$REDIS_PASSWORD\""
        # A primary can become a replica after a failover: it needs the password of the new primary too.
        echo "masterauth \"$REDIS_PASSWORD\""
        echo "replica-announce-ip $REDIS_ANNOUNCE_HOST"
        if [ "$role" = replica ]; then echo "replicaof ${REDIS_PRIMARY_HOST:?} 6379"; fi
      } >> "$conf.new"
      ;;
    sentinel)
      cp /etc/redis/sentinel.conf "$conf.new"
      {
        echo "sentinel auth-pass mymaster \"$REDIS_PASSWORD\""
        echo "sentinel announce-ip $REDIS_ANNOUNCE_HOST"
      } >> "$conf.new"
      ;;
    *) echo "entrypoint.sh: unknown role $role" >&2; exit 2 ;;
  esac
  mv "$conf.new" "$conf"
fi

if [ "$role" = sentinel ]; then exec redis-server "$conf" --sentinel; fi
exec redis-server "$conf"
