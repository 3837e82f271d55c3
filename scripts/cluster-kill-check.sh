#!/usr/bin/env bash
# A node of a three-node cluster killed with SIGKILL under load: orders go to all three nodes' ops APIs, node 3 is
# killed while SAP is still posting them, the split-brain resolver downs it (keep-majority, stable-after 20 s), its
# shards move to nodes 1 and 2 and their entities recover from the PostgreSQL journal. Passes when SAP's own
# accounting shows every accepted order exactly once.
#   scripts/cluster-kill-check.sh            ORDERS=300 by default
set -euo pipefail
cd "$(dirname "$0")/.."
ORDERS="${ORDERS:-300}"
export SAP_PORT="${SAP_PORT:-50081}"
export ACTORSYNC_CLUSTER_DIR="${ACTORSYNC_CLUSTER_DIR:-$(mktemp -d /tmp/actorsync-cluster.XXXXXX)}"
trap 'scripts/cluster.sh stop >/dev/null' EXIT

for tool in curl python3; do
  command -v "$tool" >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

scripts/cluster.sh start 3
sap_orders() { curl -sf "http://127.0.0.1:$SAP_PORT/__emulator/stats" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["documentsCreated"].get("Orders",0), s["duplicateNumAtCard"].get("Orders",0))'; }
members_up() { curl -sf "http://127.0.0.1:$1/api/cluster" | python3 -c 'import json,sys; print(sum(1 for m in json.load(sys.stdin)["members"] if m["status"] == "Up"))' 2>/dev/null || echo 0; }

for _ in $(seq 1 120); do [ "$(members_up 5081)" -ge 3 ] && break; sleep 0.5; done
[ "$(members_up 5081)" -ge 3 ] || { echo "cluster-kill: the three nodes did not form one cluster; logs in $ACTORSYNC_CLUSTER_DIR" >&2; exit 1; }
echo "cluster-kill: 3 members up"

# Orders over plain active items of the emulated company, spread over the three nodes' ops APIs.
python3 - "$ORDERS" <<'PY'
import json, sys, urllib.request, concurrent.futures
count = int(sys.argv[1])
plain = [n for n in range(1, 201) if n % 20 not in (3, 6, 9, 12)]
def order(i):
    n = plain[i % len(plain)]
    line = {"sku": f"ITM{n:05d}", "quantity": 1, "unitPrice": 10.0, "taxAmount": 2.0, "taxRate": 20}
    return {"channel": "magento", "externalId": f"CK-{i}", "orderDate": "2026-11-27", "currency": "EUR",
            "customer": {"email": f"ck-{i}@example.com", "isGuest": True}, "lines": [line],
            "shippingAmount": 0, "shippingTax": 0, "totalPaid": 12.0, "shippingMethod": "standard"}
def post(i):
    port = 5081 + i % 3
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/orders", json.dumps(order(i)).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status
with concurrent.futures.ThreadPoolExecutor(16) as pool:
    statuses = list(pool.map(post, range(count)))
bad = [s for s in statuses if s != 202]
if bad: sys.exit(f"cluster-kill: {len(bad)} orders were not accepted")
print(f"cluster-kill: {count} orders accepted (journaled) through three nodes")
PY

for _ in $(seq 1 200); do read -r made _ < <(sap_orders); [ "$made" -ge $((ORDERS / 5)) ] && break; sleep 0.1; done
kill -9 "$(cat "$ACTORSYNC_CLUSTER_DIR/node-3.pid")"
rm -f "$ACTORSYNC_CLUSTER_DIR/node-3.pid"
read -r at_kill _ < <(sap_orders)
echo "cluster-kill: SIGKILL of node 3 with $at_kill of $ORDERS orders in SAP"
[ "$at_kill" -lt "$ORDERS" ] || { echo "cluster-kill: the burst finished before the kill; nothing was tested" >&2; exit 1; }

# Up to three minutes by the clock (a count of polls stretches on a loaded machine).
deadline=$((SECONDS + 180))
while [ "$SECONDS" -lt "$deadline" ]; do read -r made dup < <(sap_orders); [ "$made" -ge "$ORDERS" ] && break; sleep 0.5; done
sleep 2
read -r made dup < <(sap_orders)
echo "cluster-kill: $made sales orders in SAP, $dup sharing a NumAtCard; $(members_up 5081) members up"
if [ "$made" -eq "$ORDERS" ] && [ "$dup" -eq 0 ]; then
  echo "cluster-kill: every accepted order reached SAP exactly once after node 3 was killed"
else
  echo "cluster-kill: FAILED (expected $ORDERS orders and 0 duplicates); logs in $ACTORSYNC_CLUSTER_DIR" >&2
  exit 1
fi
