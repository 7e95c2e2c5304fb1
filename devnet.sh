#!/usr/bin/env bash
# One-command local devnet: builds what it needs, then starts Kafka, PostgreSQL, a simulated chain
# and the three services as separate processes. All options go to the launcher; see --help and
# deploy/devnet/README.md. Ctrl-C stops every process it started.
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

case " $* " in
  *" --help "* | *" -h "*) ;;
  *)
    if [ "${DEVNET_SKIP_BUILD:-}" != "1" ]; then
      echo "devnet: building the services and the launcher (set DEVNET_SKIP_BUILD=1 to skip)"
      ./mvnw -B -ntp -q -pl :devnet -am package -DskipTests -Dfuzz.skip=true
    fi
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
