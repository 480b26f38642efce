#!/bin/bash -e
# pi-gen: a stage starts from a copy of the previous stage's root (stage2, Raspberry Pi OS Lite).
if [ ! -d "${ROOTFS_DIR}" ]; then
  copy_previous
fi
