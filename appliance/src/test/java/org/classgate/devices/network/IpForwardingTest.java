package org.classgate.devices.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpForwardingTest {
  @TempDir Path dir;

  @Test
  void onStaysOnAndOffIsTurnedOn() throws Exception {
    Path file = dir.resolve("ip_forward");
    Files.writeString(file, "1\n");
    IpForwarding forwarding = new IpForwarding(file);
    assertEquals(List.of(), forwarding.check());
    assertEquals(List.of(), forwarding.ensureOn());

    Files.writeString(file, "0\n");
    assertEquals(
        List.of(
            "IPv4 forwarding is off (net.ipv4.ip_forward=0): approved devices reach nothing"
                + " beyond the box; set it to 1 (/etc/sysctl.d/60-classgate.conf)"),
        forwarding.check());
    assertEquals(List.of(), forwarding.ensureOn());
    assertEquals("1", Files.readString(file).strip());
  }

  @Test
  void aSwitchThatCannotBeReadOrWrittenIsAFault() throws Exception {
    // A directory in place of the file: neither reading nor writing works, not even for root.
    Path directory = Files.createDirectory(dir.resolve("ip_forward"));
    for (List<String> problems :
        List.of(new IpForwarding(directory).ensureOn(), new IpForwarding(directory).check())) {
      assertEquals(1, problems.size());
      assertTrue(problems.get(0).startsWith("cannot read IPv4 forwarding"), problems.toString());
    }
    assertTrue(Files.isDirectory(directory));
  }
}
