package org.classgate.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.classgate.app.Appliance;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.console.auth.Accounts;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.console.auth.PasswordPolicy;
import org.classgate.console.auth.Role;
import org.classgate.console.auth.Totp;
import org.classgate.console.store.SqliteAccountStore;
import org.classgate.control.ControlClient;
import org.classgate.store.Database;
import org.classgate.testing.Dig;
import org.classgate.testing.FreePorts;
import org.classgate.testing.RawDnsClient;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The incident pages in Debian's headless Chromium against a whole running appliance (real DNS on
 * loopback with unbound upstream, the simulated panel, the console): the 57 hostile payloads go out
 * as real DNS queries (arbitrary bytes in labels, through the raw client), land in the activity
 * ring, and the simulated button's press puts them in an incident's snapshot; a teacher
 * acknowledges the press in the console and the LED leaves its waiting pattern; a DSL opens the
 * incident (nothing executes, every name shown verbatim), reviews it and closes it; a governor sees
 * only the termly report.
 */
class IncidentsBrowserIT {
  private static final String PASSWORD = "Lesson-Plan-42";

  /** Names under this domain are on the test's pornography list: blocked, and alerted. */
  private static final String BLOCKED_ZONE = "xss.blocked.test";

  @TempDir Path dir;

  @Test
  void pressAcknowledgeReviewCloseAndHostileNamesThatNeverRun() throws Exception {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromedriver")), "needs chromium-driver");
    List<String> payloads = ConsoleBrowser.hostilePayloads();
    assertEquals(57, payloads.size());
    try (UnboundUpstream upstream = UnboundUpstream.startDefault()) {
      int dnsPort = FreePorts.udpAndTcp();
      int consolePort = freeTcpPort();
      ApplianceConfig config = config(dnsPort, consolePort, upstream.address());
      try (Appliance appliance = Appliance.start(config, Clock.systemUTC(), System::nanoTime)) {
        createUsers(config.dataDir());
        Map<String, String> shown = sendHostileQueries(dnsPort, payloads);
        Path socket = config.dataDir().resolve("control.sock");
        String press = ControlClient.send(socket, "panel-press", List.of());
        assertTrue(press.startsWith("incident 1 press 1 "), press);
        String waiting = awaitPanel(socket, "pattern=WAITING_FOR_STAFF");
        assertTrue(waiting.contains("awaiting-staff=yes report=1"), waiting);

        try (ConsoleBrowser browser = new ConsoleBrowser("http://127.0.0.1:" + consolePort)) {
          teacherAcknowledges(browser, socket);
          dslReviewsAndCloses(browser, shown, payloads);
          governorSeesOnlyTheTermlyReport(browser);
        }
      }
    }
  }

