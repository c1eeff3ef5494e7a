package org.soc.runbook.review;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
import org.soc.runbook.simulator.SimulatedTenant.InboxRuleSpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What people do in Camunda Tasklist, in a real browser: Debian's chromium driven headless through Debian's
 * chromedriver (both installed by {@code .ci/run}; nothing is downloaded). The analyst reviews a case whose evidence
 * carries attacker-chosen markup, which must show as text and never run; the security administrator approves; the
 * case goes on to verification. A SOC lead resolves an escalation with the case's context. The auditor has nothing
 * to work on.
 */
@RunbookIntegrationTest
class TasklistBrowserTests {

	/** An inbox rule name and a display name an attacker would choose. */
	private static final String RULE = "<img src=x onerror=alert(1)>";

	private static final String DISPLAY_NAME = "<script>alert(2)</script>Eve";

	private static final AtomicInteger USERS = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	SimulatedTenant tenant;

	CaseHttp cases;

	WebDriver browser;

	@BeforeEach
	void startBrowser(@TempDir Path downloads) {
		this.cases = new CaseHttp(this.http);
		this.browser = Browsers.chromium(downloads);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
		this.tenant.resetControls();
	}

	@Test
	void anAnalystReviewsInTasklistSeesMarkupAsTextAndASecurityAdministratorApproves() {
		String mailbox = "browser.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, DISPLAY_NAME);
		this.tenant.addInboxRule(mailbox, new InboxRuleSpec(RULE, false, List.of("drop@thief.example"), List.of(),
				false, null));
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;ExternalRecipientCountToday=2500;");
		ResponseEntity<String> opened = this.cases.post("analyst", "/api/cases",
				Map.of("type", "mailbox", "address", mailbox));
		String caseId = CaseHttp.json(opened.getBody()).path("id").asText();
		String review = this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations");

		signIn("analyst");
		openTask("Reviews", review);
		claim();
		WebElement rules = field("Suspicious inbox rules");
		String rulesAsReviewed = rules.getAttribute("value");
		assertThat(rulesAsReviewed).contains(RULE);
		assertThat(field("User (display name)").getAttribute("value")).isEqualTo(DISPLAY_NAME);
		WebElement ruleOption = this.browser.findElement(By.xpath("//label[contains(., 'onerror=alert(1)')]"));
		assertThat(ruleOption.getText()).contains(RULE);
		assertNothingRan();

		tick("The account is under its owner's control again");
		tick("Suspicious inbox rules are dealt with");
		tick("Suspicious forwarding is dealt with");
		tick("Recent sign-ins are reviewed");
		click(ruleOption);
		tick("Release (needs approval)");
		field("Comment (recorded").sendKeys("Owner confirmed; the markup rule is the attacker's.");
		complete();
		String approval = this.cases.awaitTask("secadmin", caseId, "Task_ApproveRelease");
		assertNothingRan();

		signOut();
		signIn("secadmin");
		openTask("Approvals", approval);
		claim();
		assertThat(field("Reviewed by").getAttribute("value")).isEqualTo("Sam Analyst (analyst)");
		// The evidence document the fields read survived the analyst's submit: form-js sends only the fields one
		// can change, never a part of the document in place of the whole.
		assertThat(field("Suspicious inbox rules").getAttribute("value")).isEqualTo(rulesAsReviewed);
		assertThat(field("Sign-ins").getAttribute("value")).startsWith("No interactive sign-ins");
		tick("Approve: clean up and unblock");
		field("Comment").sendKeys("Evidence checked in the browser.");
		complete();

		await().atMost(Duration.ofSeconds(40)).until(() -> {
			var history = this.cases.get("admin", "/engine-rest/history/activity-instance?processInstanceId=" + caseId
					+ "&activityId=CallActivity_VerifyRelease");
			return !history.isEmpty();
		});
		assertThat(this.tenant.userState(mailbox).inboxRulesEnabled()).containsEntry(RULE, false);
	}

