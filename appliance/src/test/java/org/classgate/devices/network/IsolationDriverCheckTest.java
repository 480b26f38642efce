package org.classgate.devices.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against directory trees shaped like sysfs: /sys/class/net/IF/{phy80211,wireless,device/driver,
 * brif/PORT}, where device/driver is a symbolic link whose last element names the driver.
 */
class IsolationDriverCheckTest {
  @TempDir Path sys;

  private Path radio(String name, String driver) throws IOException {
    Path dir = Files.createDirectories(sys.resolve("class/net").resolve(name));
    Files.createDirectories(dir.resolve("wireless"));
    Files.createSymbolicLink(dir.resolve("phy80211"), sys.resolve("class/ieee80211/phy0"));
    Path driverDir = Files.createDirectories(sys.resolve("bus/drivers").resolve(driver));
    Files.createDirectories(dir.resolve("device"));
    Files.createSymbolicLink(dir.resolve("device/driver"), driverDir);
    return dir;
  }

  private IsolationDriverCheck check() {
    return new IsolationDriverCheck(sys.resolve("class/net"));
  }

  @Test
  void thePisBuiltInWifiIsAWarning() throws IOException {
    radio("wlan0", "brcmfmac");
    List<String> warnings = check().warnings("wlan0");
    assertEquals(1, warnings.size());
    assertTrue(
        warnings.get(0).contains("brcmfmac driver, which ignores ap_isolate"), warnings.get(0));
  }

  @Test
  void aMac80211AdapterIsFineAndAnUnknownDriverIsUnverified() throws IOException {
    radio("wlan1", "mt76x2u");
    radio("wlan2", "8812au");
    assertEquals(List.of(), check().warnings("wlan1"));
    assertTrue(check().warnings("wlan2").get(0).contains("not known to honour ap_isolate"));
  }

  @Test
  void aBridgeIsCheckedThroughItsRadioPortsAndAWiredInterfaceNeedsNothing() throws IOException {
    radio("wlan0", "brcmfmac");
    Path eth = Files.createDirectories(sys.resolve("class/net/eth1"));
    Path bridge = Files.createDirectories(sys.resolve("class/net/br0/brif"));
    Files.createDirectories(bridge.resolve("wlan0"));
    Files.createDirectories(bridge.resolve("eth1"));
    assertEquals(1, check().warnings("br0").size());
    assertEquals(List.of(), check().warnings(eth.getFileName().toString()));
  }

  @Test
  void aMissingInterfaceIsAWarning() {
    assertTrue(check().warnings("wlan9").get(0).contains("does not exist"));
  }
}
