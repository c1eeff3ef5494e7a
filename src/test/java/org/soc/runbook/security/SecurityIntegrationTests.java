package org.soc.runbook.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.userdetails.UserDetailsService;

import static org.assertj.core.api.Assertions.assertThat;

/** Who gets through to {@code /engine-rest}, {@code /api}, the actuator and the webapps. */
@RunbookIntegrationTest
class SecurityIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identityService;

	@Autowired
	ApplicationContext context;

	@Test
	void engineRestRefusesAnonymousCallers() {
		ResponseEntity<String> response = this.http.getForEntity("/engine-rest/process-definition", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic realm=");
	}

	@Test
	void anonymousCannotCreateAUserThroughEngineRest() {
		ResponseEntity<String> response = this.http.postForEntity("/engine-rest/user/create",
				new org.springframework.http.HttpEntity<>(
						"{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"intruder\"}}",
						jsonHeaders()),
				String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.identityService.createUserQuery().userId("intruder").count()).isZero();
	}

	@Test
	void theFirstAdministratorSetUpIsClosedToEveryone() {
		ResponseEntity<String> response = this.http.postForEntity("/camunda/api/admin/setup/default/user/create",
				new org.springframework.http.HttpEntity<>(
						"{\"profile\":{\"id\":\"firstcomer\"},\"credentials\":{\"password\":\"firstcomer\"}}",
						jsonHeaders()),
				String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.identityService.createUserQuery().userId("firstcomer").count()).isZero();
	}

	@Test
	void theAdministratorIsLetInAndSeesEverything() {
		ResponseEntity<String> response = this.http.withBasicAuth("admin", "admin")
			.getForEntity("/engine-rest/process-definition", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
		// Not only its own group: camunda-admin holds every permission.
		ResponseEntity<String> groups = this.http.withBasicAuth("admin", "admin")
			.getForEntity("/engine-rest/group?member=analyst", String.class);
		assertThat(groups.getBody()).contains("soc-analysts");
	}

	@Test
	void anAnalystSeesOnlyWhatAuthorizationsAllow() {
		ResponseEntity<String> groups = this.http.withBasicAuth("analyst", "analyst")
			.getForEntity("/engine-rest/group", String.class);
		assertThat(groups.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(groups.getBody()).contains("soc-analysts").doesNotContain("camunda-admin");
	}

	@Test
	void camundaAuthorizationsApplyToTheSignedInUser() {
		// The auditor is a valid user without authorization to create users: the engine refuses, not the filter.
		ResponseEntity<String> response = this.http.withBasicAuth("auditor", "auditor")
			.postForEntity("/engine-rest/user/create", new org.springframework.http.HttpEntity<>(
					"{\"profile\":{\"id\":\"auditorsfriend\"},\"credentials\":{\"password\":\"x\"}}", jsonHeaders()),
					String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.identityService.createUserQuery().userId("auditorsfriend").count()).isZero();
	}

	@Test
	void aWrongPasswordIsRefused() {
		// A user of its own: Camunda locks a user out for a few seconds after a wrong password.
		User user = this.identityService.newUser("lockoutprobe");
		user.setPassword("right-password");
		this.identityService.saveUser(user);
		ResponseEntity<String> response = this.http.withBasicAuth("lockoutprobe", "wrong-password")
			.getForEntity("/engine-rest/process-definition", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void theProjectApiRefusesAnonymousCallers() {
		assertThat(this.http.getForEntity("/api/cases", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void healthIsPublicButOtherActuatorEndpointsAreForAdministrators() {
		assertThat(this.http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.http.getForEntity("/actuator", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.http.withBasicAuth("analyst", "analyst").getForEntity("/actuator", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.http.withBasicAuth("admin", "admin").getForEntity("/actuator", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void tasklistLoginPageAnswers() {
		ResponseEntity<String> response = this.http.getForEntity("/camunda/app/tasklist/", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("Tasklist");
	}

	@Test
	void springSecurityMakesUpNoUserOfItsOwn() {
		// Otherwise Boot logs a generated password at start-up and accepts a user that is not a Camunda user.
		assertThat(this.context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
	}

	private static HttpHeaders jsonHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
		return headers;
	}

}
