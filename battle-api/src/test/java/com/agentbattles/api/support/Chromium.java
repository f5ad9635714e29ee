package com.agentbattles.api.support;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Debian's Chromium driven by its own ChromeDriver (apt-get install chromium chromium-driver):
 * Selenium Manager's browser download does not work on these machines, so the binaries are named
 * explicitly ({@code -Dbattles.chromium}, {@code -Dbattles.chromedriver} to use others).
 *
 * <p>As an extension declared before {@code @SpringBootTest}, it skips each test of the class, by
 * name and with the reason, before the server starts when the browser is not installed.
 */
public final class Chromium implements TestInstancePostProcessor {

    public static final Path BROWSER = Path.of(System.getProperty("battles.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("battles.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "browser test skipped: Chromium and ChromeDriver are not installed (" + BROWSER + ", " + DRIVER
                        + "); apt-get install chromium chromium-driver, as .ci/run does");
    }

    /** A headless browser with a window tall enough for a whole battle page in one screenshot. */
    public static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,2400", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows as target/screenshots/{name}.png, for people to look at. */
    public static Path screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
