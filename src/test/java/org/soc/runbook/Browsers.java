package org.soc.runbook;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (both installed by {@code .ci/run}); nothing is
 * downloaded. Without them a browser test is skipped, loudly.
 */
public final class Browsers {

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private Browsers() {
	}

	/** A fresh headless browser that saves downloads into {@code downloads}; skips the test without one. */
	public static WebDriver chromium(Path downloads) {
		boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
		if (!present) {
			System.err.println("\n*** BROWSER TEST SKIPPED: no " + CHROMIUM + " or " + CHROMEDRIVER
					+ ". Install Debian's chromium and chromium-driver (.ci/run does). ***\n");
		}
		Assumptions.assumeTrue(present, "Debian chromium and chromium-driver are not installed");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,2200");
		options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
				"download.prompt_for_download", false));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
