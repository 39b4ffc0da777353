#!/usr/bin/env bash
# Installs what pathcorr needs to build and test, with apt-get, only when something is missing. Everything the
# scripts of scripts/, tests/, bench/ and workflows/snakemake call comes from these packages or from a minimal
# Debian (coreutils, sed, grep, mawk, gzip, diffutils, findutils); nothing else is assumed (no column, bc, xxd,
# file, curl ...).
# Usage: scripts/setup.sh [--tests] [--bench]
#   --tests  adds what the test suite uses beyond the build (GoogleTest, bcftools, python3, snakemake, clang)
#   --bench  adds what bench/ uses beyond that (GNU time, R, bgzip)
set -euo pipefail
pkgs=(build-essential cmake pkg-config libhts-dev libboost-program-options-dev libboost-math-dev zlib1g-dev
      nlohmann-json3-dev)
tests=(libgtest-dev bcftools tabix python3 snakemake clang libclang-rt-14-dev)
bench=(time r-base-core bcftools tabix python3)
for arg in "$@"; do
  case $arg in
    --tests) pkgs+=("${tests[@]}") ;;
    --bench) pkgs+=("${bench[@]}") ;;
    *) echo "setup: unknown argument '$arg' (use --tests and/or --bench)" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null ||
      { echo "setup: not root and no sudo: run as root: apt-get install ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
