package org.soc.runbook.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.soc.runbook.Browsers;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auditors' page in Debian's chromium: the auditor signs in, filters to closed cases, opens one, reads who
 * reviewed and approved, the comment and the release time (a comment with markup stays text), and downloads the CSV,
 * whose SHA-256 is the one the page shows.
 */
@RunbookIntegrationTest
class AuditPageBrowserTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	private static final String COMMENT = "Owner confirmed <img src=x onerror=alert(1)> was the phish.";

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	SimulatedTenant tenant;

	WebDriver browser;

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
		this.tenant.resetControls();
	}

	@Test
	void anAuditorFindsAClosedCaseReadsWhoDecidedAndDownloadsTheCsv(@TempDir Path downloads) throws Exception {
		this.browser = Browsers.chromium(downloads);
		CaseHttp cases = new CaseHttp(this.http);
		String mailbox = "page.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Page User");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");
		ResponseEntity<String> opened = cases.post("analyst", "/api/cases", Map.of("type", "mailbox", "address", mailbox));
		String caseId = CaseHttp.json(opened.getBody()).path("id").asText();
		cases.submit("analyst", cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations"),
				Map.of("reviewDecision", Map.of("value", "release"), "reviewComment", Map.of("value", COMMENT),
						"accountUnderControl", Map.of("value", true), "rulesDealtWith", Map.of("value", true),
						"forwardingDealtWith", Map.of("value", true), "signInsReviewed", Map.of("value", true)));
		cases.submit("secadmin", cases.awaitTask("secadmin", caseId, "Task_ApproveRelease"),
				Map.of("approvalDecision", Map.of("value", "approve"), "approvalComment", Map.of("value", "Checked.")));
		cases.awaitEnded(caseId);

		this.browser.get("http://localhost:" + this.port + "/audit");
		waitFor(By.id("user")).sendKeys("auditor");
		this.browser.findElement(By.id("password")).sendKeys("auditor");
		this.browser.findElement(By.cssSelector("#signInForm button")).click();
		waitFor(By.id("filters"));
		// The first page has loaded before the filter is set, so the filtered page is the last one drawn.
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pageInfo"), "cases)"));
		new Select(this.browser.findElement(By.id("state"))).selectByVisibleText("closed");
		this.browser.findElement(By.id("entity")).sendKeys(mailbox);
		this.browser.findElement(By.cssSelector("#filters button")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pageInfo"), "(1 cases)"));
		WebElement row = waitFor(By.xpath("//tr[@class='case'][td[1][normalize-space(.)='" + mailbox + "']]"));
		assertThat(row.getText()).contains("closed", "Released and verified", "Page User", "Sam Analyst (analyst)",
				"Robin Securityadmin (secadmin)");
		row.click();

		waitFor(By.id("summary-reviewedBy"));
		assertThat(text("summary-reviewedBy")).isEqualTo("Sam Analyst (analyst)");
		assertThat(text("summary-approvedBy")).isEqualTo("Robin Securityadmin (secadmin)");
		assertThat(text("summary-unblockToRelease")).as("Microsoft's part, apart from the people's").matches("\\d+ s|\\d+ min \\d+ s");
		assertThat(text("caseTitle")).isEqualTo("mailbox Page User (" + mailbox + ")");
		assertThat(text("summary-releasedAt")).isNotBlank();
		assertThat(text("summary-outcome")).isEqualTo("Released and verified");
		// Steps by their names, times to one precision, no ISO durations.
		List<WebElement> cells = this.browser.findElements(By.cssSelector("#timeline tbody td"));
		assertThat(cells).extracting(WebElement::getText)
			.contains("Reset the password")
			.noneMatch((cell) -> cell.matches(".*PT\\d.*"))
			.noneMatch((cell) -> cell.matches(".*\\d{2}:\\d{2}:\\d{2}\\.\\d{4,}.*"));
		List<String> timeline = this.browser.findElements(By.cssSelector("#timeline tbody td.summary"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(timeline).anyMatch((line) -> line.contains(COMMENT));
		assertThat(this.browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
		try {
			this.browser.switchTo().alert();
			throw new AssertionError("a comment ran as script");
		}
		catch (NoAlertPresentException expected) {
			// Shown as text.
		}

		// The case's diagram, drawn from the version it ran, shows the path it took.
		waitFor(By.cssSelector(".diagram[data-model='restricted-user-remediation'][data-drawn='true']"));
		assertThat(marked("restricted-user-remediation", "done")).contains("Task_ResetPassword",
				"Task_ReviewRecommendations", "Task_ApproveRelease", "Task_UnblockSender", "EndEvent_ReleasedAndVerified")
			.doesNotContain("EndEvent_KeptRestricted");
		assertThat(marked("restricted-user-remediation", "taken")).isNotEmpty();
		assertThat(marked("verify-release", "done")).isNotEmpty();
		assertThat(marked("verify-release", "escalated")).isEmpty();

		this.browser.findElement(By.id("exportCsv")).click();
		Path csv = await().atMost(Duration.ofSeconds(15)).until(() -> downloaded(downloads), (file) -> file != null);
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("exportHash"), "SHA-256"));
		String shown = text("exportHash").replaceFirst(".*SHA-256 ", "").trim();
		assertThat(AuditExport.sha256Hex(Files.readAllBytes(csv))).isEqualTo(shown);
		assertThat(Files.readString(csv)).startsWith("at,kind,step,actor,summary").contains(COMMENT.replace("\"", "\"\""));
	}

	@Test
	void anEscalatedCasesDiagramShowsTheEscalationItWaitsAt(@TempDir Path downloads) {
		this.browser = Browsers.chromium(downloads);
		CaseHttp cases = new CaseHttp(this.http);
		String mailbox = "page.escalated" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Escalated Page User");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");
		this.tenant.neverRelease(mailbox);
		String caseId = CaseHttp.json(cases.post("analyst", "/api/cases", Map.of("type", "mailbox", "address", mailbox))
			.getBody()).path("id").asText();
		cases.submit("analyst", cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations"),
				Map.of("reviewDecision", Map.of("value", "release"), "reviewComment", Map.of("value", "Fine."),
						"accountUnderControl", Map.of("value", true), "rulesDealtWith", Map.of("value", true),
						"forwardingDealtWith", Map.of("value", true), "signInsReviewed", Map.of("value", true)));
		cases.submit("secadmin", cases.awaitTask("secadmin", caseId, "Task_ApproveRelease"),
				Map.of("approvalDecision", Map.of("value", "approve"), "approvalComment", Map.of("value", "Ok.")));
		String escalation = await().atMost(Duration.ofSeconds(40))
			.until(() -> cases.taskByBusinessKey("lead", "mailbox:" + mailbox, "Task_ResolveEscalation"),
					(id) -> id != null);

		this.browser.get("http://localhost:" + this.port + "/audit");
		waitFor(By.id("user")).sendKeys("auditor");
		this.browser.findElement(By.id("password")).sendKeys("auditor");
		this.browser.findElement(By.cssSelector("#signInForm button")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pageInfo"), "cases)"));
		this.browser.findElement(By.id("entity")).sendKeys(mailbox);
		this.browser.findElement(By.cssSelector("#filters button")).click();
		waitFor(By.xpath("//tr[@class='case'][td[1][normalize-space(.)='" + mailbox + "']]")).click();

		waitFor(By.cssSelector(".diagram[data-model='verify-release'][data-drawn='true']"));
		// The case waits at its verification; inside it, the lead's escalation is where it stands.
		assertThat(marked("restricted-user-remediation", "waiting")).contains("CallActivity_VerifyRelease");
		assertThat(marked("restricted-user-remediation", "done")).contains("Task_UnblockSender");
		assertThat(marked("verify-release", "waiting")).contains("Task_ResolveEscalation");
		assertThat(marked("verify-release", "escalated")).contains("Task_ResolveEscalation");

		// Closed again, so that no verification is left waiting for the tests that share this application.
		cases.submit("lead", escalation, Map.of("escalationDecision", Map.of("value", "keepRestricted"),
				"escalationNote", Map.of("value", "Seen on the audit page.")));
		cases.awaitEnded(caseId);
	}

	/** The ids of the elements of the model's diagram that carry the marker. */
	private List<String> marked(String model, String marker) {
		return this.browser
			.findElements(By.cssSelector(".diagram[data-model='" + model + "'] .djs-element." + marker))
			.stream()
			.map((element) -> element.getAttribute("data-element-id"))
			.toList();
	}

	private static Path downloaded(Path directory) throws Exception {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.toString().endsWith(".csv")).findFirst().orElse(null);
		}
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	private WebElement waitFor(By by) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(by));
	}

}
