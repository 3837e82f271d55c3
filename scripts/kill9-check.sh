#!/usr/bin/env bash
# Crash test with a real kill -9: the host process (SQLite journal, or PostgreSQL with DB=postgresql) takes a burst of
# orders over its ops API, is killed with SIGKILL while posting to a standalone Service Layer emulator, and restarted
# on the same journal with nothing sent to it. Passes when SAP's own accounting shows every accepted order exactly once.
#   scripts/kill9-check.sh                 ORDERS=300 DB=sqlite by default
set -euo pipefail
cd "$(dirname "$0")/.."
ORDERS="${ORDERS:-300}"
DB="${DB:-sqlite}"
SAP_PORT=50071
HOST_PORT=5091
work="$(mktemp -d /tmp/actorsync-kill9.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# The script drives the host with curl and python3; install them on a bare machine.
for tool in curl python3; do
  command -v "$tool" >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

dotnet build -c Release src/ActorSync.Host -v quiet -nologo >/dev/null
bin=src/ActorSync.Host/bin/Release/net10.0
dotnet "$bin/ActorSync.Emulators.dll" sap --urls "http://127.0.0.1:$SAP_PORT" --capacity on --time-scale 0.5 --workers 2 >"$work/sap.log" 2>&1 &
pids+=($!)

if [ "$DB" = "postgresql" ]; then
  server="$(scripts/postgres.sh start)"
  name="kill9_$$"
  psql "$(echo "$server" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Password=/password=/; s/Database=/dbname=/; s/Pooling=[a-z]*//; s/Maximum Pool Size=[0-9]*//')" -qc "create database $name" >/dev/null
  export Persistence__Provider=PostgreSql Persistence__ConnectionString="${server/Database=actorsync/Database=$name}"
else
  export Persistence__Provider=Sqlite Persistence__ConnectionString="Data Source=$work/journal.db"
fi
export ServiceLayer__BaseUrl="http://127.0.0.1:$SAP_PORT/" ServiceLayer__CompanyDb=SBODEMO ServiceLayer__UserName=manager ServiceLayer__Password=manager
export Orders__UseDemoMapping=true Logging__LogLevel__Default=Warning

start_host() { dotnet "$bin/ActorSync.Host.dll" run --urls "http://127.0.0.1:$HOST_PORT" >"$work/host-$1.log" 2>&1 & echo $!; }
wait_http() { for _ in $(seq 1 120); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "kill9: $1 did not come up" >&2; exit 1; }
sap_orders() { curl -sf "http://127.0.0.1:$SAP_PORT/__emulator/stats" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["documentsCreated"].get("Orders",0), s["duplicateNumAtCard"].get("Orders",0))'; }

wait_http "http://127.0.0.1:$SAP_PORT/__emulator/stats"
host="$(start_host first)"; pids+=("$host")
wait_http "http://127.0.0.1:$HOST_PORT/health"

# Orders over plain active items of the emulated company (item numbers whose remainder mod 20 is not 3, 6, 9 or 12).
python3 - "$ORDERS" "$HOST_PORT" <<'PY'
import json, sys, urllib.request, concurrent.futures
count, port = int(sys.argv[1]), sys.argv[2]
plain = [n for n in range(1, 201) if n % 20 not in (3, 6, 9, 12)]
def order(i):
    n = plain[i % len(plain)]
    line = {"sku": f"ITM{n:05d}", "quantity": 1, "unitPrice": 10.0, "taxAmount": 2.0, "taxRate": 20}
    return {"channel": "magento", "externalId": f"K9-{i}", "orderDate": "2026-11-27", "currency": "EUR",
            "customer": {"email": f"k9-{i}@example.com", "isGuest": True}, "lines": [line],
            "shippingAmount": 0, "shippingTax": 0, "totalPaid": 12.0, "shippingMethod": "standard"}
def post(i):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/orders", json.dumps(order(i)).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status
with concurrent.futures.ThreadPoolExecutor(16) as pool:
    statuses = list(pool.map(post, range(count)))
bad = [s for s in statuses if s != 202]
if bad: sys.exit(f"kill9: {len(bad)} orders were not accepted")
print(f"kill9: {count} orders accepted (journaled)")
PY

for _ in $(seq 1 200); do read -r made _ < <(sap_orders); [ "$made" -ge $((ORDERS / 5)) ] && break; sleep 0.1; done
kill -9 "$host"
read -r at_kill _ < <(sap_orders)
echo "kill9: SIGKILL with $at_kill of $ORDERS orders in SAP"
[ "$at_kill" -lt "$ORDERS" ] || { echo "kill9: the burst finished before the kill; nothing was tested" >&2; exit 1; }

pids+=("$(start_host second)")
for _ in $(seq 1 240); do read -r made dup < <(sap_orders); [ "$made" -ge "$ORDERS" ] && break; sleep 0.5; done
sleep 2
read -r made dup < <(sap_orders)
echo "kill9: after restart $made sales orders in SAP, $dup sharing a NumAtCard"
if [ "$made" -eq "$ORDERS" ] && [ "$dup" -eq 0 ]; then
  echo "kill9 ($DB): every accepted order reached SAP exactly once"
else
  echo "kill9 ($DB): FAILED (expected $ORDERS orders and 0 duplicates); logs in $work" >&2
  exit 1
fi
