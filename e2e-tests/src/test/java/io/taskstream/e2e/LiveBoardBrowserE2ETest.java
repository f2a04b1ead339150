package io.taskstream.e2e;

import io.taskstream.localstack.infra.Hs256Tokens;
import io.taskstream.localstack.launcher.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live board in a real browser: headless Chromium (Debian {@code chromium} + {@code chromium-driver},
 * installed by {@code .ci/run}) opens the board served by websocket-service in two independent
 * sessions as the same user. A change made in one window reaches the other over {@code /ws/updates}
 * without a reload. Leaves a screenshot at {@code e2e-tests/target/board.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveBoardBrowserE2ETest {

    private static final Logger LOG = LoggerFactory.getLogger(LiveBoardBrowserE2ETest.class);
    private static final Path CHROMIUM = Path.of(System.getProperty("taskstream.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private LocalStack stack;
    private final List<ChromeDriver> browsers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();
    private ChromeDriver first;
    private ChromeDriver second;
    private String title;

    @BeforeAll
    void startTheStackAndTwoBrowsers() throws Exception {
        // Fail (never skip) when the browser is missing: CI must run this test.
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("headless Chromium is required: %s and %s must exist. .ci/run installs them "
                        + "(apt-get install chromium chromium-driver); run that first, or install them yourself",
                        CHROMIUM, CHROMEDRIVER)
                .isTrue();
        stack = LocalStack.start(TestStacks.fresh("board", TestStacks.only("api-service", "websocket-service")));
        String token = Hs256Tokens.mint(stack.jwtSecret(), "alice", List.of("user"), Duration.ofMinutes(30));

        first = openBoard(token);
        second = openBoard(token);
        for (ChromeDriver browser : browsers) {
            awaitBadge(browser, "live");
            // Marks this page load: if the page were reloaded, the marker would be gone.
            ((JavascriptExecutor) browser).executeScript("window.__sameLoad = true;");
        }
    }

    @AfterAll
    void stopEverything() {
        for (ChromeDriver browser : browsers) {
            try {
                for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                    LOG.info("browser console: {} {}", entry.getLevel(), entry.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.debug("no browser log", e);
            }
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
        for (Path profile : profiles) {
            deleteQuietly(profile);
        }
    }

    @Test
    @Order(1)
    void aTaskCreatedInOneWindowAppearsInTheOtherWithoutReload() {
        title = "Buy oat milk (" + Long.toString(System.nanoTime() % 46656, 36) + ")";

        WebElement input = first.findElement(By.id("new-title"));
        input.sendKeys(title);
        first.findElement(By.id("create-button")).click();

        WebElement inFirst = awaitTask(first, title);
        WebElement inSecond = awaitTask(second, title);
        assertThat(inFirst.getDomAttribute("data-status")).isEqualTo("open");
        assertThat(inSecond.getDomAttribute("data-status")).isEqualTo("open");
        assertThat(inSecond.getDomAttribute("data-task-id")).isEqualTo(inFirst.getDomAttribute("data-task-id"));
        assertSameLoad(second);
    }

    @Test
    @Order(2)
    void completingItInTheSecondWindowShowsInTheFirst() throws Exception {
        awaitTask(second, title).findElement(By.cssSelector("button[data-action=toggle]")).click();

        new WebDriverWait(first, WAIT).until(d -> "completed".equals(awaitTask(d, title).getDomAttribute("data-status")));
        new WebDriverWait(second, WAIT).until(d -> "completed".equals(awaitTask(d, title).getDomAttribute("data-status")));
        assertThat(awaitTask(first, title).findElement(By.cssSelector("button[data-action=toggle]")).getText())
                .isEqualTo("Reopen");
        assertSameLoad(first);
        assertSameLoad(second);

        // Something to look at: a second task, then the first window as the user sees it.
        first.findElement(By.id("new-title")).sendKeys("Water the plants");
        first.findElement(By.id("create-button")).click();
        awaitTask(second, "Water the plants");
        awaitTask(first, "Water the plants");
        Path screenshot = Path.of("target", "board.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(first.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        LOG.info("screenshot of the board: {}", screenshot.toAbsolutePath());
        assertThat(Files.size(screenshot)).isPositive();
    }

    @Test
    @Order(3)
    void anEditedTitleShowsInTheOtherWindow() {
        WebElement task = awaitTask(first, "Water the plants");
        WebElement form = task.findElement(By.cssSelector(".task-edit"));
        assertThat(form.isDisplayed()).as("edit form before Edit").isFalse();
        task.findElement(By.cssSelector("button[data-action=edit]")).click();
        assertThat(form.isDisplayed()).as("edit form after Edit").isTrue();
        WebElement field = form.findElement(By.cssSelector("input"));
        field.clear();
        field.sendKeys("Water the plants and the herbs");
        form.findElement(By.cssSelector("button[data-action=save]")).click();

        awaitTask(second, "Water the plants and the herbs");
        new WebDriverWait(first, WAIT).until(d -> !form.isDisplayed());
        assertThat(awaitTask(first, "Water the plants and the herbs").findElement(By.cssSelector(".task-title")).isDisplayed())
                .isTrue();
        assertSameLoad(second);
    }

    @Test
    @Order(4)
    void anApiErrorIsShownWithItsFieldErrors() {
        first.findElement(By.id("new-title")).clear();
        first.findElement(By.id("create-button")).click();

        WebElement error = new WebDriverWait(first, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).contains("422").containsIgnoringCase("title");
    }

    private ChromeDriver openBoard(String token) throws Exception {
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
        browsers.add(browser);
        browser.get(stack.boardUrl() + "#token=" + token);
        return browser;
    }

    private static void awaitBadge(WebDriver browser, String state) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.attributeToBe(By.id("badge"), "data-state", state));
    }

    /** The task row whose title is exactly {@code title}, once it is on the page. */
    private static WebElement awaitTask(WebDriver browser, String title) {
        return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#tasks li[data-task-id]")).stream()
                .filter(li -> title.equals(li.findElement(By.cssSelector(".task-title")).getText()))
                .findFirst().orElse(null));
    }

    private static void assertSameLoad(WebDriver browser) {
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameLoad === true;"))
                .as("the page was not reloaded").isEqualTo(true);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (Exception e) {
            LOG.debug("could not delete {}", dir, e);
        }
    }
}
