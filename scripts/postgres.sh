# A throwaway PostgreSQL cluster for tests and figures; source this file, then
#   pg_start [OPTIONS]  installs Debian's postgresql when missing, starts a cluster in a temp
#               dir on a free loopback port and sets PG_URL (postgres://tl@127.0.0.1:PORT/postgres);
#               OPTIONS are server settings (default "-c fsync=off": tests need no durability;
#               give "" for PostgreSQL's durable defaults, as figures should)
#   pg_stop     stops it and removes its files (also run on exit)
# It never touches a system cluster (the package may start one on 5432).

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

pg_start() {
  if [ -z "$(pg_bin)" ]; then
    printf '\n== installing Debian'"'"'s postgresql\n'
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null || return 1
  fi
  local bin port opts="${1--c fsync=off}"
  bin=$(pg_bin)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  PG_DIR=$(mktemp -d)
  # PostgreSQL refuses to run as root: as root, its tools run as the package's postgres user.
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; PG_AS=(runuser -u postgres --); else PG_AS=(); fi
  "${PG_AS[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust -U tl >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
  "${PG_AS[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w start \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=400 $opts" >/dev/null || { cat "$PG_DIR/log"; return 1; }
  PG_URL="postgres://tl@127.0.0.1:$port/postgres"
  export PG_URL
  trap pg_stop EXIT
  echo "PostgreSQL $("$bin/postgres" --version | awk '{ print $3 }') on 127.0.0.1:$port (throwaway, in $PG_DIR)"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_AS[@]}" "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
  PG_DIR=
}
