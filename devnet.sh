#!/usr/bin/env bash
# One-command local devnet: builds what it needs, then starts Kafka, PostgreSQL, a beacon chain
# (Lodestar 1.5.1 dev when Node is available, else a simulated one) and the three services as
# separate processes. All options go to the launcher; see --help and deploy/devnet/README.md.
# Ctrl-C stops every process it started.
set -euo pipefail
cd "$(dirname "$0")"

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

# The same JDK selection as .ci/run.
select_jdk() {
  local candidates=(/usr/lib/jvm/temurin-25-jdk-amd64 "${JAVA_HOME:-}")
  local java_on_path
  java_on_path="$(command -v java || true)"
  if [ -n "$java_on_path" ]; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$java_on_path")")")")
  fi
  for home in "${candidates[@]}"; do
    if [ -n "$home" ] && [ -x "$home/bin/java" ] && [ "$(java_major "$home/bin/java")" -ge 21 ]; then
      echo "$home"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME="$(select_jdk)"; then
  echo "No JDK 21+ found: install one (e.g. Temurin 25) or set JAVA_HOME" >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

# The value of --beacon (lodestar, simulated, auto); auto when absent. The launcher checks it.
beacon_mode() {
  local mode=auto previous=""
  for arg in "$@"; do
    case "$arg" in
      --beacon=*) mode="${arg#--beacon=}" ;;
    esac
    if [ "$previous" = "--beacon" ]; then
      mode="$arg"
    fi
    previous="$arg"
  done
  echo "$mode"
}

# Lodestar (--beacon=lodestar, or auto) needs common-test/lodestar/node_modules: when Node is here
# but Lodestar is not installed yet, install it from the pinned package-lock.json.
install_lodestar() {
  local mode="$1"
  local lodestar=common-test/lodestar
  if [ "$mode" = "simulated" ] || ! command -v node >/dev/null 2>&1 \
    || [ -f "$lodestar/node_modules/@chainsafe/lodestar/lib/index.js" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "devnet: node is on the PATH but npm is not, so Lodestar cannot be installed"
    [ "$mode" = "lodestar" ] && exit 1
    return 0
  fi
  echo "devnet: Lodestar is not installed; running 'npm ci' in $lodestar (--beacon=$mode; once, a few minutes, about 330 MB)"
  if ! (cd "$lodestar" && npm ci --no-audit --no-fund); then
    echo "devnet: 'npm ci' in $lodestar failed"
    [ "$mode" = "lodestar" ] && exit 1
    echo "devnet: continuing with the simulated beacon node"
  fi
}

case " $* " in
  *" --help "* | *" -h "*) ;;
  *)
    if [ "${DEVNET_SKIP_BUILD:-}" != "1" ]; then
      echo "devnet: building the services and the launcher (set DEVNET_SKIP_BUILD=1 to skip)"
      ./mvnw -B -ntp -q -pl :devnet -am package -DskipTests -Dfuzz.skip=true
    fi
    install_lodestar "$(beacon_mode "$@")"
    ;;
esac

if [ ! -f deploy/devnet/target/devnet.classpath ]; then
  echo "devnet: not built yet; run without DEVNET_SKIP_BUILD=1 once" >&2
  exit 1
fi

# exec: the launcher itself receives Ctrl-C and stops its processes by PID.
exec "$JAVA_HOME/bin/java" -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Ddevnet.repository="$PWD" \
  -cp "deploy/devnet/target/classes:$(cat deploy/devnet/target/devnet.classpath)" \
  io.zkstateless.devnet.DevnetMain "$@"
