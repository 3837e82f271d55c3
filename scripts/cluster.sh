#!/usr/bin/env bash
# Three nodes of the service on one machine: one cluster (seed node 127.0.0.1:4053, keep-majority split-brain
# resolver from akka.hocon, sharding over all three), one PostgreSQL journal, one emulated Service Layer.
#   scripts/cluster.sh start [N]      N nodes (default 3); ops APIs on 127.0.0.1:5081.., remoting on 4053..
#   scripts/cluster.sh stop           stops the nodes and the emulator this script started
# Logs and pids go to ${ACTORSYNC_CLUSTER_DIR:-/tmp/actorsync-cluster}. The journal database is created fresh on start.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${ACTORSYNC_CLUSTER_DIR:-/tmp/actorsync-cluster}"
SAP_PORT="${SAP_PORT:-50081}"
bin=src/ActorSync.Host/bin/Release/net10.0

stop() {
  if [ -d "$dir" ]; then
    for pid in "$dir"/*.pid; do [ -e "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true; done
    sleep 1
    for pid in "$dir"/*.pid; do [ -e "$pid" ] && kill -9 "$(cat "$pid")" 2>/dev/null || true; rm -f "$pid"; done
  fi
}

node_env() { # node number -> the environment of that node
  local n="$1"
  echo "Cluster__Hostname=127.0.0.1 Cluster__Port=$((4052 + n)) Cluster__SeedNodes__0=akka.tcp://actorsync@127.0.0.1:4053"
}

start_node() { # node number
  local n="$1"
  # shellcheck disable=SC2046
  env $(node_env "$n") Urls="http://127.0.0.1:$((5080 + n))" \
    dotnet "$bin/ActorSync.Host.dll" run >"$dir/node-$n.log" 2>&1 &
  echo $! >"$dir/node-$n.pid"
}

case "${1:-}" in
  start)
    count="${2:-3}"
    stop
    mkdir -p "$dir"
    dotnet build -c Release src/ActorSync.Host -v quiet -nologo >/dev/null
    server="$(scripts/postgres.sh start)"
    name="actorsync_cluster"
    conn="$(echo "$server" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Password=/password=/; s/Database=/dbname=/; s/Pooling=[a-z]*//; s/Maximum Pool Size=[0-9]*//')"
    psql "$conn" -qc "drop database if exists $name" >/dev/null 2>&1
    psql "$conn" -qc "create database $name" >/dev/null
    export Persistence__Provider=PostgreSql Persistence__ConnectionString="${server/Database=actorsync/Database=$name}"
    export ServiceLayer__BaseUrl="http://127.0.0.1:$SAP_PORT/" ServiceLayer__CompanyDb=SBODEMO ServiceLayer__UserName=manager ServiceLayer__Password=manager
    export Orders__UseDemoMapping=true Orders__WakeInterval=00:00:05 Logging__LogLevel__Default=Warning
    dotnet "$bin/ActorSync.Emulators.dll" sap --urls "http://127.0.0.1:$SAP_PORT" --capacity on --time-scale 0.5 --workers 2 >"$dir/sap.log" 2>&1 &
    echo $! >"$dir/sap.pid"
    for n in $(seq 1 "$count"); do start_node "$n"; sleep 2; done
    for n in $(seq 1 "$count"); do
      for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$((5080 + n))/health/live" >/dev/null 2>&1 && break; sleep 0.5; done
      curl -sf "http://127.0.0.1:$((5080 + n))/health/live" >/dev/null || { echo "cluster: node $n did not come up; see $dir/node-$n.log" >&2; exit 1; }
    done
    echo "cluster: $count nodes up, ops APIs on 127.0.0.1:5081..$((5080 + count)), SAP emulator on $SAP_PORT; logs in $dir"
    ;;
  stop) stop; echo "cluster: stopped" ;;
  *) echo "usage: scripts/cluster.sh start [N] | stop" >&2; exit 2 ;;
esac
