package org.classgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.app.Appliance;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.console.auth.Accounts;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.console.auth.PasswordPolicy;
import org.classgate.console.auth.Role;
import org.classgate.console.auth.Totp;
import org.classgate.console.store.SqliteAccountStore;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.DeviceEvent;
import org.classgate.devices.MacAddress;
import org.classgate.devices.store.SqliteDeviceRegistry;
import org.classgate.store.Database;
import org.classgate.testing.Dig;
import org.classgate.testing.DigResult;
import org.classgate.testing.FreePorts;
import org.classgate.testing.Outboxes;
import org.classgate.testing.UnboundUpstream;
import org.classgate.time.BootId;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;
import org.classgate.tls.CertificatePin;
import org.classgate.tls.PinnedTrust;
import org.classgate.tls.TlsIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The whole box as {@code classgate run} builds it (real DNS chain to a real unbound, real SQLite,
 * the console on HTTPS with the box's own certificate) in Debian's headless Chromium, which trusts
 * exactly the box's key pin: the dashboard draws its uPlot chart of today's blocks, the live class
 * view shows a blocked query made with the real {@code dig} from a registered pupil's tablet
 * (127.0.0.5) and marks it, then picks up a new one by itself; the self-test runs and shows its
 * failed expectation highlighted. A device name carrying script never runs.
 */
class ConsoleCoreBrowserIT {
  private static final String OFFICER = "olivia";
  private static final String PASSWORD = "Safe-Lessons-24";
  private static final String TABLET_ADDRESS = "127.0.0.5";
  private static final String TABLET_NAME = "Amira's tablet <img src=x onerror=\"window.__xss=1\">";

  @TempDir Path dir;
  private UnboundUpstream upstream;
  private Appliance appliance;
  private ConsoleBrowser browser;
  private int dnsPort;
  private int consolePort;
  private CertificatePin pin;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    upstream = UnboundUpstream.builder().start();
    Path list = dir.resolve("gambling.txt");
    Files.writeString(list, "bet.example\ncasino.example\n");
    dnsPort = FreePorts.udpAndTcp();
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      consolePort = probe.getLocalPort();
    }
    Path data = dir.resolve("data");
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", data.toString());
    raw.put("dns.listen", "127.0.0.1:" + dnsPort);
    raw.put("dns.upstream", upstream.address());
    raw.put("dns.allowed-clients", "127.0.0.0/8");
    raw.put("dns.rate-limit", "0");
    raw.put("lists.gambling", list.toString());
    raw.put("lists.demo", "builtin:demo");
    raw.put("profile.pupil.block", "gambling,demo");
    raw.put("profile.pupil.safesearch", "strict");
    raw.put("profile.staff.block", "");
    raw.put("activity.flush-interval", "200ms");
    raw.put("console.listen", "127.0.0.1:" + consolePort);
    raw.put("console.tls-names", "127.0.0.1");
    raw.put("console.self-test.gambling", "bet.example");
    // The demo list stands in for an adult list: the staff profile blocks nothing, so the check
    // fails for it and the page must show that.
    raw.put("console.self-test.adult", "www.demo-blocked.classgate.test");
    ApplianceConfig config =
        ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("no-resolv.conf")));
    appliance = Appliance.start(config, Clock.systemUTC(), System::nanoTime);
    pin =
        TlsIdentity.loadOrCreate(
                data.resolve("console-tls.p12"), List.of("unused"), new SecureRandom())
            .pin();
    prepareAccountsAndTablet(data);
    browser =
        new ConsoleBrowser(
            consoleUrl(),
            List.of("--ignore-certificate-errors-spki-list=" + pin.toString().substring(7)));
  }

  /** The officer's account and the pupil's tablet, written as the CLI would: another connection. */
  private void prepareAccountsAndTablet(Path data) throws Exception {
    try (Database database = Database.open(data)) {
      SecureRandom random = new SecureRandom();
      Accounts accounts =
          new Accounts(
              new SqliteAccountStore(database),
              new PasswordHasher(new PasswordHasher.Cost(256, 1, 1), random),
              new PasswordPolicy(Duration.ofDays(90)),
              new Totp(Clock.systemUTC()),
              Clock.systemUTC(),
              random);
      accounts.setUp("tom", Role.TECHNICIAN, "Network-Box-7", "test");
      String temporary = accounts.create("tom", OFFICER, Role.ONLINE_SAFETY_OFFICER, "test");
      accounts.changePassword(OFFICER, temporary, PASSWORD, "test");
      SqliteDeviceRegistry registry =
          new SqliteDeviceRegistry(
              database,
              new TrustedTime(
                  new SqliteSequences(database),
                  BootId.current(),
                  System::nanoTime,
                  Clock.systemUTC(),
                  ClockSync.ASSUMED),
              Outboxes.of(database));
      MacAddress tablet = MacAddress.parse("02:00:00:00:00:05");
      registry.approve(tablet, DeviceClass.PUPIL_OWNED, TABLET_NAME, "tess (teacher)");
      registry.record(
          new DeviceEvent(
              DeviceEvent.Kind.LEASE_ADDED,
              tablet,
              InetAddress.getByName(TABLET_ADDRESS),
              "tablet-5"));
    }
  }

  private String consoleUrl() {
    return "https://127.0.0.1:" + consolePort;
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (appliance != null) {
      appliance.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  /**
   * Asks {@code name} from the tablet until the box has taken in its registration (within its
   * device refresh period): the live view then names the tablet. Waits with a deadline.
   */
  private void blockedFromTablet(String name, ConsoleHttp api) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      DigResult result = Dig.at(dnsPort).from(TABLET_ADDRESS).query(name);
      assertEquals("NOERROR", result.status(), result::raw);
      assertEquals(List.of("0.0.0.0"), result.answerData("A"), result::raw);
      HttpResponse<String> live = api.send("GET", "/api/live", (Map<String, ?>) null);
      if (live.body().contains("tablet <img") && live.body().contains(name)) {
        return;
      }
      assertTrue(
          System.nanoTime() < deadline, "the live view never named the tablet: " + live.body());
      Thread.sleep(200); // between polls of a condition, not in an assertion
    }
  }

  /** Waits (with a deadline) until today's blocks reach the daily statistics (batched writes). */
  private void waitForDailyBlocks(ConsoleHttp api) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      HttpResponse<String> dashboard = api.send("GET", "/api/dashboard", (Map<String, ?>) null);
      if (dashboard.body().contains("\"category\":\"gambling\"")) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "no blocks counted: " + dashboard.body());
      Thread.sleep(200); // between polls of a condition, not in an assertion
    }
  }

  @Test
  void dashboardChartLiveBlockedQueryAndSelfTest() throws Exception {
    ConsoleHttp api = new ConsoleHttp(consoleUrl(), PinnedTrust.clientContext(pin));
    assertEquals(
        200,
        api.send("POST", "/api/session", Map.of("user", OFFICER, "password", PASSWORD))
            .statusCode());
    blockedFromTablet("bet.example", api);
    waitForDailyBlocks(api);

    browser.signInReady(OFFICER, PASSWORD);
    browser.until.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#page[data-page='dashboard']")));
    browser.until.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#blocks-chart canvas")));
    assertTrue(browser.text("dash-blocks").contains("gambling"), browser.text("dash-blocks"));
    assertTrue(browser.text("dash-health").contains("Health"));
    assertEquals("Dashboard", browser.all("nav a").get(0).getText(), "first in the menu");

    browser.openPage("live");
    WebElement blocked =
        browser.until.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("li.query.blocked[data-name='bet.example']")));
    assertTrue(blocked.getText().contains("BLOCKED"), "marked in words, not colour alone");
    WebElement card =
        blocked.findElement(By.xpath("ancestor::section[contains(@class,'live-device')]"));
    assertTrue(card.getText().contains(TABLET_NAME), card.getText());
    assertTrue(card.getText().contains("pupil-owned"), card.getText());

    // A new look-up shows up by itself: the page refreshes while it is open.
    Dig.at(dnsPort).from(TABLET_ADDRESS).query("casino.example");
    browser.until.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("li.query.blocked[data-name='casino.example']")));

    browser.openPage("self-test");
    browser.until.until(ExpectedConditions.elementToBeClickable(By.id("run-self-test"))).click();
    browser.until.until(ExpectedConditions.presenceOfElementLocated(By.id("self-test-summary")));
    assertTrue(
        browser.text("self-test-summary").contains("FAILED"), browser.text("self-test-summary"));
    // Two real gaps of this configuration: the demo "adult" name is open to staff, and no
    // circumvention list blocks the DNS-over-HTTPS resolver for pupils.
    List<String> failed =
        browser.all("#self-test-latest tr.failed").stream().map(WebElement::getText).toList();
    assertEquals(2, failed.size(), failed.toString());
    assertTrue(
        failed.stream().anyMatch(row -> row.contains("Adult site") && row.contains("staff")),
        failed.toString());
    assertTrue(
        failed.stream().anyMatch(row -> row.contains("dns.google") && row.contains("pupil")),
        failed.toString());
    assertTrue(failed.stream().allMatch(row -> row.contains("FAILED")), "in words too");
    assertTrue(browser.text("self-test-latest").contains("Passed"));
    assertTrue(browser.text("self-test-history").contains(OFFICER));
    assertTrue(appliance.health().summary().contains("self-test"), appliance.health().summary());
    assertFalse(browser.scriptRan(), "the device name's script never ran");
  }
}
