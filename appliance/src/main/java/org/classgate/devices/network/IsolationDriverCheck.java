package org.classgate.devices.network;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks whether the classroom's Wi-Fi driver honours hostapd's {@code ap_isolate=1}. Without it,
 * the radio itself passes frames from one client to another (they never reach the box's firewall),
 * so a pupil's device could reach another pupil's directly. nftables still drops every routed
 * client-to-client packet; this check makes the radio-level gap visible in the health state.
 *
 * <p>Reads sysfs only ({@code /sys/class/net/<if>/device/driver} names the driver); the root is
 * injected so tests can use a directory tree of the same shape. Stateless and thread-safe.
 */
public final class IsolationDriverCheck {
  /**
   * The Raspberry Pi's built-in Wi-Fi (Broadcom/Cypress FullMAC, e.g. BCM43455 on the Pi 3B+, 4 and
   * 5): the firmware does the AP's frame forwarding and brcmfmac does not pass hostapd's isolation
   * setting to it, so {@code ap_isolate} has no effect (reported by RaspAP's users and docs).
   */
  static final Set<String> IGNORES_ISOLATION = Set.of("brcmfmac");

  /**
   * Drivers built on the kernel's mac80211 stack, where the AP's station-to-station forwarding is
   * done by mac80211 itself and skipped when hostapd sets the BSS's AP-isolate flag
   * (NL80211_ATTR_AP_ISOLATE). These are common USB and PCIe adapters that run in AP mode.
   */
  static final Set<String> HONOURS_ISOLATION =
      Set.of(
          "ath9k",
          "ath9k_htc",
          "ath10k_pci",
          "ath10k_usb",
          "ath11k_pci",
          "carl9170",
          "mt7601u",
          "mt76x0u",
          "mt76x2u",
          "mt76x2e",
          "mt7615e",
          "mt7663u",
          "mt7921u",
          "mt7921e",
          "mt7925u",
          "mt7925e",
          "rt2800usb",
          "rt2800pci",
          "rtl8xxxu",
          "rtw88_8822bu",
          "rtw88_8821cu",
          "rtw88_8822cu");

  private final Path netRoot;

  /**
   * @param netRoot the directory holding one entry per network interface ({@code /sys/class/net})
   */
  public IsolationDriverCheck(Path netRoot) {
    this.netRoot = netRoot;
  }

  /** The check against this machine's sysfs. */
  public static IsolationDriverCheck system() {
    return new IsolationDriverCheck(Path.of("/sys/class/net"));
  }

  /**
   * Warnings about {@code classroomInterface}: empty when radio-level isolation is known to work or
   * the interface is not a radio (a wired or virtual classroom interface has no {@code ap_isolate}
   * to honour). Never throws: an unreadable sysfs is itself a warning.
   */
  public List<String> warnings(String classroomInterface) {
    Path dir = netRoot.resolve(classroomInterface);
    if (!Files.isDirectory(dir)) {
      return List.of(
          "classroom interface "
              + classroomInterface
              + " does not exist: the access point cannot run and isolation cannot be checked");
    }
    List<String> warnings = new ArrayList<>();
    for (Path radio : radios(dir)) {
      String name = radio.getFileName().toString();
      String driver = driver(radio);
      if (driver == null) {
        warnings.add(
            "cannot tell the driver of Wi-Fi interface "
                + name
                + ": client isolation on the radio (ap_isolate) is unverified");
      } else if (IGNORES_ISOLATION.contains(driver)) {
        warnings.add(
            "Wi-Fi interface "
                + name
                + " uses the "
                + driver
                + " driver, which ignores ap_isolate: classroom devices can reach each other"
                + " directly over the radio (routed traffic is still blocked). Use a USB adapter"
                + " with a mac80211 driver (e.g. mt76x2u, mt7921u, ath9k_htc, rt2800usb).");
      } else if (!HONOURS_ISOLATION.contains(driver)) {
        warnings.add(
            "Wi-Fi interface "
                + name
                + " uses the "
                + driver
                + " driver, which is not known to honour ap_isolate: client isolation on the"
                + " radio is unverified");
      }
    }
    return warnings;
  }

  /** The interface itself if it is a radio, or the radio ports of a bridge. */
  private static List<Path> radios(Path dir) {
    List<Path> radios = new ArrayList<>();
    if (Files.isDirectory(dir.resolve("brif"))) {
      try (DirectoryStream<Path> ports = Files.newDirectoryStream(dir.resolve("brif"))) {
        for (Path port : ports) {
          // brif/<port> links to the port's brport directory; the port itself is its sibling.
          Path portDir = dir.getParent().resolve(port.getFileName().toString());
          if (isRadio(portDir)) {
            radios.add(portDir);
          }
        }
      } catch (IOException e) {
        radios.add(dir);
      }
    } else if (isRadio(dir)) {
      radios.add(dir);
    }
    return radios;
  }

  private static boolean isRadio(Path dir) {
    return Files.exists(dir.resolve("phy80211")) || Files.isDirectory(dir.resolve("wireless"));
  }

  private static String driver(Path dir) {
    try {
      return Files.readSymbolicLink(dir.resolve("device").resolve("driver"))
          .getFileName()
          .toString();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
