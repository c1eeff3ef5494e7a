package org.soc.runbook.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.WebappSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Password guessing over HTTP, on the API (HTTP basic) and the webapps' login form: it is slowed down, the wait
 * expires on its own, an administrator can lift it at once, and no number of wrong passwords locks an account for
 * good. The test profile's waits are 100 ms doubling to 1 s (production's: 1 s to 5 minutes), after three free
 * failures; a try during the wait is refused without checking the password, and does not count.
 */
@RunbookIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottlingTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identityService;

	@LocalServerPort
	int port;

	@Test
	void guessingIsSlowedAndTheRightPasswordWaitsTooUntilTheWaitExpires(CapturedOutput output) {
		String user = user();
		// Eight failures, each after the wait the ones before it earned: three free, then 100 ms doubling, which the
		// eighth brings to the longest, 1 s.
		for (int failures = 0; failures < 8; failures++) {
			pause(waitAfter(failures).plusMillis(50));
			assertThat(api(user, "wrong")).isEqualTo(HttpStatus.UNAUTHORIZED);
		}
		assertThat(api(user, user)).as("the right password waits too").isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(output).contains("Sign-in of '" + user + "' from 127.0.0.1 refused without checking the password");
		await().pollDelay(Duration.ofMillis(500))
			.pollInterval(Duration.ofMillis(250))
			.atMost(Duration.ofSeconds(5))
			.until(() -> api(user, user), HttpStatus.OK::equals);
	}

	@Test
	void noNumberOfFailuresLocksTheAccountForGood(CapturedOutput output) {
		String user = user();
		// Eleven failures each checked against the password (more than Camunda's ten, after which it would lock the
		// account until an administrator unlocks it): each try after the wait the ones before it earned.
		for (int failures = 0; failures < 11; failures++) {
			pause(waitAfter(failures).plusMillis(50));
			assertThat(api(user, "wrong")).isEqualTo(HttpStatus.UNAUTHORIZED);
		}
		assertThat(output).contains("Failed sign-in of '" + user + "' from 127.0.0.1 (11 in a row from there)");
		pause(waitAfter(11).plusMillis(50));
		assertThat(api(user, user)).isEqualTo(HttpStatus.OK);
	}

	@Test
	void theWebappsLoginFormIsThrottledTooAndAnAdministratorLiftsTheWait(CapturedOutput output) {
		String user = user();
		String base = "http://localhost:" + this.port;
		for (int failures = 0; failures < 6; failures++) {
			pause(waitAfter(failures).plusMillis(50));
			assertThat(WebappSession.tryLogin(base, user, "wrong")).isEqualTo(401);
		}
		assertThat(output).contains("Failed sign-in of '" + user + "' from 127.0.0.1 (6 in a row from there)");
		assertThat(this.http.withBasicAuth("admin", "admin")
			.postForEntity("/engine-rest/user/" + user + "/unlock", null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(output).contains("Sign-ins of '" + user + "' unlocked by an administrator");
		assertThat(WebappSession.tryLogin(base, user, user)).as("at once, without waiting").isEqualTo(200);
	}

	/** The wait the test profile's rule sets after this many failures in a row. */
	private static Duration waitAfter(int failures) {
		return (failures <= 3) ? Duration.ZERO
				: Duration.ofMillis(Math.min(100L << (failures - 4), 1000L));
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpStatusCode api(String user, String password) {
		return this.http.withBasicAuth(user, password).getForEntity("/engine-rest/user", String.class).getStatusCode();
	}

	private String user() {
		String id = "guessed" + USERS.incrementAndGet();
		User user = this.identityService.newUser(id);
		user.setPassword(id);
		this.identityService.saveUser(user);
		this.identityService.createMembership(id, "soc-analysts");
		return id;
	}

}
