package org.classgate.devices.hostapd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostapdConfigTest {
  private static final String SECRET = "correct horse battery";

  private static AccessPointSettings settings(String ssid, int channel, WifiSecurity security) {
    return new AccessPointSettings("wlan0", ssid, SECRET, "GB", channel, security);
  }

  @Test
  void writesTheAccessPointWithIsolationAndWpa2() {
    List<String> lines =
        HostapdConfig.render(settings("Room 12", 6, WifiSecurity.WPA2)).lines().toList();
    assertTrue(lines.contains("interface=wlan0"));
    assertTrue(lines.contains("ssid2=526f6f6d203132"), "hex of 'Room 12'");
    assertTrue(lines.contains("country_code=GB"));
    assertTrue(lines.contains("hw_mode=g"));
    assertTrue(lines.contains("channel=6"));
    assertTrue(lines.contains("ap_isolate=1"));
    assertTrue(lines.contains("wpa=2"));
    assertTrue(lines.contains("wpa_key_mgmt=WPA-PSK"));
    assertTrue(lines.contains("wpa_passphrase=" + SECRET));
    assertFalse(lines.stream().anyMatch(line -> line.startsWith("ieee80211w")));
  }

  @Test
  void wpa3RequiresManagementFrameProtectionAndTransitionOffersBoth() {
    List<String> sae =
        HostapdConfig.render(settings("x", 36, WifiSecurity.WPA3_SAE)).lines().toList();
    assertTrue(sae.contains("wpa_key_mgmt=SAE"));
    assertTrue(sae.contains("ieee80211w=2"));
    assertTrue(sae.contains("hw_mode=a"));
    List<String> both =
        HostapdConfig.render(settings("x", 11, WifiSecurity.TRANSITION)).lines().toList();
    assertTrue(both.contains("wpa_key_mgmt=WPA-PSK SAE"));
    assertTrue(both.contains("ieee80211w=1"));
  }

  @Test
  void anSsidWithANewlineCannotInjectALine() {
    String hostile = "evil\nap_isolate=0";
    String text = HostapdConfig.render(settings(hostile, 1, WifiSecurity.WPA2));
    assertFalse(text.contains("ap_isolate=0"));
    assertEquals(1, text.lines().filter(line -> line.startsWith("ap_isolate")).count());
    assertTrue(text.contains("ssid2=" + HostapdConfig.hex(hostile) + "\n"));
    String unicode = HostapdConfig.render(settings("Salle 4 – été", 1, WifiSecurity.WPA2));
    assertTrue(unicode.contains("utf8_ssid=1\n"));
  }

  @Test
  void badPassphrasesAreRefusedWithoutEchoingThem() {
    for (String bad :
        List.of("short", "x".repeat(64), "line\nbreak1", "tab\tinside1", "café-au-lait")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new AccessPointSettings("wlan0", "x", bad, "GB", 6, WifiSecurity.WPA2));
      assertFalse(e.getMessage().contains(bad), e.getMessage());
    }
    assertFalse(settings("x", 6, WifiSecurity.WPA2).toString().contains(SECRET));
  }

  @Test
  void refusesWhatHostapdWouldMisread() {
    assertThrows(IllegalArgumentException.class, () -> settings("", 6, WifiSecurity.WPA2));
    assertThrows(
        IllegalArgumentException.class, () -> settings("x".repeat(33), 6, WifiSecurity.WPA2));
    assertThrows(IllegalArgumentException.class, () -> settings("x", 15, WifiSecurity.WPA2));
    assertThrows(IllegalArgumentException.class, () -> settings("x", 38, WifiSecurity.WPA2));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AccessPointSettings("wlan0\nx", "x", SECRET, "GB", 6, WifiSecurity.WPA2));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AccessPointSettings("wlan0", "x", SECRET, "gb", 6, WifiSecurity.WPA2));
  }
}
