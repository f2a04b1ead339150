package io.taskstream.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Chromium windows (Debian {@code chromium} + {@code chromium-driver}, installed by
 * {@code .ci/run}), each with its own profile, and the board page queries the tests share.
 */
final class Browsers implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(Browsers.class);
    private static final Path CHROMIUM = Path.of(System.getProperty("taskstream.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

    private final List<ChromeDriver> open = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    /** Fails (never skips) when the browser is missing: CI must run the browser tests. */
    static void requireChromium() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("headless Chromium is required: %s and %s must exist. .ci/run installs them "
                        + "(apt-get install chromium chromium-driver); run that first, or install them yourself",
                        CHROMIUM, CHROMEDRIVER)
                .isTrue();
    }

    ChromeDriver open(String url) throws Exception {
        Path profile = Files.createTempDirectory("taskstream-chromium-");
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Required here: root needs --no-sandbox; the closed network refuses Chromium's background traffic.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1100,800", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        open.add(browser);
        browser.get(url);
        return browser;
    }

    static void awaitBadge(WebDriver browser, String state, Duration wait) {
        new WebDriverWait(browser, wait).until(ExpectedConditions.attributeToBe(By.id("badge"), "data-state", state));
    }

    /** The task row whose title is exactly {@code title}, once it is on the page. */
    static WebElement awaitTask(WebDriver browser, String title) {
        return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#tasks li[data-task-id]")).stream()
                        .filter(li -> title.equals(li.findElement(By.cssSelector(".task-title")).getText()))
                        .findFirst().orElse(null));
    }

    /** Marks this page load: if the page were reloaded, the marker would be gone. */
    static void markLoad(WebDriver browser) {
        ((JavascriptExecutor) browser).executeScript("window.__sameLoad = true;");
    }

    static void assertSameLoad(WebDriver browser) {
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameLoad === true;"))
                .as("the page was not reloaded").isEqualTo(true);
    }

    @Override
    public void close() {
        for (ChromeDriver browser : open) {
            try {
                for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                    LOG.info("browser console: {} {}", entry.getLevel(), entry.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.debug("no browser log", e);
            }
            browser.quit();
        }
        for (Path profile : profiles) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (Exception e) {
                LOG.debug("could not delete {}", profile, e);
            }
        }
    }
}
