#!/usr/bin/env bash
# Shared by the benchmarks: JDK, packaged service, databases on the local PostgreSQL, a service process to measure.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DIR="$ROOT/target/bench"
mkdir -p "$BENCH_DIR"
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

log() { printf '[bench] %s\n' "$*" >&2; }

pick_jdk() {
    local home version
    for home in /usr/lib/jvm/*; do
        [ -x "$home/bin/java" ] || continue
        version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
            | awk -F'= ' '/java.specification.version/ {print $2}')
        if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ]; then
            echo "$home"
            return 0
        fi
    done
    return 1
}
JAVA_HOME=${JAVA_HOME_21:-$(pick_jdk)}
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

need() {
    local tool=$1 package=${2:-$1}
    if ! command -v "$tool" >/dev/null 2>&1; then
        log "installing $package"
        if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq "$package" >/dev/null
        else sudo apt-get update -qq && sudo apt-get install -y -qq "$package" >/dev/null; fi
    fi
}

package_service() {
    if [ ! -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || [ "${REBUILD:-0}" = 1 ]; then
        log "packaging the service"
        (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
    fi
}

psql_db() { psql -v ON_ERROR_STOP=1 -qtA -d "$1" "${@:2}"; }

fresh_database() {
    psql_db postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
}

SERVICE_PID=
# start_service <database> <port> [extra environment assignments...]
start_service() {
    local database=$1 port=$2
    shift 2
    log "starting the service on :$port against $database"
    env QUARKUS_PROFILE=prod,demo \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$database" \
        QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-postgres}" \
        QUARKUS_HTTP_PORT="$port" TENCENT_SDK_APP_ID=1400000000 \
        INGEST_SPOOL_DIR="$BENCH_DIR/spool-$port" QUARKUS_LOG_LEVEL=WARN "$@" \
        java ${SERVICE_JAVA_OPTS:--Xms256m -Xmx256m} --add-opens java.base/java.lang=ALL-UNNAMED \
        -jar "$ROOT/target/quarkus-app/quarkus-run.jar" >"$BENCH_DIR/service-$port.log" 2>&1 &
    SERVICE_PID=$!
    for _ in $(seq 1 120); do
        if curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then
            return 0
        fi
        kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$BENCH_DIR/service-$port.log" >&2; return 1; }
        sleep 0.5
    done
    log "the service did not become ready"
    return 1
}

stop_service() {
    if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
        kill "$SERVICE_PID"
        wait "$SERVICE_PID" 2>/dev/null || true
    fi
    SERVICE_PID=
}
trap stop_service EXIT

rss_mb() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }
