package org.classgate.hub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.classgate.console.auth.Accounts;
import org.classgate.console.auth.Role;
import org.classgate.console.auth.Totp;
import org.classgate.sync.RecordKind;
import org.classgate.sync.payload.AlertPayload;
import org.classgate.sync.payload.IncidentPayload;
import org.classgate.time.Stamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Hostile text from a box (its classroom name, incident descriptions, snapshot query names, alert
 * details, change-log subjects) shown by Debian's headless Chromium on the hub's pages: it appears
 * as text and never runs. The payloads are the box console's corpus (each sets {@code window.__xss}
 * or opens an alert if it ever executes).
 */
class HubViewsBrowserIT {
  static final String PASSWORD = "Corr3ct-Horse-Battery";

  @TempDir Path hubDir;
  @TempDir Path boxDir;

  static List<String> payloads() throws Exception {
    return Files.readAllLines(
            Path.of("../appliance/src/test/resources/org/classgate/console/xss-payloads.txt"))
        .stream()
        .filter(line -> !line.isBlank())
        .toList();
  }

  @Test
  void hostileTextFromBoxesIsShownAsTextAndNeverRuns() throws Exception {
    List<String> hostile = payloads();
    assertTrue(hostile.size() >= 50, "the corpus");
    String classroom =
        hostile.stream()
            .filter(p -> p.length() <= 200 && p.chars().noneMatch(Character::isISOControl))
            .findFirst()
            .orElseThrow();
    try (HubFixture hub = new HubFixture(hubDir);
        BoxFixture box =
            new BoxFixture(
                boxDir,
                hub.url(),
                hub.pin(),
                BoxFixture.fastSettings(64),
                Duration.ofSeconds(5),
                classroom)) {
      SchoolRecords.appendTo(box, hostile.get(1));
      Instant at = Instant.parse("2025-02-12T11:00:00Z");
      for (int i = 0; i < hostile.size(); i++) {
        String text = hostile.get(i);
        Stamp stamp = new Stamp(100 + i, "boot-1", i, at.toEpochMilli(), true);
        box.append(
            RecordKind.INCIDENT,
            new IncidentPayload(
                    100 + i,
                    "button",
                    "new",
                    text,
                    1,
                    at,
                    null,
                    at,
                    stamp,
                    text,
                    null,
                    List.of(),
                    null,
                    List.of(new IncidentPayload.SnapshotItem(at, text, text, "BLOCKED", text)),
                    0,
                    0)
                .encode());
        box.append(
            RecordKind.ALERT,
            new AlertPayload(100 + i, text, "high", text, text, text, text, at, stamp, null)
                .encode());
      }
      box.sender.start();
      java.util.UUID id = box.keys().id();
      Eventually.await(
          "the request", Duration.ofSeconds(20), () -> hub.hub.store().box(id).isPresent());
      hub.approve(box.keys().publicKeys().enrolmentCode());
      long total = SchoolRecords.RECORDS + 2L * hostile.size();
      Eventually.await("the drain", Duration.ofSeconds(60), () -> box.acknowledged() == total);

      Accounts accounts = hub.hub.accounts();
      accounts.setUp("head1", Role.HEADTEACHER, PASSWORD, "test");
      String secret = accounts.newTotpSecret();
      Totp totp = new Totp(hub.clock);
      accounts.enrolTotp("head1", secret, totp.codeNow(secret), "test");
      hub.clock.advance(Duration.ofSeconds(30));

      WebDriver driver = browser();
      try {
        WebDriverWait until = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(hub.url() + "/");
        until.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        driver.findElement(By.cssSelector("#login-form [name=user]")).sendKeys("head1");
        driver.findElement(By.cssSelector("#login-form [name=password]")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        until.until(ExpectedConditions.visibilityOfElementLocated(By.id("totp")));
        driver.findElement(By.cssSelector("#totp-form [name=code]")).sendKeys(totp.codeNow(secret));
        driver.findElement(By.cssSelector("#totp-form button[type=submit]")).click();
        until.until(ExpectedConditions.visibilityOfElementLocated(By.id("home")));

        open(driver, until, "classrooms");
        assertTrue(pageText(driver).contains(classroom), "the classroom name shows as text");
        open(driver, until, "hub-incidents");
        assertTrue(pageText(driver).contains(hostile.get(5).strip()));
        driver.findElement(By.cssSelector("button[data-incident$=':101']")).click();
        until.until(ExpectedConditions.presenceOfElementLocated(By.id("incident-detail")));
        assertTrue(driver.findElement(By.id("incident-detail")).getText().contains("BLOCKED"));
        open(driver, until, "hub-alerts");
        open(driver, until, "change-logs");
        new Select(driver.findElement(By.id("change-log-box"))).selectByValue(id.toString());
        until.until(
            ExpectedConditions.presenceOfElementLocated(By.cssSelector("#change-log table")));
        open(driver, until, "termly");
        open(driver, until, "boxes");
        assertFalse(scriptRan(driver), "no hostile payload ran");
      } finally {
        driver.quit();
      }
    }
  }

  private static WebDriver browser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    // The hub's certificate is its own (boxes pin its key); the browser is told to accept it.
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--ignore-certificate-errors");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  private static void open(WebDriver driver, WebDriverWait until, String page) {
    until
        .until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("nav a[href='#/" + page + "']")))
        .click();
    until.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#page[data-page='" + page + "']")));
    assertFalse(scriptRan(driver), "a payload ran on " + page);
  }

  private static String pageText(WebDriver driver) {
    return (String)
        ((JavascriptExecutor) driver)
            .executeScript("return document.getElementById('page').textContent;");
  }

  private static boolean scriptRan(WebDriver driver) {
    Object marker =
        ((JavascriptExecutor) driver)
            .executeScript("return window.__xss === undefined ? null : window.__xss;");
    if (marker != null) {
      return true;
    }
    try {
      driver.switchTo().alert();
      return true;
    } catch (NoAlertPresentException expected) {
      return false;
    }
  }
}
