package org.classgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.console.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

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
  private ConsoleBrowser browser;

  @BeforeEach
  void start() throws Exception {
    // A cheap Argon2 cost: the browser flow, not the hash, is under test (PasswordHasherTest).
    fixture = new ConsoleFixture(dir, new PasswordHasher.Cost(256, 1, 1));
    browser = new ConsoleBrowser(fixture.consoleUrl());
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    fixture.close();
  }

  @Test
  void setupTotpTemporaryPasswordLockoutAndUnlock() {
    browser.open();
    browser.visible("setup");
    browser.type("#setup-form", "user", ADMIN);
    browser.type("#setup-form", "password", ADMIN_PASSWORD);
    browser.submit("#setup-form");
    browser.visible("login");

    browser.signIn(ADMIN, ADMIN_PASSWORD);
    browser.visible("enrol");
    String secret =
        browser.until.until(
            d -> browser.text("enrol-secret").isEmpty() ? null : browser.text("enrol-secret"));
    browser.type("#enrol-form", "code", fixture.totp.codeNow(secret));
    browser.submit("#enrol-form");
    browser.openPage("users");

    browser.type("#user-form", "user", "tess");
    new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("user-role")))
        .selectByValue("teacher");
    browser.submit("#user-form");
    browser.visible("temporary");
    String temporary = browser.text("temporary-password");
    browser.signOut();

    browser.signIn("tess", temporary);
    browser.visible("password");
    browser.type("#password-form", "current", temporary);
    browser.type("#password-form", "password", "tess");
    browser.submit("#password-form");
    browser.until.until(d -> browser.text("message").contains("not accepted"));
    browser.type("#password-form", "current", temporary);
    browser.type("#password-form", "password", "Reading-Corner-3");
    browser.submit("#password-form");
    browser.visible("home");
    assertTrue(
        browser.driver.findElements(By.cssSelector("a[href='#/users']")).isEmpty(),
        "a teacher has no Users page");
    browser.signOut();

    for (int attempt = 1; attempt <= 6; attempt++) {
      browser.signIn("tess", "Wrong-guess-" + attempt);
      int n = attempt;
      browser.until.until(
          d -> browser.text("message").contains(n < 6 ? "wrong user name" : "locked"));
    }
    browser.signIn("tess", "Reading-Corner-3");
    browser.until.until(d -> browser.text("message").contains("locked"));

    browser.signIn(ADMIN, ADMIN_PASSWORD);
    browser.visible("totp");
    browser.type("#totp-form", "code", fixture.freshCodeFor(secret));
    browser.submit("#totp-form");
    browser.openPage("users");
    browser
        .until
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-user='tess']")))
        .click();
    browser.until.until(
        d -> browser.driver.findElements(By.cssSelector("button[data-user='tess']")).isEmpty());
    browser.signOut();

    browser.signIn("tess", "Reading-Corner-3");
    browser.visible("home");
    assertEquals("tess (teacher)", browser.text("who"));
  }

  @Test
  void aStateChangeWithoutTheCsrfTokenIsRefusedInTheBrowser() throws Exception {
    fixture.createUserPerRole();
    browser.open();
    browser.signIn(ConsoleFixture.userFor(Role.TEACHER), ConsoleFixture.PASSWORD);
    browser.visible("home");
    Object status =
        browser.script(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/api/password', {method: 'POST', headers: {'Content-Type':"
                + " 'application/json'}, body: JSON.stringify({current: 'x', password: 'y'})})"
                + ".then(r => done(r.status), e => done(String(e)));");
    assertEquals(403L, status);
  }

  @Test
  void hostileUserNamesInTheLogInRecordNeverExecute() throws Exception {
    fixture.createUserPerRole();
    List<String> payloads = ConsoleBrowser.hostilePayloads();
    assertTrue(payloads.size() >= 50, "at least 50 payloads: " + payloads.size());
    ConsoleHttp attacker = new ConsoleHttp(fixture.consoleUrl());
    for (String payload : payloads) {
      attacker.send("POST", "/api/session", Map.of("user", payload, "password", "x"));
    }
    browser.open();
    browser.signIn(ConsoleFixture.userFor(Role.TECHNICIAN), ConsoleFixture.PASSWORD);
    browser.visible("totp");
    browser.type("#totp-form", "code", fixture.freshCode(Role.TECHNICIAN));
    browser.submit("#totp-form");
    browser.openPage("users");
    browser.visible("record");
    List<WebElement> users =
        browser.until.until(
            d -> {
              List<WebElement> cells = d.findElements(By.cssSelector("#record td:nth-child(2)"));
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
            .driver
            .findElements(
                By.cssSelector(
                    "#record img, #record svg, #record iframe, #record script, #record a,"
                        + " #record input, #record object"))
            .size(),
        "no markup from a payload became an element");
    assertFalse(browser.scriptRan(), "no payload ran");
  }
}
