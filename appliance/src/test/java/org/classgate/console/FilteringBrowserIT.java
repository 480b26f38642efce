package org.classgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.classgate.app.Appliance;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.console.auth.Accounts;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.console.auth.PasswordPolicy;
import org.classgate.console.auth.Role;
import org.classgate.console.auth.Totp;
import org.classgate.console.store.SqliteAccountStore;
import org.classgate.devices.DeviceEventRejected;
import org.classgate.store.Database;
import org.classgate.testing.Dig;
import org.classgate.testing.DigResult;
import org.classgate.testing.FreePorts;
import org.classgate.testing.SteppedWallClock;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The devices and filtering pages in Debian's headless Chromium against a whole running box (DNS
 * chain with a real unbound upstream, console and block page on loopback, a stepped wall clock): a
 * device arriving through the device-event command is approved and moved to another class; a
 * pupil's "this is a mistake" is granted in three clicks and a real {@code dig} through the box
 * then gets the site, until the clock passes the expiry; another request is refused; the 57 hostile
 * payloads, sent as DHCP host names (the event path refuses them) and as block-page requests (kept
 * as text), never execute on either page. One box and one browser for the class.
 */
class FilteringBrowserIT {
  private static final String SITE = "www.quiz.allowed.test";
  private static final String TEACHER = "tess";
  private static final String PASSWORD = "Reading-Corner-3";

  @TempDir static Path dir;
  private static final SteppedWallClock CLOCK =
      new SteppedWallClock(Instant.parse("2025-03-03T09:10:00Z"));
  private static UnboundUpstream upstream;
  private static Appliance box;
  private static ConsoleBrowser browser;
  private static int dnsPort;
  private static int blockPagePort;

