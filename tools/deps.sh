#!/usr/bin/env bash
# Install the Debian packages crossread needs to build and test, if missing.
# Safe to run again: it only calls apt-get when something is not installed.
set -euo pipefail
pkgs=(gcc libc6-dev meson ninja-build pkg-config libicu-dev libpcre2-dev
      libncurses-dev tmux python3)
# CI also fuzzes (clang, libFuzzer) and runs memcheck (tools/test.sh).
[ "${CI:-}" = true ] && pkgs+=(clang libclang-rt-dev valgrind)
[ "${CROSSREAD_DEPS_EXTRA:-}" ] && read -r -a extra <<<"$CROSSREAD_DEPS_EXTRA" && pkgs+=("${extra[@]}")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "crossread: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
