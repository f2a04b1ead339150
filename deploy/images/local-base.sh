#!/usr/bin/env bash
# Builds a base image root filesystem from this machine, for `jib:buildTar -Plocal-base` where no
# registry serves eclipse-temurin (no Docker daemon, no image registry: only Maven Central, Debian, npm).
# Contents: a jlink'ed Java 17 runtime at /opt/java, the glibc libraries it links against, a
# nonroot user (65532) and /tmp. The same shape as a distroless Java base, made from local parts.
#   deploy/images/local-base.sh [output-dir]     (default: target/image-base/rootfs)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/target/image-base/rootfs}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
[ -d "$java_home/jmods" ] || { echo "local-base: $java_home has no jmods/ (needs a full JDK 17, e.g. Debian openjdk-17-jdk-headless)" >&2; exit 1; }

rm -rf "$out" && mkdir -p "$out"
echo "local-base: jlink from $java_home into $out/opt/java"
# java.se plus what Netty, Kafka's SASL/SCRAM, JFR and the DNS resolver reach for.
"$java_home/bin/jlink" --module-path "$java_home/jmods" --output "$out/opt/java" --strip-debug --no-header-files \
  --no-man-pages --compress=2 \
  --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.management.agent,jdk.jfr,jdk.zipfs,jdk.naming.dns,jdk.localedata
# Debian's JDK links cacerts to /etc/ssl/certs/java/cacerts: ship the real file.
cacerts="$out/opt/java/lib/security/cacerts"
if [ -L "$cacerts" ] || [ ! -s "$cacerts" ]; then
  src=$(readlink -f "$java_home/lib/security/cacerts")
  rm -f "$cacerts" && cp "$src" "$cacerts"
fi

# The shared libraries the runtime needs, at the same paths (glibc 2.34+ has NSS files/dns in libc).
libs=$(find "$out/opt/java" -type f \( -name java -o -name '*.so' \) -exec ldd {} \; 2>/dev/null \
  | awk '/=>/ && $3 ~ /^\// {print $3} /^\t\/.*ld-linux/ {print $1}' | sort -u)
for lib in $libs /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2; do
  case "$lib" in "$out"/*) continue ;; esac  # the runtime's own libraries (found via $ORIGIN)
  [ -e "$lib" ] || continue
  real=$(readlink -f "$lib")
  mkdir -p "$out$(dirname "$lib")"
  cp "$real" "$out$lib"
done

mkdir -p "$out/etc" "$out/tmp" "$out/home/nonroot"
chmod 1777 "$out/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$out/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$out/etc/nsswitch.conf"
echo "local-base: $(du -sh "$out" | cut -f1) in $out"
