#!/bin/bash -e
# pi-gen sub-stage: installs ClassGate and makes the box an appliance. Runs on the build host with
# ROOTFS_DIR set; on_chroot runs its standard input inside the image (pi-gen's scripts/common).
#
# Build variables (pi-gen's config file):
#   CLASSGATE_WIFI_PASSPHRASE  the classroom Wi-Fi passphrase (8-63 characters; required)
#   CLASSGATE_WIFI_COUNTRY     ISO 3166 country (default: WPA_COUNTRY, else GB)
#   CLASSGATE_WIFI_SSID        the classroom Wi-Fi's name (default: ClassGate)
#   CLASSGATE_DATA_SIZE        size of the data partition made at first boot (default: 2G)

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
COUNTRY="${CLASSGATE_WIFI_COUNTRY:-${WPA_COUNTRY:-GB}}"
SSID="${CLASSGATE_WIFI_SSID:-ClassGate}"
DATA_SIZE="${CLASSGATE_DATA_SIZE:-2G}"

if [ -z "${CLASSGATE_WIFI_PASSPHRASE:-}" ] || [ "${#CLASSGATE_WIFI_PASSPHRASE}" -lt 8 ] ||
    [ "${#CLASSGATE_WIFI_PASSPHRASE}" -gt 63 ]; then
  echo "stage-classgate: set CLASSGATE_WIFI_PASSPHRASE (8-63 characters) in the pi-gen config" >&2
  exit 1
fi
case "$COUNTRY" in
  [A-Z][A-Z]) ;;
  *) echo "stage-classgate: CLASSGATE_WIFI_COUNTRY must be two capital letters, got '$COUNTRY'" >&2; exit 1 ;;
esac
case "$SSID$CLASSGATE_WIFI_PASSPHRASE" in
  *"
"*) echo "stage-classgate: the SSID and passphrase must be one line each" >&2; exit 1 ;;
esac

# Checked before anything is changed: older images expanded the root with an init= script (see
# below), which the stage cannot turn off without also losing the SSH host keys it makes.
for cmdline in "${ROOTFS_DIR}/boot/firmware/cmdline.txt" "${ROOTFS_DIR}/boot/cmdline.txt"; do
  if [ -f "$cmdline" ] && grep -q 'init=' "$cmdline"; then
    echo "stage-classgate: $cmdline runs an init= first-boot script ($(grep -o 'init=[^ ]*' "$cmdline")):" \
      "use pi-gen's current bookworm branch, whose root expansion the stage can turn off" >&2
    exit 1
  fi
done

debs=("$HERE"/files/classgate_*_all.deb)
if [ ! -f "${debs[0]}" ]; then
  echo "stage-classgate: no package in $HERE/files/: build it with scripts/package and copy it there" >&2
  exit 1
fi
install -m 644 "${debs[@]}" "${ROOTFS_DIR}/tmp/"

# The package and its dependencies (apt resolves them from the Raspberry Pi OS archive).
on_chroot <<'CHROOT'
apt-get install -y --no-install-recommends /tmp/classgate_*_all.deb
rm -f /tmp/classgate_*_all.deb
CHROOT

# The box's configuration: the classroom network on, this build's Wi-Fi. Edited in place so the
# file stays the package's conffile (later upgrades keep these edits).
config="${ROOTFS_DIR}/etc/classgate/classgate.properties"
sed -i -e 's/^network.mode = .*/network.mode = apply/' \
  -e "s/^network.wifi.country = .*/network.wifi.country = ${COUNTRY}/" "$config"
# The SSID and passphrase may hold any character: written with printf, not through sed.
grep -v -e '^network.wifi.ssid = ' -e '^#\{0,1\} \{0,1\}network.wifi.passphrase = ' "$config" >"$config.new"
{
  printf 'network.wifi.ssid = %s\n' "$SSID"
  printf 'network.wifi.passphrase = %s\n' "$CLASSGATE_WIFI_PASSPHRASE" | sed 's/\\/\\\\/g'
} >>"$config.new"
cat "$config.new" >"$config"
rm -f "$config.new"

# The data partition for /var/lib/classgate (SQLite's writes, never the read-only root): made at
# first boot from the card's free space by classgate-data-partition, mounted by label.
install -m 755 "$HERE/files/classgate-data-partition" "${ROOTFS_DIR}/usr/libexec/classgate/"
install -m 644 "$HERE/files/classgate-data-partition.service" "${ROOTFS_DIR}/etc/systemd/system/"
install -d "${ROOTFS_DIR}/etc/systemd/system/classgate-data-partition.service.d"
printf '[Service]\nEnvironment=CLASSGATE_DATA_SIZE=%s\n' "$DATA_SIZE" \
  >"${ROOTFS_DIR}/etc/systemd/system/classgate-data-partition.service.d/size.conf"
"$HERE/files/classgate-data-partition" --fstab-only "${ROOTFS_DIR}/etc/fstab"

# No root expansion at first boot: Raspberry Pi OS grows the root partition over the whole card
# (the "resize" word on the kernel command line, read by the initramfs's first-boot script), which
# would leave no space for the data partition. The root stays the size pi-gen made it (it is
# read-only anyway). Older images did it with init=/usr/lib/raspberrypi-sys-mods/firstboot, which
# also makes the SSH host keys and a new disk id: not silently dropped, the build stopped above.
for cmdline in "${ROOTFS_DIR}/boot/firmware/cmdline.txt" "${ROOTFS_DIR}/boot/cmdline.txt"; do
  if [ -f "$cmdline" ]; then
    sed -i -e 's/\(^\| \)resize\( \|$\)/\1\2/g' -e 's/  */ /g' -e 's/^ //' -e 's/ $//' "$cmdline"
  fi
done

# Read-only root: overlayroot puts a tmpfs over / at boot; recurse=0 leaves other mounts (the data
# partition, /boot/firmware) as they are, so only /var/lib/classgate persists.
install -m 644 "$HERE/files/overlayroot.local.conf" "${ROOTFS_DIR}/etc/overlayroot.local.conf"

# Clock floor: systemd-timesyncd never sets the clock before this file's time (systemd 247+), so a
# box without a real-time clock does not start in 1970 and the activity log's times stay ordered.
touch "${ROOTFS_DIR}/usr/lib/clock-epoch"

on_chroot <<CHROOT
raspi-config nonint do_wifi_country ${COUNTRY} || true
systemctl enable systemd-timesyncd.service classgate-data-partition.service \
  classgate.service classgate-first-boot.service \
  classgate-ap.service classgate-dhcp.service classgate-wifi-events.service
CHROOT
