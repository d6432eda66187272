package io.flowline.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by Selenium, for end-to-end tests of the dashboard: Debian's {@code chromium} and
 * {@code chromium-driver} (.ci/run installs them), named explicitly so Selenium Manager never runs and nothing
 * is downloaded. Without them the test is skipped, saying why, unless {@value E2eCluster#REQUIRED_ENV}=true
 * makes that a failure, as for a missing cluster.
 */
public final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String INSTALL_HINT = "apt-get install -y chromium chromium-driver";
  /** Page loads wait for the whole document; a busy 2-core node serves slowly, but never this slowly. */
  private static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(30);
  /**
   * Selenium warns on every start that it has no DevTools (CDP) classes for this Chromium version; the tests
   * use WebDriver only, never CDP. Held here: java.util.logging keeps loggers only weakly.
   */
  private static final List<Logger> QUIETED = Stream.of("org.openqa.selenium.devtools.CdpVersionFinder",
      "org.openqa.selenium.chromium.ChromiumDriver").map(Logger::getLogger).toList();

  static {
    QUIETED.forEach(logger -> logger.setLevel(Level.SEVERE));
  }

  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private Browser(ChromeDriverService service, ChromeDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  /** Starts a fresh browser (its own temporary profile, so parallel test classes share nothing). */
  public static Browser start() {
    String missing = missingBinaries();
    if (missing != null) {
      String reason = missing + " missing: " + INSTALL_HINT;
      if (E2eCluster.required()) {
        throw new IllegalStateException(E2eCluster.REQUIRED_ENV + "=true, but " + reason);
      }
      Assumptions.abort(reason);
    }
    // Selenium consults this property before it would ask Selenium Manager for a driver; with the executable
    // given below it never gets that far, the property is a second lock on the same door.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Root in a container: no sandbox; /dev/shm is small there; no display, no GPU.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1400,1000");
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_TIMEOUT);
    return new Browser(service, driver);
  }

  /** Which of the two binaries is missing, or null when both are there. */
  static String missingBinaries() {
    StringBuilder missing = new StringBuilder();
    for (Path binary : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(binary)) {
        missing.append(missing.length() == 0 ? "" : " and ").append(binary);
      }
    }
    return missing.length() == 0 ? null : missing.toString();
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens the address and waits for the document to load. */
  public void open(String url) {
    driver.get(url);
  }

  /** A DOM wait of at most this long, polling as WebDriverWait does. */
  public WebDriverWait await(Duration atMost) {
    return new WebDriverWait(driver, atMost);
  }

  /** Result of a script run in the page, e.g. {@code return typeof window.__xss}. */
  public Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Saves what the browser shows as NAME (a .png file name) under operator/target/e2e-artifacts/. */
  public Path screenshot(String name) {
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    try {
      Path dir = Files.createDirectories(RepoLayout.locate().artifactsDir());
      Path target = dir.resolve(name.endsWith(".png") ? name : name + ".png");
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(shot.toPath());
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the screenshot " + name, e);
    }
  }

  /** Saves the current page's HTML as NAME under operator/target/e2e-artifacts/, for a failed test's report. */
  public Path savePageSource(String name) {
    try {
      Path target = Files.createDirectories(RepoLayout.locate().artifactsDir()).resolve(name);
      return Files.writeString(target, driver.getPageSource());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the page source " + name, e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
