package org.soc.runbook.escalation;

import org.soc.runbook.tenant.TestTenants;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.soc.runbook.Browsers;
import org.springframework.boot.test.web.server.LocalServerPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.runbook.Decisions;
import org.soc.runbook.EngineClockTests;
import org.soc.runbook.RunbookApplication;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.simulator.SimulatedApi;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service levels and notifications with a real SMTP server (GreenMail) and a local webhook receiver: an overdue
 * review or approval is announced once per channel and stays where it is with the leads added; a receiver that is
 * down costs retries, never the case; an incident is announced too. The job executor is off and the engine's clock
 * is moved instead of waiting hours.
 */
@Tag("own-jvm")
@SpringBootTest(classes = RunbookApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "camunda.bpm.job-execution.enabled=false", "runbook.notification.retry-backoff=100ms",
				"runbook.notification.delivery-interval=1h",
				"runbook.notification.mail-to.default=soc-leads@contoso.example",
				"runbook.notification.mail-to.incident=camunda-admins@contoso.example",
				"runbook.notification.mail-to.escalation-overdue=soc-manager@contoso.example" })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class NotificationTests extends EngineClockTests {

	private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	private static final HttpServer RECEIVER;

	private static final List<String> HOOKS = new CopyOnWriteArrayList<>();

	private static volatile int hookStatus = 200;

	private static final AtomicInteger USERS = new AtomicInteger();

	static {
		SMTP.start();
		try {
			RECEIVER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		RECEIVER.createContext("/hook", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			int status = hookStatus;
			if (status == 200) {
				HOOKS.add(body);
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		RECEIVER.start();
	}

	@DynamicPropertySource
	static void channels(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
		registry.add("runbook.notification.webhook-url",
				() -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/hook");
	}

	@AfterAll
	static void stopChannels() {
		SMTP.stop();
		RECEIVER.stop(0);
	}

	@Autowired
	NotificationSender sender;

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	int port;

	@BeforeEach
	void emptyChannels() throws Exception {
		this.sender.deliverDue();
		SMTP.purgeEmailFromAllMailboxes();
		HOOKS.clear();
		hookStatus = 200;
	}

	@Test
	void anOverdueReviewAndAnOverdueApprovalAreEachAnnouncedOnceAndStayWithTheLeadsAdded() throws Exception {
		String mailbox = restrictedUser();
		ProcessInstance pi = start(mailbox);
		this.driver.runDueJobs();
		Task review = this.driver.task(pi, "Task_ReviewRecommendations");
		assertThat(review.getDueDate()).isCloseTo(new Date(ClockUtil.getCurrentTime().getTime() + 4 * 3600_000L), 5000);

		this.driver.advance(Duration.ofHours(4).plusMinutes(1));
		this.sender.deliverDue();
		Task late = this.driver.task(pi, "Task_ReviewRecommendations");
		assertThat(late.getId()).as("the same task, still open").isEqualTo(review.getId());
		assertThat(late.getPriority()).isEqualTo(90);
		assertThat(candidateGroups(late)).contains("soc-analysts", "soc-leads");
		List<MimeMessage> mails = mailsAbout(mailbox);
		assertThat(mails).hasSize(1);
		assertThat(mails.get(0).getSubject()).contains("Review overdue", "mailbox:" + mailbox);
		assertThat(mails.get(0).getAllRecipients()[0].toString()).isEqualTo("soc-leads@contoso.example");
		assertThat(GreenMailUtil.getBody(mails.get(0))).contains(mailbox, "nobody (unclaimed)", "#/?task=" + review.getId());
		assertThat(hooksAbout(mailbox)).hasSize(1);
		JsonNode hook = new ObjectMapper().readTree(hooksAbout(mailbox).get(0));
		assertThat(hook.path("event").asText()).isEqualTo("review-overdue");
		assertThat(hook.path("text").asText()).contains("Review overdue");
		assertThat(hook.path("link").asText()).endsWith("#/?task=" + review.getId());
		// Delivered once: another round sends nothing more.
		this.sender.deliverDue();
		assertThat(mailsAbout(mailbox)).hasSize(1);
		assertThat(hooksAbout(mailbox)).hasSize(1);
		assertThat(this.starter.openMailboxCase(TestTenants.SINGLE, mailbox, "test", "test").started()).as("the case is still open")
			.isFalse();

		// A claimed approval that nobody works on is overdue too, and the message names who holds it.
		this.driver.completeAs("analyst", "soc-analysts", late, Decisions.releaseMailbox());
		Task approval = this.driver.task(pi, "Task_ApproveRelease");
		this.taskService.claim(approval.getId(), "secadmin");
		this.driver.advance(Duration.ofHours(2).plusMinutes(1));
		this.sender.deliverDue();
		assertThat(mailsAbout(mailbox)).hasSize(2);
		assertThat(mailsAbout(mailbox).get(1).getSubject()).contains("Approval overdue");
		assertThat(GreenMailUtil.getBody(mailsAbout(mailbox).get(1))).contains("secadmin");
		assertThat(hooksAbout(mailbox)).hasSize(2);
		Task stillThere = this.driver.task(pi, "Task_ApproveRelease");
		assertThat(stillThere.getAssignee()).isEqualTo("secadmin");
		assertThat(candidateGroups(stillThere)).contains("security-admins", "soc-leads");
	}

	@Test
	void aNoticesLinkOpensTheTaskInTasklistOnThePortTheApplicationRunsOn(@TempDir Path downloads) throws Exception {
		String mailbox = restrictedUser();
		ProcessInstance pi = start(mailbox);
		this.driver.runDueJobs();
		Task review = this.driver.task(pi, "Task_ReviewRecommendations");
		this.driver.advance(Duration.ofHours(4).plusMinutes(1));
		this.sender.deliverDue();
		String link = new ObjectMapper().readTree(hooksAbout(mailbox).get(0)).path("link").asText();
		// Not 8080: the link names the port this application runs on (no base URL is set here).
		assertThat(link).isEqualTo("http://localhost:" + this.port + "/camunda/app/tasklist/default/#/?task="
				+ review.getId());

		WebDriver browser = Browsers.chromium(downloads);
		try {
			browser.get(link);
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=text]")))
				.sendKeys("lead");
			browser.findElement(By.cssSelector("input[type=password]")).sendKeys("lead");
			browser.findElement(By.cssSelector("button[type=submit]")).click();
			// Signed in, Tasklist opens the linked task: its name says whose review it is and that it is late. Waited
			// for by the name: the card shows the case's variables ("SLA User") before its name.
			WebElement task = wait.until(ExpectedConditions.visibilityOfElementLocated(
					By.xpath("//*[contains(@class, 'task-details') or contains(@class, 'task-card')]"
							+ "[contains(., 'Review: SLA User')]")));
			assertThat(task.getText()).contains("OVERDUE · Review: SLA User (" + mailbox + ")");
			assertThat(browser.getCurrentUrl()).startsWith("http://localhost:" + this.port + "/")
				.contains("task=" + review.getId());
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void theNoticeOfADryRunCaseSaysSoSoThatNobodyTakesARehearsalForTheRealThing() throws Exception {
		String mailbox = restrictedUser();
		CaseStarter.OpenedCase opened = this.starter.openMailboxCase(TestTenants.SINGLE, mailbox, true, "test", "test");
		ProcessInstance pi = this.runtimeService.createProcessInstanceQuery()
			.processInstanceId(opened.id())
			.singleResult();
		this.driver.runDueJobs();
		this.driver.task(pi, "Task_ReviewRecommendations");
		this.driver.advance(Duration.ofHours(4).plusMinutes(1));
		this.sender.deliverDue();
		assertThat(mailsAbout(mailbox)).hasSize(1);
		assertThat(mailsAbout(mailbox).get(0).getSubject()).contains("Review overdue");
		assertThat(GreenMailUtil.getBody(mailsAbout(mailbox).get(0))).contains("[DRY RUN]");
		JsonNode hook = new ObjectMapper().readTree(hooksAbout(mailbox).get(0));
		assertThat(hook.path("text").asText()).contains("[DRY RUN]");
		assertThat(hook.path("dryRun").asBoolean()).isTrue();
	}

	@Test
	void aReceiverThatIsDownCostsRetriesNeverTheCaseNorItsSecretUrl(CapturedOutput output) throws Exception {
		hookStatus = 503;
		String mailbox = restrictedUser();
		ProcessInstance pi = start(mailbox);
		this.driver.runDueJobs();
		this.driver.advance(Duration.ofHours(4).plusMinutes(1));
		this.sender.deliverDue();
		assertThat(hooksAbout(mailbox)).isEmpty();
		assertThat(mailsAbout(mailbox)).as("e-mail is independent of the webhook").hasSize(1);
		assertThat(this.jdbc.queryForObject("SELECT attempts FROM runbook_notification WHERE channel = 'webhook' "
				+ "AND case_key = ?", Integer.class, "mailbox:" + mailbox)).isEqualTo(1);
		// The webhook's URL is its credential: the failure names its host, in the table and in the log.
		assertThat(this.jdbc.queryForObject("SELECT last_error FROM runbook_notification WHERE channel = 'webhook' "
				+ "AND case_key = ?", String.class, "mailbox:" + mailbox))
			.isEqualTo("WebhookFailure: the webhook at 127.0.0.1 answered HTTP 503");
		assertThat(output).contains("the webhook at 127.0.0.1 answered HTTP 503").doesNotContain("/hook");
		// The case goes on meanwhile.
		this.driver.completeAs("analyst", "soc-analysts", this.driver.task(pi, "Task_ReviewRecommendations"),
				Decisions.releaseMailbox());
		this.driver.task(pi, "Task_ApproveRelease");

		hookStatus = 200;
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
			this.sender.deliverDue();
			return hooksAbout(mailbox).size() == 1;
		});
		assertThat(mailsAbout(mailbox)).hasSize(1);
	}

	@Test
	void anUnblockMicrosoftRefusesIsAnnouncedAsItsOwnEvent() throws Exception {
		String mailbox = restrictedUser();
		ProcessInstance pi = escalatedByTheUnblockLimit(mailbox);
		this.driver.escalationTask(pi);
		this.sender.deliverDue();
		assertThat(mailsAbout(mailbox)).singleElement()
			.satisfies((mail) -> assertThat(mail.getSubject()).contains("Unblock limit reached"));
		assertThat(hooksAbout(mailbox)).singleElement().asString().contains("\"event\":\"unblock-limit-reached\"");
	}

	@Test
	void anEscalationNobodyResolvesIsAnnouncedAgainEachDayToTheLeadsChannelAndItsOwnAddress() throws Exception {
		String mailbox = restrictedUser();
		ProcessInstance pi = escalatedByTheUnblockLimit(mailbox);
		Task escalation = this.driver.escalationTask(pi);
		assertThat(escalation.getDueDate()).isCloseTo(new Date(ClockUtil.getCurrentTime().getTime() + 24 * 3600_000L),
				5000);

		// The helpdesk's step, still open after its 8 hours, is announced to the leads (the default recipients).
		this.driver.advance(Duration.ofHours(8).plusMinutes(1));
		this.sender.deliverDue();
		assertThat(mailsAbout(mailbox)).filteredOn((mail) -> subject(mail).contains("User still locked out"))
			.singleElement()
			.satisfies((mail) -> assertThat(mail.getAllRecipients()[0].toString())
				.isEqualTo("soc-leads@contoso.example"));

		this.driver.advance(Duration.ofHours(16));
		this.sender.deliverDue();
		List<MimeMessage> overdue = mailsAbout(mailbox).stream()
			.filter((mail) -> subject(mail).contains("Escalation overdue"))
			.toList();
		assertThat(overdue).singleElement()
			.satisfies((mail) -> assertThat(mail.getAllRecipients()[0].toString())
				.isEqualTo("soc-manager@contoso.example"));
		assertThat(hooksAbout(mailbox)).filteredOn((hook) -> hook.contains("\"event\":\"escalation-overdue\""))
			.hasSize(1);

		// Nobody resolves it the next day either: announced again, and the task stays with the leads.
		this.driver.advance(Duration.ofHours(24).plusMinutes(1));
		this.sender.deliverDue();
		assertThat(mailsAbout(mailbox)).filteredOn((mail) -> subject(mail).contains("Escalation overdue")).hasSize(2);
		assertThat(hooksAbout(mailbox)).filteredOn((hook) -> hook.contains("\"event\":\"escalation-overdue\""))
			.hasSize(2);
		assertThat(this.driver.escalationTask(pi).getId()).isEqualTo(escalation.getId());
	}

	private static String subject(MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void deliveredMessagesAreForgottenWithTheHistoryTheyAnnounce() {
		Timestamp old = Timestamp.from(Instant.now().minus(Duration.ofDays(400)));
		Timestamp recent = Timestamp.from(Instant.now().minus(Duration.ofDays(10)));
		insertDelivered("purge-old", old);
		insertDelivered("purge-recent", recent);
		this.sender.purge();
		assertThat(this.jdbc.queryForList("SELECT id FROM runbook_notification WHERE id LIKE 'purge-%'", String.class))
			.containsExactly("purge-recent");
	}

	private void insertDelivered(String id, Timestamp at) {
		this.jdbc.update("INSERT INTO runbook_notification (id, channel, event, case_key, payload, created_at, attempts, "
				+ "next_attempt_at, delivered_at) VALUES (?, 'webhook', 'incident', 'mailbox:x@y.example', '{}', ?, 1, ?, ?)",
				id, at, at, at);
	}

	@Test
	void anIncidentIsAnnouncedToItsOwnRecipients() throws Exception {
		String mailbox = restrictedUser();
		this.tenant.faults().failFor(Duration.ofDays(1), 503, SimulatedApi.GRAPH, SimulatedApi.EXCHANGE);
		ProcessInstance pi = start(mailbox);
		for (int i = 0; i < 6; i++) {
			this.driver.advance(Duration.ofSeconds(2));
		}
		assertThat(this.runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
		this.sender.deliverDue();
		List<MimeMessage> mails = mailsAbout(mailbox);
		assertThat(mails).hasSize(1);
		assertThat(mails.get(0).getAllRecipients()[0].toString()).isEqualTo("camunda-admins@contoso.example");
		assertThat(GreenMailUtil.getBody(mails.get(0))).contains("Task_LoadRestriction", "503");
		assertThat(hooksAbout(mailbox)).singleElement().asString().contains("\"event\":\"incident\"");
	}

	/** The e-mails about the mailbox's case (other tests' cases may have become overdue with the clock too). */
	private static List<MimeMessage> mailsAbout(String mailbox) throws Exception {
		List<MimeMessage> about = new java.util.ArrayList<>();
		for (MimeMessage mail : SMTP.getReceivedMessages()) {
			if (mail.getSubject().contains("mailbox:" + mailbox)) {
				about.add(mail);
			}
		}
		return about;
	}

	private static List<String> hooksAbout(String mailbox) {
		return HOOKS.stream().filter((hook) -> hook.contains("\"mailbox:" + mailbox + "\"")).toList();
	}

	private List<String> candidateGroups(Task task) {
		return this.taskService.getIdentityLinksForTask(task.getId())
			.stream()
			.filter((link) -> "candidate".equals(link.getType()))
			.map(IdentityLink::getGroupId)
			.toList();
	}

	/** A case reviewed and approved whose unblock Microsoft refuses: escalated to the leads at once. */
	private ProcessInstance escalatedByTheUnblockLimit(String mailbox) {
		this.tenant.unblockLimit(0);
		ProcessInstance pi = start(mailbox);
		this.driver.runDueJobs();
		this.driver.completeAs("analyst", "soc-analysts", this.driver.task(pi, "Task_ReviewRecommendations"),
				Decisions.releaseMailbox());
		this.driver.completeAs("secadmin", "security-admins", this.driver.task(pi, "Task_ApproveRelease"),
				Decisions.approve());
		this.driver.runDueJobs();
		return pi;
	}

	private ProcessInstance start(String mailbox) {
		CaseStarter.OpenedCase opened = this.starter.openMailboxCase(TestTenants.SINGLE, mailbox, "test", "test");
		return this.runtimeService.createProcessInstanceQuery().processInstanceId(opened.id()).singleResult();
	}

	private String restrictedUser() {
		String mailbox = "sla.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "SLA User");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");
		return mailbox;
	}

}
