package io.msgkey.recorder.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, in a fixed time zone (Asia/Shanghai, UTC+8) so that tests
 * can check times are shown in the viewer's zone. Browsers fetched by test tools do not work here, so the system ones
 * are used: {@code apt-get install chromium chromium-driver}. Where they are missing, browser tests are skipped with
 * that advice, unless {@value #REQUIRED_VARIABLE}{@code =required} (or {@code -Dmsgkey.browser-tests=required}) says
 * they must run: .ci/run installs them and sets it, so in CI a missing browser fails the build.
 */
public final class Browser implements AutoCloseable {

    public static final String TIME_ZONE = "Asia/Shanghai";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final String REQUIRED_VARIABLE = "MSGKEY_BROWSER_TESTS";
    private static final String REQUIRED_PROPERTY = "msgkey.browser-tests";

    private final WebDriver driver;
    private final String base;
    private final Path downloads;

    public Browser(String base) {
        if (!installed()) {
            if (required()) {
                throw new IllegalStateException(ADVICE + " (" + REQUIRED_VARIABLE + "=required)");
            }
            Assumptions.abort(ADVICE);
        }
        try {
            this.downloads = Files.createTempDirectory("console-downloads");
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                    "--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).withEnvironment(Map.of("TZ", TIME_ZONE)).build();
            this.driver = new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    static final String ADVICE = "browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
            + CHROMEDRIVER + "): apt-get install chromium chromium-driver";

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static boolean required() {
        return "required".equals(System.getProperty(REQUIRED_PROPERTY, System.getenv(REQUIRED_VARIABLE)));
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** Signs in and waits for wherever that leads (the home page, or the sign-in page saying what went wrong). */
    public void signIn(String user, String password) {
        open("/login");
        type("#username", user);
        type("#password", password);
        find("#sign-in").click();
        waitFor(d -> !path().equals("/login") && !path().startsWith("/j_security_check")
                && "complete".equals(script("return document.readyState")) ? true : null);
    }

    public WebElement find(String css) {
        return waitFor(d -> d.findElement(By.cssSelector(css)));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    public String text(String css) {
        return find(css).getText();
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    public <T> T waitFor(ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(RuntimeException.class)
                    .until(condition);
        } catch (RuntimeException e) {
            System.out.println("page at timeout: " + driver.getCurrentUrl() + "\n" + driver.getPageSource());
            throw e;
        }
    }

    public void waitForText(String css, String expected) {
        waitFor(d -> d.findElement(By.cssSelector(css)).getText().contains(expected) ? true : null);
    }

    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** What pages wrote to the browser's console since the last call, Content Security Policy violations included. */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    public WebDriver driver() {
        return driver;
    }

    /** The file the browser downloaded, once it is complete. */
    public Path downloaded(String name) {
        Path file = downloads.resolve(name);
        waitFor(d -> Files.exists(file) && !Files.exists(downloads.resolve(name + ".crdownload")) ? true : null);
        return file;
    }

    public void screenshot(String name) {
        try {
            Path target = Path.of("target", "screenshots");
            Files.createDirectories(target);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
