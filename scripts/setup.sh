#!/usr/bin/env bash
# Installs what pathcorr needs to build and test, with apt-get, only when something is missing.
# Usage: scripts/setup.sh [--tests]   (--tests adds what the test suite uses beyond the build)
set -euo pipefail
pkgs=(build-essential cmake pkg-config libhts-dev libboost-program-options-dev libboost-math-dev zlib1g-dev)
if [[ "${1:-}" == "--tests" ]]; then
  pkgs+=(libgtest-dev bcftools tabix python3 snakemake clang libclang-rt-14-dev)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
