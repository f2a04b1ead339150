#!/usr/bin/env bash
# Checks an image tarball built by jib:buildTar without a container runtime: unpacks its layers into
# a root filesystem and, as the image's user, runs `java -version` and `java --dry-run <entrypoint>`
# (the JVM starts and loads the main class from the image's class path). Needs root (chroot, /proc).
#   deploy/images/smoke.sh <service>/target/<service>-<version>-image.tar
set -euo pipefail
tarball=${1:?usage: deploy/images/smoke.sh <image.tar>}
work=$(mktemp -d)
# Never walk into a still-mounted /proc when cleaning up.
trap 'umount "$work/rootfs/proc" 2>/dev/null; rm -rf --one-file-system "$work"' EXIT
mkdir -p "$work/oci" "$work/rootfs"
tar xf "$tarball" -C "$work/oci"
python3 - "$work" <<'PY'
import json, sys, tarfile
work = sys.argv[1]
blob = lambda d: f"{work}/oci/blobs/sha256/{d.split(':')[1]}"
index = json.load(open(f"{work}/oci/index.json"))
manifest = json.load(open(blob(index["manifests"][0]["digest"])))
config = json.load(open(blob(manifest["config"]["digest"])))["config"]
for layer in manifest["layers"]:
    with tarfile.open(blob(layer["digest"])) as t:
        t.extractall(f"{work}/rootfs")
json.dump(config, open(f"{work}/config.json", "w"))
print("image:", index["manifests"][0].get("annotations", {}).get("org.opencontainers.image.ref.name"),
      "user:", config.get("User"), "entrypoint:", " ".join(config["Entrypoint"]))
PY
user=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['User'])" "$work/config.json")
mapfile -t entrypoint < <(python3 -c "import json,sys; print('\n'.join(json.load(open(sys.argv[1]))['Entrypoint']))" "$work/config.json")
mapfile -t env < <(python3 -c "import json,sys; [print(e) for e in json.load(open(sys.argv[1])).get('Env') or []]" "$work/config.json")
mkdir -p "$work/rootfs/proc" && mount -t proc proc "$work/rootfs/proc"
run() { env -i "${env[@]}" "$(command -v chroot || echo /usr/sbin/chroot)" --userspec="$user" "$work/rootfs" "$@"; }
run java -version
# --dry-run: create the VM and load the main class, but do not run main.
run "${entrypoint[0]}" --dry-run "${entrypoint[@]:1}"
echo "smoke: $tarball starts a JVM as $user and loads ${entrypoint[-1]}"
