package org.classgate.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, with the few moves the console's
 * browser tests make: sign in, open a page from the menu, fill and submit a form, wait for text.
 * Every wait has a deadline (20 s); nothing sleeps. One test at a time; close it after.
 */
final class ConsoleBrowser implements AutoCloseable {
  final WebDriver driver;
  final WebDriverWait until;
  private final String baseUrl;

  ConsoleBrowser(String baseUrl) {
    this(baseUrl, List.of());
  }

  /**
   * @param arguments more Chromium arguments, e.g. {@code
   *     --ignore-certificate-errors-spki-list=<pin>} to trust exactly the box's self-signed key
   */
  ConsoleBrowser(String baseUrl, List<String> arguments) {
    this.baseUrl = baseUrl;
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
    options.addArguments(arguments);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    until = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /** Loads the console's front page. */
  void open() {
    driver.get(baseUrl + "/");
  }

  void signIn(String user, String password) {
    visible("login");
    type("#login-form", "user", user);
    type("#login-form", "password", password);
    submit("#login-form");
  }

  /** Signs in a ready user (no TOTP); waits for the menu. */
  void signInReady(String user, String password) {
    open();
    signIn(user, password);
    visible("home");
  }

  void signOut() {
    until.until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
    visible("login");
  }

  /** Clicks the menu link of page {@code id} and waits until the page has rendered. */
  void openPage(String id) {
    until
        .until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("nav a[href='#/" + id + "']")))
        .click();
    until.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#page[data-page='" + id + "']")));
  }

  void visible(String id) {
    until.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  void type(String form, String field, String value) {
    WebElement input =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(form + " [name='" + field + "']")));
    input.clear();
    input.sendKeys(value);
  }

  void submit(String form) {
    driver.findElement(By.cssSelector(form + " button[type='submit']")).click();
  }

  /** Waits until the page's message line contains {@code text}. */
  void message(String text) {
    until.until(d -> text("message").contains(text));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /**
   * Whether anything a hostile payload could have run did run: the payload corpus sets {@code
   * window.__xss} or opens an alert when it executes.
   */
  boolean scriptRan() {
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

  Object script(String asyncScript) {
    return ((JavascriptExecutor) driver).executeAsyncScript(asyncScript);
  }

  /**
   * The hostile corpus (at least 50 lines): script in every context a page could put text into.
   * Each payload, if it ever ran, sets {@code window.__xss} or opens an alert.
   */
  static List<String> hostilePayloads() throws IOException {
    try (InputStream in = ConsoleBrowser.class.getResourceAsStream("xss-payloads.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank())
          .toList();
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
