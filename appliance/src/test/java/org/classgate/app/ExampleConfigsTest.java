package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ConfigSource;
import org.classgate.app.config.HostFacts;
import org.classgate.devices.ApprovalState;
import org.classgate.devices.ClassPolicy;
import org.classgate.devices.DeviceAccess;
import org.classgate.devices.DeviceClass;
import org.classgate.dns.Subnet;
import org.junit.jupiter.api.Test;

/** The two schools' example configurations, as shipped in system-images/config-examples. */
class ExampleConfigsTest {
  /** Surefire runs with the module directory as working directory. */
  private static final Path EXAMPLES =
      Path.of("..", "system-images", "config-examples").toAbsolutePath();

  private static final Path STRATFORD = EXAMPLES.resolve("stratford-upon-avon-primary.properties");
  private static final Path VICTORIA_PARK = EXAMPLES.resolve("victoria-park-junior.properties");

  private static final HostFacts HOST =
      new HostFacts() {
        @Override
        public List<InetSocketAddress> systemNameservers() {
          return List.of(new InetSocketAddress("192.0.2.53", 53));
        }

        @Override
        public List<Subnet> localSubnets() {
          return List.of(Subnet.parse("127.0.0.0/8"));
        }
      };

  @Test
  void bothPassCheckConfig() {
    for (Path example : List.of(STRATFORD, VICTORIA_PARK)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream original = System.out;
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      int status;
      try {
        // The real command, with this machine's resolv.conf as the box would have.
        status = Main.run(new String[] {"check-config", "--config", example.toString()});
      } finally {
        System.setOut(original);
      }
      assertEquals(0, status, example + ": " + out.toString(StandardCharsets.UTF_8));
      assertEquals("configuration is valid\n", out.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void theyDifferWhereTheSchoolsDo() throws Exception {
    ClassPolicy stratford = classes(STRATFORD);
    ClassPolicy victoriaPark = classes(VICTORIA_PARK);
    assertEquals(DeviceAccess.FULL, approved(stratford, DeviceClass.STAFF_OWNED));
    assertEquals(DeviceAccess.NONE, approved(victoriaPark, DeviceClass.STAFF_OWNED));
    for (ClassPolicy school : List.of(stratford, victoriaPark)) {
      assertEquals(DeviceAccess.NONE, approved(school, DeviceClass.PUPIL_OWNED));
      assertEquals(DeviceAccess.NONE, approved(school, DeviceClass.VISITOR_OWNED));
      assertEquals(DeviceAccess.FULL, approved(school, DeviceClass.AUTHORISED));
      assertEquals("pupil", school.rule(DeviceClass.SCHOOL_SHARED).profile());
    }
  }

  private static DeviceAccess approved(ClassPolicy policy, DeviceClass deviceClass) {
    return policy.accessOf(ApprovalState.APPROVED, deviceClass);
  }

  private static ClassPolicy classes(Path file) throws Exception {
    return ApplianceConfig.from(ConfigSource.load(file, List.of()), HOST).devices().classes();
  }
}
