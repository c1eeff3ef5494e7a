package org.soc.runbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.soc.runbook.simulator.DemoTenantSeed;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pictures of the docs, taken again from the running application with the demo's tenant: the analysts' queue,
 * Adele's review form, the relay connector's review form and the audit page of a released case with its path.
 * {@code mvn -Pscreenshots test} writes them to {@code src/docs/images/}; not part of verify (it draws, it does not
 * check), and it needs Debian's chromium like the browser tests.
 */
@Tag("screenshots")
@RunbookIntegrationTest
class ScreenshotsTests {

	private static final Path IMAGES = Path.of(System.getProperty("screenshots.dir", "src/docs/images"));

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	WebDriver browser;

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void theDocsPicturesAreTakenFromTheRunningApplication(@TempDir Path downloads) throws Exception {
		Files.createDirectories(IMAGES);
		CaseHttp cases = new CaseHttp(this.http);
		String adele = opened(cases, Map.of("type", "mailbox", "address", DemoTenantSeed.ADELE));
		String relay = opened(cases, Map.of("type", "connector", "connectorId", DemoTenantSeed.RELAY_CONNECTOR.toString()));
		String megan = opened(cases, Map.of("type", "mailbox", "address", DemoTenantSeed.MEGAN));
		String adeleReview = cases.awaitTask("analyst", adele, "Task_ReviewRecommendations");
		String relayReview = cases.awaitTask("analyst", relay, "Task_ReviewConnector");
		cases.submit("analyst", cases.awaitTask("analyst", megan, "Task_ReviewRecommendations"),
				Map.of("reviewDecision", Map.of("value", "release"), "reviewComment",
						Map.of("value", "Megan confirmed the Moscow sign-ins were not hers; password reset, rule removed."),
						"accountUnderControl", Map.of("value", true), "rulesDealtWith", Map.of("value", true),
						"forwardingDealtWith", Map.of("value", true), "signInsReviewed", Map.of("value", true)));
		cases.submit("secadmin", cases.awaitTask("secadmin", megan, "Task_ApproveRelease"),
				Map.of("approvalDecision", Map.of("value", "approve"), "approvalComment", Map.of("value", "Checked.")));
		String meganHelpdesk = cases.awaitTask("helpdesk", megan, "Task_RestoreAccess");
		cases.submit("helpdesk", meganHelpdesk, Map.of("accessRestoration", Map.of("value", "selfServiceReset"),
				"accessComment", Map.of("value", "Megan resets her password herself with her phone.")));
		cases.awaitEnded(megan);

		this.browser = Browsers.chromium(downloads);
		this.browser.manage().window().setSize(new Dimension(1500, 1000));
		tasklist("analyst");
		waitFor(By.xpath("//li[contains(@class, 'task')][.//h4[contains(., 'Adele Vance')]]"));
		shoot("tasklist-reviews.png");

		this.browser.get(this.browser.getCurrentUrl().replaceFirst("\\?.*$", "") + "?task=" + adeleReview);
		waitFor(By.cssSelector(".fjs-container"));
		this.browser.manage().window().setSize(new Dimension(1500, 3000));
		pause();
		shoot("review-form.png");

		this.browser.get(this.browser.getCurrentUrl().replaceFirst("task=[^&]*", "task=" + relayReview));
		waitFor(By.xpath("//*[contains(@class, 'fjs-container')][contains(., 'Sign-ins of the admin account')]"));
		pause();
		shoot("connector-form.png");

		this.browser.manage().window().setSize(new Dimension(1500, 2600));
		this.browser.get("http://localhost:" + this.port + "/audit");
		waitFor(By.id("user")).sendKeys("auditor");
		this.browser.findElement(By.id("password")).sendKeys("auditor");
		this.browser.findElement(By.cssSelector("#signInForm button")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pageInfo"), "cases)"));
		this.browser.findElement(By.id("entity")).sendKeys(DemoTenantSeed.MEGAN);
		this.browser.findElement(By.cssSelector("#filters button")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pageInfo"), "(1 cases)"));
		waitFor(By.xpath("//tr[@class='case'][td[1][normalize-space(.)='" + DemoTenantSeed.MEGAN + "']]")).click();
		waitFor(By.cssSelector(".diagram[data-model='verify-release'][data-drawn='true']"));
		pause();
		shoot("audit-page.png");
		assertThat(List.of("tasklist-reviews.png", "review-form.png", "connector-form.png", "audit-page.png"))
			.allMatch((name) -> Files.exists(IMAGES.resolve(name)));
	}

	private static String opened(CaseHttp cases, Map<String, String> request) {
		return CaseHttp.json(cases.post("analyst", "/api/cases", request).getBody()).path("id").asText();
	}

	private void tasklist(String user) throws InterruptedException {
		this.browser.get("http://localhost:" + this.port + "/camunda/app/tasklist/default/");
		waitFor(By.cssSelector("input[type=text]")).sendKeys(user);
		this.browser.findElement(By.cssSelector("input[type=password]")).sendKeys(user);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor(By.xpath("//div[contains(@class, 'task-filter') and contains(@class, 'active')]"));
		pause();
	}

	private void shoot(String name) throws Exception {
		Files.write(IMAGES.resolve(name), ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
	}

	private WebElement waitFor(By by) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(30))
			.until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	private static void pause() throws InterruptedException {
		// Tasklist and bpmn-js finish drawing after the element appears.
		Thread.sleep(1500);
	}

}
