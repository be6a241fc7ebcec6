#!/usr/bin/env bash
# Blue-green switch: `deploy/blue-green.sh green` puts green in service and takes blue out.
#   1. waits until the new colour answers /api/ready with 200 (it must be started, migrated, connected);
#   2. takes it out of maintenance in HAProxy and waits until HAProxy's own checks see it UP;
#   3. drains the old colour (no new requests; those in flight finish) until it has no sessions left;
#   4. puts the old colour in maintenance (it can now be stopped or upgraded) and saves the state.
# The runtime API is HAProxy's `stats socket` on LB_ADMIN (host:port); plain bash, no socat needed.
#   LB_ADMIN          HAProxy's runtime API, default 127.0.0.1:9999
#   BLUE_URL / GREEN_URL   each colour's own base URL for its readiness, e.g. http://web-green:3000
#   READY_TIMEOUT     seconds to wait for readiness and for HAProxy (default 120)
#   DRAIN_TIMEOUT     seconds to wait for the old colour's sessions to end (default 30)
#   LB_STATE_FILE     where HAProxy loads server states from at start (optional)
set -euo pipefail

new=${1:-}
case "$new" in
  blue) old=green ;;
  green) old=blue ;;
  *) echo "usage: $0 blue|green" >&2; exit 2 ;;
esac
admin=${LB_ADMIN:-127.0.0.1:9999}
ready_timeout=${READY_TIMEOUT:-120}
drain_timeout=${DRAIN_TIMEOUT:-30}
url_var="${new^^}_URL"
new_url=${!url_var:-}
backend=app

say() { printf '[blue-green] %s\n' "$*"; }
fail() { printf '[blue-green] %s\n' "$*" >&2; exit 1; }

# One command to the runtime API; prints its answer.
lb() {
  local host=${admin%:*} port=${admin##*:}
  exec 3<>"/dev/tcp/$host/$port" || fail "cannot reach HAProxy's runtime API at $admin"
  printf '%s\n' "$1" >&3
  cat <&3
  exec 3<&-
}

# A server's field from `show stat` (CSV: 5 = current sessions, 18 = status).
stat_field() { lb "show stat" | awk -F, -v b="$backend" -v s="$1" -v f="$2" '$1 == b && $2 == s { print $f }'; }

deadline() { echo $(( $(date +%s) + $1 )); }

[ -n "$(stat_field "$new" 18)" ] || fail "HAProxy has no server $backend/$new"

if [ -n "$new_url" ]; then
  say "waiting for $new at $new_url/api/ready"
  until_t=$(deadline "$ready_timeout")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$new_url/api/ready" || true)" = 200 ]; do
    [ "$(date +%s)" -lt "$until_t" ] || fail "$new is not ready after ${ready_timeout}s: nothing was switched"
    sleep 1
  done
fi

say "enabling $new in HAProxy"
lb "set server $backend/$new state ready" >/dev/null
until_t=$(deadline "$ready_timeout")
until [ "$(stat_field "$new" 18)" = UP ]; do
  [ "$(date +%s)" -lt "$until_t" ] || { lb "set server $backend/$new state maint" >/dev/null; fail "HAProxy does not see $new UP after ${ready_timeout}s: it is back in maintenance, $old still serves"; }
  sleep 0.25
done

say "$new is UP; draining $old"
lb "set server $backend/$old state drain" >/dev/null
until_t=$(deadline "$drain_timeout")
while [ "$(stat_field "$old" 5)" != 0 ]; do
  [ "$(date +%s)" -lt "$until_t" ] || { say "$old still has sessions after ${drain_timeout}s: putting it in maintenance anyway"; break; }
  sleep 0.25
done
lb "set server $backend/$old state maint" >/dev/null
if [ -n "${LB_STATE_FILE:-}" ]; then lb "show servers state" > "$LB_STATE_FILE"; fi
say "switched: $new serves, $old is in maintenance (stop or upgrade it now)"