  private void teacherAcknowledges(ConsoleBrowser browser, Path socket) throws Exception {
    browser.signInReady("tess", PASSWORD);
    browser.openPage("incidents");
    WebElement acknowledge =
        browser.until.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("button[data-acknowledge='1']")));
    String row = acknowledge.findElement(By.xpath("./ancestor::tr")).getText();
    assertTrue(row.contains("Report button (1 press)"), row);
    assertTrue(
        browser.all("button[data-open]").isEmpty(), "a teacher cannot open an incident's snapshot");
    acknowledge.click();
    browser.message("Incident 1 is acknowledged.");
    String after = awaitPanel(socket, "awaiting-staff=no");
    assertFalse(after.contains("WAITING_FOR_STAFF"), after);
    assertTrue(
        after.contains("pattern=HEALTHY") || after.contains("pattern=DEGRADED"), "LED: " + after);
    assertFalse(browser.scriptRan());
    browser.signOut();
  }

  private void dslReviewsAndCloses(
      ConsoleBrowser browser, Map<String, String> shown, List<String> payloads) throws Exception {
    browser.signInReady("dina", PASSWORD);
    browser.openPage("incidents");
    browser
        .until
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-open='1']")))
        .click();
    browser.visible("snapshot");
    assertFalse(browser.scriptRan(), "opening the snapshot ran a payload");

    Set<String> names = new HashSet<>();
    int blockedRows = 0;
    for (WebElement tr : browser.all("#snapshot tbody tr")) {
      List<WebElement> cells = tr.findElements(By.tagName("td"));
      names.add(cells.get(2).getText());
      if (tr.getAttribute("class").contains("blocked")) {
        blockedRows++;
        assertTrue(cells.get(3).getText().startsWith("\u26D4 Blocked"), tr.getText());
      }
    }
    assertTrue(blockedRows >= payloads.size() / 2, "blocked rows marked: " + blockedRows);
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      String expected = shown.get(payloads.get(i));
      if (!names.contains(expected)) {
        missing.add(expected);
        continue;
      }
      // Verbatim: undoing the RFC 4343 escapes of what the page shows gives the payload's bytes.
      assertArrayEquals(
          payloads.get(i).getBytes(StandardCharsets.UTF_8),
          payloadBytes(expected, "." + zone(i)),
          expected);
    }
    assertEquals(List.of(), missing, "names shown: " + names);

    fillReview(browser, "Dina Shah", "dina shah ");
    browser.submit("#review-form");
    browser.message("two different reviewing people");
    fillReview(browser, "Dina Shah", "Harry Jones");
    browser.submit("#review-form");
    browser.message("The review is recorded.");
    assertEquals("Under review", browser.text("incident-status"));
    browser.type("#action-form", "what", "Parents phoned");
    new org.openqa.selenium.support.ui.Select(
            browser.driver.findElement(By.cssSelector("#action-form select[name='action']")))
        .selectByValue("inform-parents");
    browser.submit("#action-form");
    browser.message("The action is recorded.");
    browser.type("#close-form", "conclusion", "Names added to the block list");
    browser.submit("#close-form");
    browser.message("The incident is closed.");
    assertEquals("Closed", browser.text("incident-status"));
    String detail = browser.text("incident-detail");
    assertTrue(detail.contains("Inform parents / carers"), detail);
    assertTrue(detail.contains("Harry Jones, Headteacher"), detail);
    assertTrue(detail.contains("Names added to the block list"), detail);

    browser.openPage("alerts");
    browser.until.until(d -> !browser.all("button[data-how='acknowledge']").isEmpty());
    assertTrue(browser.text("page").contains("Report button"), "the press is an alert for the DSL");
    assertFalse(browser.scriptRan(), "the alerts page ran a payload");
    browser.openPage("reports");
    browser.visible("weekly-text");
    assertFalse(browser.scriptRan(), "the weekly report ran a payload");
    browser.signOut();
  }

  private static void fillReview(ConsoleBrowser browser, String first, String second) {
    browser.type("#review-form", "group", "Year 6");
    browser.type("#review-form", "reason", "A pupil pressed the report button");
    browser.type("#review-form", "firstName", first);
    browser.type("#review-form", "firstPosition", "Designated Safeguarding Lead");
    browser.type("#review-form", "secondName", second);
    browser.type("#review-form", "secondPosition", "Headteacher");
    browser.type("#review-form", "reviewDevice", "Office PC, room 2");
    browser.type("#review-form", "site1", BLOCKED_ZONE);
    browser.type("#review-form", "reason1", "script in the names");
  }

  private void governorSeesOnlyTheTermlyReport(ConsoleBrowser browser) throws Exception {
    browser.signInReady("gwen", PASSWORD);
    browser.until.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#page[data-page='reports']")));
    List<String> menu = new ArrayList<>();
    for (WebElement link : browser.all("nav a")) {
      menu.add(link.getText());
    }
    assertEquals(List.of("Reports"), menu);
    browser.visible("termly-blocks");
    assertTrue(browser.all("#weekly").isEmpty(), "the weekly report is not for governors");
    assertTrue(
        browser.text("termly-blocks").contains("pornography"), browser.text("termly-blocks"));
    assertEquals(
        2, browser.all("#termly .uplot").size(), "uPlot, from its webjar, drew both charts");
    assertFalse(browser.scriptRan());
  }

  /**
   * Sends every payload as a real DNS query: its UTF-8 bytes as labels of at most 63 bytes (RFC
   * 1035 §2.3.4), under a blocked or an allowed test domain in turn, written byte for byte by the
   * raw client (a dig command line cannot carry spaces or dots inside a label).
   *
   * @return payload → the name as the console should show it (RFC 4343 presentation form)
   */
  private static Map<String, String> sendHostileQueries(int port, List<String> payloads)
      throws Exception {
    Map<String, String> shown = new HashMap<>();
    for (int i = 0; i < payloads.size(); i++) {
      byte[] bytes = payloads.get(i).getBytes(StandardCharsets.UTF_8);
      List<byte[]> labels = new ArrayList<>();
      for (int at = 0; at < bytes.length; at += 63) {
        labels.add(java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 63)));
      }
      String zone = zone(i);
      for (String label : zone.split("\\.")) {
        labels.add(label.getBytes(StandardCharsets.US_ASCII));
      }
      Optional<byte[]> answer =
          RawDnsClient.udp(port, query(0x4000 + i, labels), Duration.ofSeconds(3));
      assertTrue(answer.isPresent(), "the box answered payload " + i);
      StringBuilder text = new StringBuilder();
      for (byte[] label : labels.subList(0, labels.size() - zone.split("\\.").length)) {
        text.append(escaped(label)).append('.');
      }
      shown.put(payloads.get(i), text + zone);
    }
    return shown;
  }

  /** Payload {@code i}'s own domain: every other one under the blocked zone. */
  private static String zone(int i) {
    return "p" + i + "." + (i % 2 == 0 ? BLOCKED_ZONE : UnboundUpstream.ALLOWED_ZONE);
  }

  private static byte[] query(int id, List<byte[]> labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
    for (byte[] label : labels) {
      out.write(label.length);
      out.writeBytes(label);
    }
    out.writeBytes(new byte[] {0, 0, 1, 0, 1});
    return out.toByteArray();
  }

  /**
   * RFC 4343 §2.1 presentation of one label, written here independently of the box's code: the
   * special characters get a backslash, bytes that are not printable ASCII become {@code \DDD}.
   */
  private static String escaped(byte[] label) {
    StringBuilder text = new StringBuilder();
    for (byte signed : label) {
      int b = signed & 0xFF;
      if ("\\.\";()".indexOf(b) >= 0) {
        text.append('\\').append((char) b);
      } else if (b <= 0x20 || b >= 0x7F) {
        text.append(String.format("\\%03d", b));
      } else {
        text.append((char) b);
      }
    }
    return text.toString();
  }

  /** The payload's bytes back from a shown name: its labels before {@code suffix}, unescaped. */
  private static byte[] payloadBytes(String shownName, String suffix) {
    assertTrue(shownName.endsWith(suffix), shownName);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int end = shownName.length() - suffix.length();
    for (int i = 0; i < end; i++) {
      char c = shownName.charAt(i);
      if (c == '\\') {
        char next = shownName.charAt(i + 1);
        if (Character.isDigit(next)) {
          out.write(Integer.parseInt(shownName.substring(i + 1, i + 4)));
          i += 3;
        } else {
          out.write(next);
          i += 1;
        }
      } else if (c != '.') {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  /** Waits (deadline 10 s) until the panel's status line contains {@code text}. */
  private static String awaitPanel(Path socket, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String status = "";
    while (System.nanoTime() < deadline) {
      status = ControlClient.send(socket, "panel-status", List.of());
      if (status.contains(text)) {
        return status;
      }
      Thread.sleep(50); // polling the running box with a deadline, not timing an assertion
    }
    throw new AssertionError("the panel never showed " + text + ": " + status);
  }

  private ApplianceConfig config(int dnsPort, int consolePort, String upstream) throws Exception {
    Files.writeString(dir.resolve("pornography.txt"), BLOCKED_ZONE + "\n");
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", dir.resolve("data").toString());
    raw.put("dns.listen", "127.0.0.1:" + dnsPort);
    raw.put("dns.upstream", upstream);
    raw.put("dns.allowed-clients", "127.0.0.0/8");
    raw.put("lists.pornography", dir.resolve("pornography.txt").toString());
    raw.put("profile.pupil.block", "pornography");
    raw.put("panel.mode", "simulated");
    raw.put("classroom.name", "Year 6 Birch");
    raw.put("health.clock-sync", "assumed");
    raw.put("console.listen", "127.0.0.1:" + consolePort);
    // Plain HTTP on loopback, as dev mode serves it: ConsoleHttpsIT covers TLS.
    raw.put("console.tls", "off");
    return ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("none")));
  }

  /** The console's users, made in the box's database as an administrator would. */
  private static void createUsers(Path dataDir) throws Exception {
    try (Database database = Database.open(dataDir)) {
      SecureRandom random = new SecureRandom();
      Clock clock = Clock.systemUTC();
      Accounts accounts =
          new Accounts(
              new SqliteAccountStore(database),
              // A cheap cost: the pages are under test, not the hash (PasswordHasherTest).
              new PasswordHasher(new PasswordHasher.Cost(256, 1, 1), random),
              new PasswordPolicy(Duration.ofDays(90)),
              new Totp(clock),
              clock,
              random);
      accounts.setUp("tom", Role.TECHNICIAN, PASSWORD, "test");
      for (Map.Entry<String, Role> user :
          Map.of("tess", Role.TEACHER, "dina", Role.DSL, "gwen", Role.GOVERNOR).entrySet()) {
        String temporary = accounts.create("tom", user.getKey(), user.getValue(), "test");
        accounts.changePassword(user.getKey(), temporary, PASSWORD, "test");
      }
    }
  }

  private static int freeTcpPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