  @BeforeAll
  static void startBoxAndBrowser() throws Exception {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    Files.writeString(dir.resolve("games.txt"), "quiz.allowed.test\n");
    Files.writeString(dir.resolve("locked.txt"), "illegal.allowed.test\n");
    upstream = UnboundUpstream.startDefault();
    dnsPort = FreePorts.udpAndTcp();
    int consolePort = FreePorts.udpAndTcp();
    blockPagePort = FreePorts.udpAndTcp();
    ApplianceConfig config =
        ApplianceConfig.from(
            Map.of(
                "data.dir",
                dir.resolve("data").toString(),
                "dns.listen",
                "127.0.0.1:" + dnsPort,
                "dns.upstream",
                upstream.address(),
                "dns.allowed-clients",
                "127.0.0.0/8",
                "lists.games",
                dir.resolve("games.txt").toString(),
                "locked.illegal",
                dir.resolve("locked.txt").toString(),
                "profile.pupil.block",
                "games",
                "console.listen",
                "127.0.0.1:" + consolePort,
                // Plain HTTP on loopback, as dev mode serves it: ConsoleHttpsIT covers TLS.
                "console.tls",
                "off",
                "console.block-page-listen",
                "127.0.0.1:" + blockPagePort),
            new LinuxHostFacts(dir.resolve("none")));
    box = Appliance.start(config, CLOCK, System::nanoTime);
    // The accounts, as an administrator's other session would make them (another connection).
    try (Database database = Database.open(dir.resolve("data"))) {
      SecureRandom random = new SecureRandom();
      Accounts accounts =
          new Accounts(
              new SqliteAccountStore(database),
              new PasswordHasher(PasswordHasher.DEFAULT, random),
              new PasswordPolicy(Duration.ofDays(90)),
              new Totp(CLOCK),
              CLOCK,
              random);
      accounts.setUp("tom", Role.TECHNICIAN, "Network-Box-7", "test");
      String temporary = accounts.create("tom", TEACHER, Role.TEACHER, "test");
      accounts.changePassword(TEACHER, temporary, PASSWORD, "test");
    }
    browser = new ConsoleBrowser("http://127.0.0.1:" + consolePort);
    browser.signInReady(TEACHER, PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (box != null) {
      box.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void aTeacherApprovesADeviceAndChangesItsClass() throws Exception {
    String mac = "00:1b:63:84:45:e6";
    box.deviceEvents().run(List.of("dhcp", "add", mac, "10.9.0.20", "Year6-iPad"));
    browser.openPage("devices");
    WebElement waiting = browser.until.until(d -> d.findElement(By.id("devices-waiting")));
    assertTrue(waiting.getText().contains("Year6-iPad"), waiting.getText());
    new Select(browser.driver.findElement(By.id("class-" + mac))).selectByValue("school-shared");
    click("button[data-action='approve'][data-mac='" + mac + "']");
    browser.message(mac + " is approved as school-shared");
    new Select(browser.until.until(ExpectedConditions.elementToBeClickable(By.id("move-" + mac))))
        .selectByValue("staff-owned");
    click("button[data-action='class'][data-mac='" + mac + "']");
    browser.message(mac + " is now staff-owned");
    String changes = browser.text("device-changes");
    assertTrue(
        changes.contains("class-changed") && changes.contains(TEACHER + " (teacher)"), changes);
    assertTrue(
        box.devicesWaiting().stream().noneMatch(d -> d.mac().toString().equals(mac)),
        "in force at once: the box no longer has it waiting");
  }

  @Test
  void aPupilsRequestIsGrantedInThreeClicksUntilItExpiresAndAnotherIsRefused() throws Exception {
    Dig dig = Dig.at(dnsPort);
    assertEquals(List.of("0.0.0.0"), dig.query(SITE).answerData("A"), "blocked to begin with");
    mistake(SITE);
    mistake("chat.allowed.test");
    browser.driver.navigate().refresh();
    browser.visible("home");
    browser.openPage("filtering");
    WebElement grant =
        browser.until.until(
            d ->
                d.findElements(By.cssSelector("#requests tr")).stream()
                    .filter(row -> row.getText().contains(SITE))
                    .findFirst()
                    .map(row -> row.findElement(By.cssSelector("button[data-grant]")))
                    .orElse(null));
    grant.click(); // 1: the form is prefilled with the site and the pupil's profile
    assertEquals(SITE, browser.driver.findElement(By.id("unblock-domain")).getAttribute("value"));
    browser.driver.findElement(By.id("unblock-reason")).sendKeys("Y6 quiz");
    click("#unblock-form input[value='profile:pupil']"); // 2: who for
    click("#unblock-form button[data-duration='hour']"); // 3: how long, which unblocks
    browser.message(SITE + " is unblocked until");

    assertEquals(
        List.of(UnboundUpstream.ALLOWED_ADDRESS),
        awaitAnswer(dig, a -> !a.contains("0.0.0.0")).answerData("A"),
        "a real dig through the box gets the site");
    CLOCK.advance(Duration.ofMinutes(61));
    assertEquals(
        List.of("0.0.0.0"),
        awaitAnswer(dig, a -> a.contains("0.0.0.0")).answerData("A"),
        "blocked again after the hour");

    WebElement refuse =
        browser.driver.findElements(By.cssSelector("#requests tr")).stream()
            .filter(row -> row.getText().contains("chat.allowed.test"))
            .findFirst()
            .orElseThrow();
    refuse.findElement(By.cssSelector("input[name='reason']")).sendKeys("not for school");
    refuse.findElement(By.cssSelector("button[type='submit']")).click();
    browser.message("The request for chat.allowed.test is refused");
    assertFalse(browser.text("requests").contains("allowed.test"), browser.text("requests"));
  }

  @Test
  void hostilePayloadsNeverExecuteOnTheDevicesOrFilteringPages() throws Exception {
    List<String> payloads = ConsoleBrowser.hostilePayloads();
    assertTrue(payloads.size() >= 50, "at least 50 payloads: " + payloads.size());
    int refused = 0;
    for (int i = 0; i < payloads.size(); i++) {
      String mac = String.format("02:00:00:00:01:%02x", i);
      try {
        box.deviceEvents().run(List.of("dhcp", "add", mac, "10.9.1." + (i + 1), payloads.get(i)));
      } catch (DeviceEventRejected expected) {
        refused++;
      }
      mistake(payloads.get(i));
    }
    browser.driver.navigate().refresh();
    browser.visible("home");
    browser.openPage("devices");
    assertFalse(browser.scriptRan(), "no payload ran on the devices page");
    String devices = browser.text("devices-all");
    int accepted = payloads.size() - refused;
    assertEquals(
        accepted,
        payloads.stream().filter(p -> !p.isBlank() && devices.contains(p.strip())).count(),
        "host names the event path accepted are shown as text; " + refused + " were refused");
    browser.openPage("filtering");
    // Stored as the block page keeps a Host header (trimmed, lower case), shown exactly as that.
    List<String> expected = payloads.stream().map(BlockPage::hostName).distinct().toList();
    List<String> shown =
        browser.until.until(
            d -> {
              List<String> cells =
                  d.findElements(By.cssSelector("#requests td[data-column='Site']")).stream()
                      .map(cell -> cell.getAttribute("textContent"))
                      .toList();
              return cells.containsAll(expected) ? cells : null;
            });
    assertTrue(shown.size() >= expected.size(), shown.toString());
    assertEquals(
        0,
        browser
            .driver
            .findElements(
                By.cssSelector(
                    "#requests img, #requests iframe, #requests script, #requests svg, #requests object"))
            .size(),
        "no markup from a payload became an element");
    assertFalse(browser.scriptRan(), "no payload ran on the filtering page");
  }

  private static void click(String css) {
    browser.until.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  /** "I think this is a mistake" on the box's block page, from this machine (127.0.0.1). */
  private static void mistake(String host) throws Exception {
    HttpResponse<String> thanks =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + blockPagePort + BlockPage.MISTAKE_PATH))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "host=" + URLEncoder.encode(host, StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, thanks.statusCode(), thanks.body());
  }

  /** Dig until the answer is as expected, with a deadline (the change is normally at once). */
  private static DigResult awaitAnswer(Dig dig, Predicate<List<String>> expected) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    DigResult result;
    do {
      result = dig.query(SITE);
      if (expected.test(result.answerData("A"))) {
        return result;
      }
    } while (System.nanoTime() < deadline);
    throw new AssertionError("the answer never changed as expected:\n" + result.raw());
  }
}
