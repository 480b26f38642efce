package org.classgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.console.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in Debian's headless Chromium, driven by Selenium through Debian's chromedriver,
 * against the real server on a random loopback port: first-run setup, TOTP enrolment and login,
 * forced password change, lockout and unlock, CSRF refusal, and 57 hostile payloads shown in the
 * log-in record that never execute.
 */
class ConsoleBrowserIT {
  private static final String ADMIN = "tom";
  private static final String ADMIN_PASSWORD = "Network-Box-7";

  @TempDir Path dir;
  private ConsoleFixture fixture;
  private WebDriver browser;
  private WebDriverWait until;

  @BeforeEach
  void start() throws Exception {
    // A cheap Argon2 cost: the browser flow, not the hash, is under test (PasswordHasherTest).
    fixture = new ConsoleFixture(dir, new PasswordHasher.Cost(256, 1, 1));
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    until = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    fixture.close();
  }

  @Test
  void setupTotpTemporaryPasswordLockoutAndUnlock() {
    browser.get(fixture.consoleUrl() + "/");
    visible("setup");
    type("#setup-form", "user", ADMIN);
    type("#setup-form", "password", ADMIN_PASSWORD);
    submit("#setup-form");
    visible("login");

    signIn(ADMIN, ADMIN_PASSWORD);
    visible("enrol");
    String secret = until.until(d -> text("enrol-secret").isEmpty() ? null : text("enrol-secret"));
    type("#enrol-form", "code", fixture.totp.codeNow(secret));
    submit("#enrol-form");
    visible("users");

    type("#user-form", "user", "tess");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("user-role")))
        .selectByValue("teacher");
    submit("#user-form");
    visible("temporary");
    String temporary = text("temporary-password");
    signOut();

    signIn("tess", temporary);
    visible("password");
    type("#password-form", "current", temporary);
    type("#password-form", "password", "tess");
    submit("#password-form");
    until.until(d -> text("message").contains("not accepted"));
    type("#password-form", "current", temporary);
    type("#password-form", "password", "Reading-Corner-3");
    submit("#password-form");
    visible("home");
    until.until(d -> browser.findElement(By.id("users")).getAttribute("hidden") != null);
    signOut();

    for (int attempt = 1; attempt <= 6; attempt++) {
      signIn("tess", "Wrong-guess-" + attempt);
      int n = attempt;
      until.until(d -> text("message").contains(n < 6 ? "wrong user name" : "locked"));
    }
    signIn("tess", "Reading-Corner-3");
    until.until(d -> text("message").contains("locked"));

    signIn(ADMIN, ADMIN_PASSWORD);
    visible("totp");
    type("#totp-form", "code", fixture.freshCodeFor(secret));
    submit("#totp-form");
    visible("users");
    until
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-user='tess']")))
        .click();
    until.until(d -> browser.findElements(By.cssSelector("button[data-user='tess']")).isEmpty());
    signOut();

    signIn("tess", "Reading-Corner-3");
    visible("home");
    assertEquals("tess (teacher)", text("who"));
  }

  @Test
  void aStateChangeWithoutTheCsrfTokenIsRefusedInTheBrowser() throws Exception {
    fixture.createUserPerRole();
    browser.get(fixture.consoleUrl() + "/");
    signIn(ConsoleFixture.userFor(Role.TEACHER), ConsoleFixture.PASSWORD);
    visible("home");
    Object status =
        ((org.openqa.selenium.JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/api/password', {method: 'POST', headers: {'Content-Type':"
                    + " 'application/json'}, body: JSON.stringify({current: 'x', password: 'y'})})"
                    + ".then(r => done(r.status), e => done(String(e)));");
    assertEquals(403L, status);
  }

  @Test
  void hostileUserNamesInTheLogInRecordNeverExecute() throws Exception {
    fixture.createUserPerRole();
    List<String> payloads = payloads();
    assertTrue(payloads.size() >= 50, "at least 50 payloads: " + payloads.size());
    ConsoleHttp attacker = new ConsoleHttp(fixture.consoleUrl());
    for (String payload : payloads) {
      attacker.send("POST", "/api/session", Map.of("user", payload, "password", "x"));
    }
    browser.get(fixture.consoleUrl() + "/");
    signIn(ConsoleFixture.userFor(Role.TECHNICIAN), ConsoleFixture.PASSWORD);
    visible("totp");
    type("#totp-form", "code", fixture.freshCode(Role.TECHNICIAN));
    submit("#totp-form");
    visible("record");
    List<WebElement> users =
        until.until(
            d -> {
              List<WebElement> cells =
                  d.findElements(By.cssSelector("#record-rows td:nth-child(2)"));
              return cells.size() >= payloads.size() ? cells : null;
            });
    List<String> shown = users.stream().map(WebElement::getText).toList();
    for (String payload : payloads) {
      assertTrue(
          shown.contains(payload.strip()), "shown verbatim as text: " + payload + " in " + shown);
    }
    assertEquals(
        0,
        browser
            .findElements(
                By.cssSelector(
                    "#record-rows img, #record-rows svg, #record-rows iframe, #record-rows script,"
                        + " #record-rows a, #record-rows input, #record-rows object"))
            .size(),
        "no markup from a payload became an element");
    assertNull(
        ((org.openqa.selenium.JavascriptExecutor) browser)
            .executeScript("return window.__xss === undefined ? null : window.__xss;"));
    try {
      browser.switchTo().alert();
      throw new AssertionError("an alert opened");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
  }

  private static List<String> payloads() throws IOException {
    try (InputStream in = ConsoleBrowserIT.class.getResourceAsStream("xss-payloads.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank())
          .toList();
    }
  }

  private void signIn(String user, String password) {
    visible("login");
    type("#login-form", "user", user);
    type("#login-form", "password", password);
    submit("#login-form");
  }

  private void signOut() {
    until.until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
    visible("login");
  }

  private void visible(String id) {
    until.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private void type(String form, String field, String value) {
    WebElement input =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(form + " [name='" + field + "']")));
    input.clear();
    input.sendKeys(value);
  }

  private void submit(String form) {
    browser.findElement(By.cssSelector(form + " button[type='submit']")).click();
  }
}
