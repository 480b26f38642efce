package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.HostFacts;
import org.classgate.dns.Subnet;
import org.classgate.testing.SteppedWallClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevicesCommandTest {
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

  @TempDir Path dir;
  private ApplianceConfig config;
  private final SteppedWallClock clock =
      new SteppedWallClock(Instant.parse("2026-11-23T09:00:00Z"));

  @BeforeEach
  void configure() throws Exception {
    config =
        ApplianceConfig.from(
            Map.of(
                "data.dir", dir.resolve("data").toString(),
                "classroom.name", "Year 6 Oak",
                "devices.class.staff-owned.access", "none"),
            HOST);
  }

  private String run(int expectedStatus, String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        new DevicesCommand(config, clock, new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .run(List.of(args));
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(expectedStatus, status, output);
    return output;
  }

  @Test
  void approveListBlockAndForget() throws Exception {
    String approved =
        run(0, "approve", "DA:A1:19:0B:33:7C", "staff-owned", "--name", "Mr Jones's phone");
    assertTrue(
        approved.startsWith(
            "approved as staff-owned (NONE access, profile staff): approved    staff-owned"
                + "        da:a1:19:0b:33:7c randomised  \"Mr Jones's phone\"  never seen\n"),
        approved);
    assertTrue(approved.contains("note: da:a1:19:0b:33:7c is a randomised (private) address"));
    run(0, "approve", "00:1b:63:84:45:e6", "school-shared");

    String list = run(0, "list");
    assertEquals(
        "Year 6 Oak: 2 devices, 0 waiting for a teacher, 0 quarantine events so far\n"
            + "approved    staff-owned        da:a1:19:0b:33:7c randomised  \"Mr Jones's phone\"  never seen\n"
            + "approved    school-shared      00:1b:63:84:45:e6             (no name)  never seen\n",
        list);
    assertEquals(
        "Year 6 Oak: 2 devices, 0 waiting for a teacher, 0 quarantine events so far\n",
        run(0, "pending"));

    assertTrue(
        run(0, "block", "00:1b:63:84:45:e6").startsWith("blocked: blocked     school-shared"));
    assertEquals(
        "forgotten: 00:1b:63:84:45:e6 (seen again, it will wait for a teacher)\n",
        run(0, "forget", "00:1b:63:84:45:e6"));
    assertEquals(
        "no device 00:1b:63:84:45:e6 in the registry\n", run(1, "forget", "00:1b:63:84:45:e6"));
  }

  @Test
  void hostileTextFromAFileIsStoredButPrintedEscaped() throws Exception {
    Path csv = dir.resolve("devices.csv");
    Files.writeString(
        csv,
        "mac,class,name,notes\n"
            + "00:1b:63:84:45:e6,school-shared,\"\u001b[2JiPad \u202Egnp.exe\",\"line one\nline two\"\n",
        StandardCharsets.UTF_8);
    assertEquals("imported 1 devices (1 new)\n", run(0, "import", csv.toString()));
    String list = run(0, "list");
    assertTrue(list.contains("\"\\u001b[2JiPad \\u202egnp.exe\""), list);
    assertTrue(list.contains("notes \"line one\\u000aline two\""), list);
    for (char c : list.toCharArray()) {
      assertTrue(c == '\n' || (c >= 0x20 && c != 0x7f), () -> "raw control character in " + list);
    }
    assertFalse(list.contains("\u202e"));
  }

  @Test
  void aBadImportReportsEveryLineAndImportsNothing() throws Exception {
    Path csv = dir.resolve("devices.csv");
    Files.writeString(
        csv,
        "mac,class,name\n"
            + "00:1b:63:84:45:e6,school-shared,good\n"
            + "00:1b:63:84:45:zz,school-shared,bad mac\n"
            + "00:1b:63:84:45:e7,teachers,bad class\n");
    String output = run(1, "import", csv.toString());
    assertEquals(
        "devices.csv: line 3: not a MAC address: '00:1b:63:84:45:zz' (six hex octets such as"
            + " 02:00:5e:10:00:01)\n"
            + "devices.csv: line 4: unknown class 'teachers'; the classes are school-single-user,"
            + " school-shared, authorised, pupil-owned, staff-owned, visitor-owned\n"
            + "nothing imported: 2 problems\n",
        output);
    assertTrue(run(0, "list").startsWith("Year 6 Oak: 0 devices"));
  }

  @Test
  void badCommandLinesAreUsageErrors() {
    for (String[] args :
        List.of(
            new String[] {"approve", "00:1b:63:84:45:e6"},
            new String[] {"approve", "00:1b:63:84:45:e6", "teachers"},
            new String[] {"approve", "not-a-mac", "school-shared"},
            new String[] {"approve", "01:00:5e:00:00:01", "school-shared"},
            new String[] {"approve", "00:1b:63:84:45:e6", "school-shared", "--name"},
            new String[] {"block", "00:1b:63:84:45:e6", "--name", "x"},
            new String[] {"list", "extra"},
            new String[] {"reboot"})) {
      assertThrows(Cli.UsageException.class, () -> run(0, args), String.join(" ", args));
    }
  }
}
