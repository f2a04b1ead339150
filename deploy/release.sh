#!/usr/bin/env bash
# Releases ONE service: sets its version, its image tag in both overlays and its CHANGELOG; nothing else.
#   deploy/release.sh <service> <new-version> [--commit]
# --commit also commits exactly those files and tags the commit <service>/v<new-version>.
set -euo pipefail

usage() { echo "usage: deploy/release.sh <service> <new-version> [--commit]   e.g. deploy/release.sh audit-service 0.2.0" >&2; exit 2; }
fail() { echo "release: $*" >&2; exit 1; }

[ $# -ge 2 ] && [ $# -le 3 ] || usage
service=$1 version=$2 commit=${3:-}
[ -z "$commit" ] || [ "$commit" = "--commit" ] || usage
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

pom="$service/pom.xml"
changelog="$service/CHANGELOG.md"
overlays=(deploy/overlays/dev/kustomization.yaml deploy/overlays/prod/kustomization.yaml)
[ -f "$pom" ] && [ -d "deploy/$service" ] || fail "no service '$service' (expected $pom and deploy/$service/)"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]] || fail "'$version' is not a version like 1.2.3"
[ -f "$changelog" ] || fail "$changelog is missing"

# The service's own <version>: the first one after </parent>.
current=$(awk '/<\/parent>/ {p=1; next} p && /<version>/ {gsub(/.*<version>|<\/version>.*/, ""); print; exit}' "$pom")
[ -n "$current" ] || fail "$pom has no <version> of its own after </parent>"
[ "$version" != "$current" ] || fail "$service is already at $version"
# Newer? Compare X.Y.Z first; on a tie a release beats its pre-releases (1.0.0 > 1.0.0-rc1).
newer() {
  local a=${1%%-*} b=${2%%-*}
  if [ "$a" != "$b" ]; then [ "$(printf '%s\n%s\n' "$a" "$b" | sort -V | tail -1)" = "$a" ]; return; fi
  [ "$1" = "$a" ] && [ "$2" != "$b" ] && return 0          # release after its pre-release
  [ "$1" != "$a" ] && [ "$2" = "$b" ] && return 1          # pre-release after its release
  [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -1)" = "$1" ]
}
newer "$version" "$current" || fail "$version is older than the current $current; to roll back, see deploy/README.md"
for overlay in "${overlays[@]}"; do
  grep -q "^  - name: taskstream/$service\$" "$overlay" || fail "$overlay has no images: entry for taskstream/$service"
done
# What is being released must be written down first.
notes=$(awk '/^## Unreleased/ {u=1; next} /^## / {u=0} u && NF' "$changelog")
[ -n "$notes" ] || fail "nothing under '## Unreleased' in $changelog: describe the change before releasing it"

awk -v v="$version" '/<\/parent>/ {p=1} p && !done && /<version>/ {sub(/<version>[^<]*<\/version>/, "<version>" v "</version>"); done=1} {print}' \
  "$pom" > "$pom.tmp" && mv "$pom.tmp" "$pom"
for overlay in "${overlays[@]}"; do
  awk -v name="  - name: taskstream/$service" -v v="$version" \
    '$0 == name {hit=1} hit && /^    newTag:/ {sub(/newTag:.*/, "newTag: \"" v "\""); hit=0} /^  - name:/ && $0 != name {hit=0} {print}' \
    "$overlay" > "$overlay.tmp" && mv "$overlay.tmp" "$overlay"
done
awk -v v="$version" -v d="$(date -u +%Y-%m-%d)" '/^## Unreleased/ && !done {print; print ""; print "## " v " — " d; done=1; next} {print}' \
  "$changelog" > "$changelog.tmp" && mv "$changelog.tmp" "$changelog"

echo "released $service $current -> $version: $pom, ${overlays[*]}, $changelog"
if [ "$commit" = "--commit" ]; then
  git add "$pom" "$changelog" "${overlays[@]}"
  git commit -q -m "Release $service $version" -- "$pom" "$changelog" "${overlays[@]}"
  git tag "$service/v$version"
  echo "committed and tagged $service/v$version"
else
  echo "next: git commit -m 'Release $service $version' $pom $changelog ${overlays[*]} && git tag $service/v$version"
fi
echo "image: ./mvnw -B -pl $service -am -DskipTests package jib:build   (see deploy/README.md, Images)"