	@Test
	void anAnalystLandsOnReviewsAndPicksAdelesReviewByHerName() {
		int n = USERS.incrementAndGet();
		String adele = "Adele Queue" + n;
		String first = openCase("browser.queue", "Megan Queue" + n);
		String caseId = openCase("browser.queue", adele);
		String third = openCase("browser.queue", "Joni Queue" + n);
		String review = this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations");
		this.cases.awaitTask("analyst", first, "Task_ReviewRecommendations");
		this.cases.awaitTask("analyst", third, "Task_ReviewRecommendations");

		signIn("analyst");
		// Tasklist opens on the analyst's own queue, not on an empty "My tasks".
		waitFor(By.xpath("//div[contains(@class, 'task-filter') and contains(@class, 'active')]"
				+ "[.//a[contains(normalize-space(.), 'Reviews')]]"));
		WebElement entry = waitFor(By.xpath("//li[contains(@class, 'task')][.//h4[contains(., '" + adele + "')]]"));
		assertThat(entry.getText()).contains("Review: " + adele + " (browser.queue")
			.contains("sending limit exceeded")
			.contains("Restricted since")
			.doesNotContain("Megan Queue");
		// The analyst's pick: by her name, not by opening each identical entry.
		click(entry.findElement(By.cssSelector("h4.task a")));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.browser.getCurrentUrl().contains("task=" + review));
		assertThat(field("User (display name)").getAttribute("value")).isEqualTo(adele);
	}

	@Test
	void aReleaseWithoutTheChecklistIsRefusedInTasklistWithASentenceNotACrash() {
		String caseId = openCase("browser.refused", "Refused User");
		String review = this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations");

		signIn("analyst");
		openTask("Reviews", review);
		claim();
		tick("Release (needs approval)");
		field("Comment (recorded").sendKeys("Looks fine to me.");
		complete();
		String page = waitFor(By.xpath("//*[contains(., 'A release needs every recommendation confirmed')]")).getText();
		assertThat(page).contains("Not confirmed: the account is under the owner's control");
		assertThat(this.browser.findElement(By.tagName("body")).getText()).doesNotContain("ENGINE-")
			.doesNotContain("Exception");
		// Nothing was decided: the review is still there, claimed by the analyst.
		assertThat(this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations")).isEqualTo(review);
		assertThat(this.cases.get("analyst", "/engine-rest/task/" + review).path("assignee").asText())
			.isEqualTo("analyst");
	}

	@Test
	void aSocLeadResolvesAnEscalationInTasklistSeeingTheCasesContext() {
		String mailbox = "browser.lead" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Escalated User");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;ExternalRecipientCountToday=2500;");
		this.tenant.neverRelease(mailbox);
		String caseId = CaseHttp.json(this.cases.post("analyst", "/api/cases",
				Map.of("type", "mailbox", "address", mailbox)).getBody()).path("id").asText();
		this.cases.submit("analyst", this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations"),
				Map.of("reviewDecision", Map.of("value", "release"), "reviewComment",
						Map.of("value", "Owner reset by phone; <b>no</b> rules left."), "accountUnderControl",
						Map.of("value", true), "rulesDealtWith", Map.of("value", true), "forwardingDealtWith",
						Map.of("value", true), "signInsReviewed", Map.of("value", true)));
		this.cases.submit("secadmin", this.cases.awaitTask("secadmin", caseId, "Task_ApproveRelease"),
				Map.of("approvalDecision", Map.of("value", "approve"), "approvalComment", Map.of("value", "ok")));
		String escalation = await().atMost(Duration.ofSeconds(40))
			.until(() -> this.cases.taskByBusinessKey("lead", "mailbox:" + mailbox, "Task_ResolveEscalation"),
					(id) -> id != null);

		// The lead decides with the case's context, read from the case when the escalation was raised.
		signIn("lead");
		openTask("Escalations", escalation);
		claim();
		assertThat(field("Why it was escalated").getAttribute("value")).contains("Still on the Restricted");
		assertThat(field("Why Microsoft restricted it").getAttribute("value")).contains("2500");
		assertThat(field("Reviewer's comment").getAttribute("value"))
			.isEqualTo("Owner reset by phone; <b>no</b> rules left.");
		assertThat(field("Reviewed by").getAttribute("value")).isEqualTo("Sam Analyst (analyst)");
		assertThat(field("Approved by").getAttribute("value")).isEqualTo("Robin Securityadmin (secadmin)");
		assertThat(this.browser.findElements(By.xpath("//b[normalize-space(.)='no']"))).isEmpty();
		tick("Keep restricted");
		field("Note").sendKeys("Microsoft Support ticket opened from the browser.");
		complete();

		this.cases.awaitEnded(caseId);
		assertThat(this.cases.endEvent(caseId)).isEqualTo("EndEvent_KeptRestrictedAfterEscalation");
	}

	@Test
	void theHelpdeskCallsBackIssuesAPassAndSeesItOnlyOnce() {
		String caseId = openCase("browser.helpdesk", DISPLAY_NAME);
		String mailbox = this.cases.get("helpdesk", "/engine-rest/history/process-instance/" + caseId)
			.path("businessKey")
			.asText()
			.substring("mailbox:".length());
		String task = this.cases.awaitTask("helpdesk", caseId, "Task_RestoreAccess");

		// In Tasklist: the user has only a password, so "self-service reset" is refused with a sentence.
		signIn("helpdesk");
		openTask("Helpdesk", task);
		claim();
		assertThat(field("Can the user reset").getAttribute("value")).startsWith("No: no method self-service reset");
		String number = field("Numbers on file").getAttribute("value").split("\n")[0];
		assertThat(number).startsWith("+1 425 555 01");
		String page = waitFor(By.linkText("open the helpdesk page")).getAttribute("href");
		assertThat(page).isEqualTo("http://localhost:" + this.port + "/helpdesk/");
		tick("The user will reset the password themselves (self-service password reset)");
		complete();
		waitFor(By.xpath("//*[contains(., 'has no method self-service reset can use')]"));
		assertNothingRan();

		// On the helpdesk page: call back on the number on file, confirm, issue; the pass is shown once.
		this.browser.get(page);
		signInToHelpdeskPage();
		WebElement row = waitFor(By.xpath("//tr[td[normalize-space(.)='" + mailbox + "']]"));
		assertThat(row.getText()).contains(DISPLAY_NAME);
		new Select(row.findElement(By.cssSelector("select.calledNumber"))).selectByVisibleText(number);
		click(row.findElement(By.cssSelector("input.identityConfirmed")));
		click(row.findElement(By.cssSelector("button.issuePass")));
		String shown = waitFor(By.id("passValue")).getText();
		String pass = this.tenant.temporaryAccessPasses(mailbox).get(0).pass();
		assertThat(shown).isEqualTo(pass);
		assertThat(this.browser.findElement(By.id("passUser")).getText()).contains(DISPLAY_NAME);
		assertNothingRan();

		// Reloaded: signed out, and once signed in again the user is no longer waiting and the pass is gone.
		this.browser.navigate().refresh();
		signInToHelpdeskPage();
		pause();
		String reloaded = this.browser.findElement(By.tagName("body")).getText();
		assertThat(reloaded).doesNotContain(pass).doesNotContain(mailbox);
		assertThat(this.browser.getPageSource()).doesNotContain(pass);
		assertThat(this.cases.get("auditor", "/engine-rest/history/task?processInstanceId=" + caseId
				+ "&taskDefinitionKey=Task_RestoreAccess").get(0).path("deleteReason").asText()).isEqualTo("completed");
	}

	@Test
	void theAuditorHasNothingToClaimAndCannotCompleteOverRest() {
		String caseId = openCase("browser.audit", "Audited User");
		String review = this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations");

		// Auditors have no Tasklist: the login is refused, and there is no queue or task to see.
		submitLogin("auditor");
		pause();
		pause();
		String page = this.browser.findElement(By.tagName("body")).getText();
		assertThat(page).contains("missing access rights to application")
			.doesNotContain("Review the evidence")
			.doesNotContain("Reviews");
		assertThat(this.cases.get("auditor", "/engine-rest/task?processInstanceId=" + caseId)).isEmpty();
		ResponseEntity<String> complete = this.cases.post("auditor", "/engine-rest/task/" + review + "/complete",
				Map.of("variables", Map.of()));
		assertThat(complete.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(complete.getBody()).contains("'auditor' is not one of them");
		ResponseEntity<String> claim = this.cases.post("auditor", "/engine-rest/task/" + review + "/claim",
				Map.of("userId", "auditor"));
		assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations")).isEqualTo(review);
	}

	// ------------------------------------------------------------------------------------------------ helpers

	/** A restricted mailbox of a new user and the case the analyst opened for it; the case's id. */
	private String openCase(String prefix, String displayName) {
		String mailbox = prefix + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, displayName);
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");
		return CaseHttp.json(this.cases.post("analyst", "/api/cases", Map.of("type", "mailbox", "address", mailbox))
			.getBody()).path("id").asText();
	}

	private void signInToHelpdeskPage() {
		waitFor(By.id("user")).sendKeys("helpdesk");
		this.browser.findElement(By.id("password")).sendKeys("helpdesk");
		this.browser.findElement(By.cssSelector("#signInForm button[type=submit]")).click();
		waitFor(By.id("waiting"));
	}

	private void signIn(String user) {
		submitLogin(user);
		waitFor(By.xpath("//*[contains(@class, 'user-account') or contains(., 'My tasks')]"));
		pause();
	}

	private void submitLogin(String user) {
		this.browser.get("http://localhost:" + this.port + "/camunda/app/tasklist/default/");
		WebElement name = waitFor(By.cssSelector("input[type=text]"));
		name.sendKeys(user);
		this.browser.findElement(By.cssSelector("input[type=password]")).sendKeys(user);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
	}

	private void signOut() {
		this.browser.manage().deleteAllCookies();
		((JavascriptExecutor) this.browser).executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
	}

	/** Opens the task through its queue, as a person would after clicking it in the list. */
	private void openTask(String queue, String taskId) {
		waitFor(By.xpath("//a[contains(normalize-space(.), '" + queue + "')]")).click();
		pause();
		String url = this.browser.getCurrentUrl();
		this.browser.get(url + (url.contains("?") ? "&" : "?") + "task=" + taskId);
		waitFor(By.xpath("//*[contains(@class, 'fjs-container') or contains(., 'Claim')]"));
		pause();
	}

	private void claim() {
		List<WebElement> claim = this.browser.findElements(By.xpath("//button[normalize-space(.)='Claim']"));
		if (!claim.isEmpty()) {
			claim.get(0).click();
		}
		waitFor(By.cssSelector(".fjs-container"));
		pause();
	}

	private void complete() {
		click(waitFor(By.xpath("//button[normalize-space(.)='Complete']")));
		pause();
	}

	/** The input of the form field whose label starts with the text. */
	private WebElement field(String label) {
		WebElement element = waitFor(By.xpath("//label[starts-with(normalize-space(.), \"" + label + "\")]"));
		return this.browser.findElement(By.id(element.getAttribute("for")));
	}

	/** Clicks the checkbox or radio button whose label is the text. */
	private void tick(String label) {
		click(waitFor(By.xpath("//label[normalize-space(.)=\"" + label + "\"]")));
	}

	/** Scrolls the element to the middle of the window first: Tasklist's footer covers the bottom edge. */
	private void click(WebElement element) {
		((JavascriptExecutor) this.browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
		element.click();
	}

	private void assertNothingRan() {
		try {
			this.browser.switchTo().alert();
			throw new AssertionError("tenant data ran as script: an alert opened");
		}
		catch (NoAlertPresentException expected) {
			// Shown as text, as it must be.
		}
		assertThat(this.browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
		assertThat(this.browser.findElements(By.xpath("//script[contains(., 'alert(2)')]"))).isEmpty();
	}

	private WebElement waitFor(By by) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	/** Tasklist renders asynchronously; a short settle keeps clicks on the elements people see. */
	private static void pause() {
		try {
			Thread.sleep(800);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
