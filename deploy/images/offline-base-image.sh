#!/usr/bin/env bash
# Builds a Jib base image without any registry: a jlink'd Java runtime from a local JDK plus the
# host's glibc, written as a `docker save` tarball that Jib reads with tar://.
#
#   deploy/images/offline-base-image.sh [JDK_HOME] [OUT_TAR]
#   ./mvnw -pl broadcaster-service -am package -DskipTests jib:buildTar \
#       -Djib.from.image=tar://$PWD/target/offline-base.tar
#
# For machines without registry access (CI sandboxes, air-gapped build hosts). It is not the
# production base: that is eclipse-temurin:21-jre-noble (root pom, jib.from.image), which gets
# security updates. The runtime has no shell; the chart needs none (preStop uses the sleep action).
set -euo pipefail

JDK_HOME=${1:-${JAVA_HOME:?set JAVA_HOME or pass a JDK directory}}
OUT=${2:-target/offline-base.tar}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ROOT=$WORK/rootfs
mkdir -p "$ROOT"/opt "$ROOT"/etc "$ROOT"/tmp "$ROOT"/proc "$ROOT"/lib/x86_64-linux-gnu "$ROOT"/lib64

# The modules Spring Boot, Kafka, Netty, JDBC and JMX need; no desktop libraries beyond java.se.
"$JDK_HOME"/bin/jlink \
  --add-modules java.se,jdk.unsupported,jdk.management,jdk.naming.dns,jdk.crypto.cryptoki,jdk.zipfs \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
  --output "$ROOT"/opt/java

# glibc and the C++ runtime (snappy-java's native library links libstdc++).
for lib in libc.so.6 libdl.so.2 libm.so.6 libpthread.so.0 librt.so.1 libstdc++.so.6 libgcc_s.so.1 libz.so.1; do
  cp -L "/lib/x86_64-linux-gnu/$lib" "$ROOT/lib/x86_64-linux-gnu/"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$ROOT"/lib64/
printf 'root:x:0:0::/root:/sbin/nologin\nnonroot:x:65532:65532::/home/nonroot:/sbin/nologin\n' > "$ROOT"/etc/passwd
printf 'root:x:0:\nnonroot:x:65532:\n' > "$ROOT"/etc/group
chmod 1777 "$ROOT"/tmp

tar --owner=0 --group=0 --numeric-owner --mtime='1970-01-01' --sort=name -C "$ROOT" -cf "$WORK"/layer.tar .
DIFF_ID=$(sha256sum "$WORK"/layer.tar | cut -d' ' -f1)
cat > "$WORK"/config.json <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$DIFF_ID"]},
 "history":[{"created_by":"deploy/images/offline-base-image.sh"}]}
JSON
cat > "$WORK"/manifest.json <<JSON
[{"Config":"config.json","RepoTags":["local/zk-stateless-offline-base:latest"],"Layers":["layer.tar"]}]
JSON
mkdir -p "$(dirname "$OUT")"
tar -C "$WORK" -cf "$OUT" manifest.json config.json layer.tar
echo "wrote $OUT"
