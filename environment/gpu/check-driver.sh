#!/usr/bin/env bash
# Checks that this host can run the cu124 build: an NVIDIA driver new enough for CUDA 12.4.
set -euo pipefail
if ! command -v nvidia-smi >/dev/null; then
  echo "check-driver: nvidia-smi not found: no NVIDIA driver on this host (the CPU build still works)" >&2
  exit 1
fi
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
cuda=$(nvidia-smi | sed -n 's/.*CUDA Version: \([0-9.]*\).*/\1/p' | head -1)
echo "driver supports CUDA $cuda"
if [[ -z "$cuda" ]] || ! awk -v v="$cuda" 'BEGIN { split(v, a, "."); exit !(a[1] > 12 || (a[1] == 12 && a[2] >= 4)) }'; then
  echo "check-driver: CUDA $cuda < 12.4: update the driver to use -Pcu124 (PyTorch 2.5.1 cu124)" >&2
  exit 1
fi
echo "check-driver: OK for -Pcu124"
