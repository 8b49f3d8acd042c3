package com.aventian.portal.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.util.FileSystemUtils;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real headless Chromium driven through Selenium, one per person in a journey. Uses Debian's
 * Chromium and driver (Selenium Manager cannot download browsers here); without them a test fails
 * saying what to install, it never skips.
 */
public final class Browser implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final WebDriver driver;

	private final String baseUrl;

	private final Path profile;

	private Browser(WebDriver driver, String baseUrl, Path profile) {
		this.driver = driver;
		this.baseUrl = baseUrl;
		this.profile = profile;
	}

	public static Browser open(int port) {
		Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
		Path chromedriver = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
		if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
			fail("Browser tests need Chromium at " + chromium + " and its driver at " + chromedriver
					+ ". Install them with: apt-get install -y chromium chromium-driver "
					+ "(or set CHROMIUM_BINARY and CHROMEDRIVER).");
		}
		Path profile = temporaryProfile();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,900", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(chromedriver.toString()))
			.usingAnyFreePort()
			.build();
		return new Browser(new ChromeDriver(service, options), "http://localhost:" + port, profile);
	}

	/** Signs in through the sign-in form and waits for the page it lands on. */
	public Browser signIn(String email, String password) {
		visit("/login").type(By.id("email"), email).type(By.id("password"), password).clickButton("Sign in");
		find(By.cssSelector("h1"));
		return this;
	}

	public Browser visit(String path) {
		this.driver.get(this.baseUrl + path);
		return this;
	}

	public WebElement find(By by) {
		return waitFor(ExpectedConditions.visibilityOfElementLocated(by));
	}

	/** Waits for a condition; on time-out the failure says where the browser was and what it showed. */
	private <T> T waitFor(java.util.function.Function<WebDriver, T> condition) {
		try {
			// a page replaced while we read it is read again, not a failure
			return new WebDriverWait(this.driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
				.until((driver) -> readingAgainIfReplaced(condition, driver));
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			var bodies = this.driver.findElements(By.tagName("body"));
			String text = bodies.isEmpty() ? "(no page)" : bodies.get(0).getText();
			throw new AssertionError("Timed out at " + this.driver.getCurrentUrl() + " showing:\n"
					+ text.substring(0, Math.min(text.length(), 1500)), ex);
		}
	}

	/**
	 * Chromium reports an element of a page that navigated away mid-read as a node that "does not belong to the
	 * document" (a plain WebDriverException, not a stale element): that too is read again.
	 */
	private static <T> T readingAgainIfReplaced(java.util.function.Function<WebDriver, T> condition, WebDriver driver) {
		try {
			return condition.apply(driver);
		}
		catch (org.openqa.selenium.WebDriverException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
				return null;
			}
			throw ex;
		}
	}

	public WebElement byTestId(String testId) {
		return find(By.cssSelector("[data-testid='" + testId + "']"));
	}

	public Browser type(By field, String text) {
		WebElement input = find(field);
		input.clear();
		input.sendKeys(text);
		return this;
	}

	public Browser click(By by) {
		waitFor(ExpectedConditions.elementToBeClickable(by)).click();
		return this;
	}

	public Browser clickButton(String text) {
		return click(By.xpath("//button[normalize-space()='" + text + "'] | //input[@type='submit' and @value='" + text
				+ "'] | //a[normalize-space()='" + text + "']"));
	}

	public void waitForPath(String path) {
		waitFor((driver) -> {
			String url = driver.getCurrentUrl();
			return (url != null && url.startsWith(this.baseUrl) && pathOf(url).equals(path)) ? Boolean.TRUE : null;
		});
	}

	public void waitForText(String testId, String text) {
		waitFor((driver) -> ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector("[data-testid='" + testId + "']"), text)
			.apply(driver) ? Boolean.TRUE : null);
	}

	public String path() {
		return pathOf(this.driver.getCurrentUrl());
	}

	public String pageText() {
		return waitFor((driver) -> driver.findElement(By.tagName("body")).getText());
	}

	/** Waits until the page shows the text (the page may still be loading after a click). */
	public void waitForPageText(String text) {
		waitFor((driver) -> {
			var bodies = driver.findElements(By.tagName("body"));
			return (!bodies.isEmpty() && bodies.get(0).getText().contains(text)) ? Boolean.TRUE : null;
		});
	}

	public WebDriver driver() {
		return this.driver;
	}

	@Override
	public void close() {
		this.driver.quit();
		// a few MB a browser, hundreds of browsers a suite: left behind, they fill a developer's disk
		FileSystemUtils.deleteRecursively(this.profile.toFile());
	}

	private String pathOf(String url) {
		String rest = url.startsWith(this.baseUrl) ? url.substring(this.baseUrl.length()) : url;
		int query = rest.indexOf('?');
		String path = (query >= 0) ? rest.substring(0, query) : rest;
		return path.isEmpty() ? "/" : path;
	}

	private static Path temporaryProfile() {
		try {
			return Files.createTempDirectory("aventian-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
