package org.soc.runbook.tenant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link TenantErrors}: how each kind of answer becomes a typed failure. */
class TenantErrorsTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void graph403ForMissingPremiumLicenceIsUnlicensedNotJustForbidden() throws Exception {
		TenantException unlicensed = graph(403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
				"Neither tenant is B2C or tenant doesn't have premium license");
		TenantException forbidden = graph(403, "Authorization_RequestDenied",
				"Insufficient privileges to complete the operation.");
		assertThat(unlicensed).isInstanceOf(TenantUnlicensedException.class);
		assertThat(forbidden).isInstanceOf(TenantForbiddenException.class)
			.isNotInstanceOf(TenantUnlicensedException.class);
		assertThat(forbidden.isRetryable()).isFalse();
	}

	@Test
	void throttlingCarriesRetryAfterInSecondsOrAsHttpDate() throws Exception {
		HttpHeaders seconds = new HttpHeaders();
		seconds.set(HttpHeaders.RETRY_AFTER, "17");
		TenantException throttled = TenantErrors.fromResponse(TenantApi.GRAPH, "getUser", 429, seconds, null);
		assertThat(throttled).isInstanceOf(TenantThrottledException.class);
		assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(17));
		assertThat(throttled.isRetryable()).isTrue();

		HttpHeaders none = new HttpHeaders();
		assertThat(TenantErrors.fromResponse(TenantApi.GRAPH, "getRiskyUser", 429, none, null).retryAfter()).isEmpty();

		HttpHeaders date = new HttpHeaders();
		date.set(HttpHeaders.RETRY_AFTER, "Wed, 21 Oct 2015 07:28:00 GMT");
		assertThat(TenantErrors.retryAfter(date)).isEqualTo(Duration.ZERO);
	}

	@Test
	void exchangeConcurrencyTextIsThrottlingWhateverTheStatus() throws Exception {
		JsonNode body = json("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"You have reached the maximum "
				+ "number of concurrent requests per tenant. Please wait and try again\"}}");
		assertThat(TenantErrors.fromResponse(TenantApi.EXCHANGE, "Get-InboxRule", 400, new HttpHeaders(), body))
			.isInstanceOf(TenantThrottledException.class);
	}

	@Test
	void serverErrorsAreTransient() {
		TenantException ex = TenantErrors.fromResponse(TenantApi.EXCHANGE, "Get-Mailbox", 503, new HttpHeaders(), null);
		assertThat(ex).isInstanceOf(TenantTransientException.class);
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage()).isEqualTo("Exchange Online Get-Mailbox failed: HTTP 503");
	}

	@Test
	void exchangeDetailsAreSplitIntoTypeAndText() throws Exception {
		JsonNode body = json("{\"error\":{\"code\":\"BadRequest\",\"message\":\"Error executing cmdlet\",\"details\":"
				+ "[{\"message\":\"Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|"
				+ "The operation couldn't be performed because object 'x' couldn't be found.\"}]}}");
		TenantException ex = TenantErrors.fromResponse(TenantApi.EXCHANGE, "Get-Mailbox", 400, new HttpHeaders(),
				body);
		assertThat(ex).isInstanceOf(TenantNotFoundException.class);
		assertThat(ex.errorCode()).isEqualTo("ManagementObjectNotFoundException");
		assertThat(ex.getMessage()).endsWith("object 'x' couldn't be found.");
	}

	@Test
	void anApisOwnRefusalIsTypedByItsClientAfterThrottlingAndBeforeTheStatus() throws Exception {
		JsonNode body = json("{\"error\":{\"details\":[{\"message\":\"Ex1|Microsoft.Exchange.Management.Tasks."
				+ "UnblockLimitExceededException|The entity has reached the unblock limit.\"}]}}");
		List<TenantRefusal> asked = new ArrayList<>();
		TenantException own = new TenantRequestException(TenantApi.EXCHANGE, "own", 0, null, null);
		TenantException typed = TenantErrors.fromResponse(TenantApi.EXCHANGE, "Remove-BlockedSenderAddress", 403,
				new HttpHeaders(), body, (refusal) -> {
					asked.add(refusal);
					return own;
				});
		assertThat(typed).isSameAs(own);
		assertThat(asked).singleElement().satisfies((refusal) -> {
			assertThat(refusal.serviceType())
				.isEqualTo("Microsoft.Exchange.Management.Tasks.UnblockLimitExceededException");
			assertThat(refusal.errorCode()).isEqualTo("UnblockLimitExceededException");
			assertThat(refusal.detail()).isEqualTo("The entity has reached the unblock limit.");
			assertThat(refusal.status()).isEqualTo(403);
		});
		assertThat(TenantErrors.fromResponse(TenantApi.EXCHANGE, "Remove-BlockedSenderAddress", 403,
				new HttpHeaders(), body, (refusal) -> null))
			.isInstanceOf(TenantForbiddenException.class);
		assertThat(TenantErrors.fromResponse(TenantApi.EXCHANGE, "Remove-BlockedSenderAddress", 429,
				new HttpHeaders(), body, (refusal) -> own))
			.isInstanceOf(TenantThrottledException.class);
	}

	@Test
	void serviceTextIsKeptToOneBoundedLine() throws Exception {
		JsonNode body = json("{\"error\":{\"code\":\"x\",\"message\":\"line one\\nFAKE LOG LINE " + "y".repeat(900)
				+ "\"}}");
		TenantException ex = TenantErrors.fromResponse(TenantApi.GRAPH, "getUser", 400, new HttpHeaders(), body);
		assertThat(ex.getMessage()).doesNotContain("\n").hasSizeLessThan(500);
	}

	@Test
	void tokenErrorsKeepOnlyTheFirstLineOfTheDescription() throws Exception {
		JsonNode body = json("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client "
				+ "secret provided.\\r\\nTrace ID: abc\\r\\nCorrelation ID: def\"}");
		TenantException ex = TenantErrors.fromTokenResponse("token", 401, new HttpHeaders(), body);
		assertThat(ex).isInstanceOf(TenantAuthenticationException.class);
		assertThat(ex.getMessage()).contains("invalid_client", "AADSTS7000215").doesNotContain("Trace ID");
	}

	@Test
	void pagingLinksToAnotherHostAreRefused() {
		java.net.URI base = java.net.URI.create("https://graph.microsoft.com");
		assertThat(TenantHttp.sameOrigin(TenantApi.GRAPH, "listSignIns", base,
				"https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=2"))
			.hasHost("graph.microsoft.com");
		assertThatThrownBy(() -> TenantHttp.sameOrigin(TenantApi.GRAPH, "listSignIns", base,
				"https://attacker.example/v1.0/auditLogs/signIns"))
			.isInstanceOf(TenantRequestException.class)
			.hasMessageContaining("attacker.example");
	}

	private static TenantException graph(int status, String code, String message) throws Exception {
		return TenantErrors.fromResponse(TenantApi.GRAPH, "listSignIns", status, new HttpHeaders(),
				json("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}"));
	}

	private static JsonNode json(String text) throws Exception {
		return JSON.readTree(text);
	}

}
