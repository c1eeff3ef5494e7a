package org.soc.runbook.tenant;

import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tenant's answers are attacker-influenced (anyone can make a list long) and are read with bounds: an answer over
 * the size limit or a list over the page limit is a clear error naming the limit, never a node out of memory.
 */
@RunbookIntegrationTest
class TenantAnswerLimitsTests {

	private static final AtomicInteger SENDERS = new AtomicInteger();

	@Autowired
	SimulatedTenant tenant;

	AccessTokenProvider tokens;

	@Autowired
	TenantEndpoints endpoints;

	@Autowired
	TenantProperties properties;

	@Autowired
	RestClient.Builder builder;

	@Autowired
	ObjectMapper json;

	/** The single tenant's clients: the deployment under test serves one. */
	@Autowired
	void singleTenantClients(RunbookTenants tenants) {
		this.tokens = tenants.clients(null).tokens();
	}

	@AfterEach
	void resetSimulator() {
		this.tenant.resetControls();
	}

	@Test
	void aListOfMorePagesThanTheLimitIsRefusedNamingTheLimit() {
		// The simulator answers 100 rows a page: 250 restricted senders (and any left by other tests) are 3 pages.
		for (int i = 0; i < 250; i++) {
			this.tenant.restrictSender("paged" + SENDERS.incrementAndGet() + "@contoso.onmicrosoft.com",
					"EmailSendingLimitExceeded;");
		}
		assertThatThrownBy(() -> exchange(DataSize.ofMegabytes(16), 2).getBlockedSenderAddresses())
			.isInstanceOf(TenantAnswerTooLargeException.class)
			.hasMessageContaining("more than 2 pages (runbook.tenant.max-pages)");
	}

	@Test
	void anAnswerLargerThanTheLimitIsRefusedWholeNamingTheLimit() {
		this.tenant.restrictSender("large" + SENDERS.incrementAndGet() + "@contoso.onmicrosoft.com",
				"EmailSendingLimitExceeded;");
		assertThatThrownBy(() -> exchange(DataSize.ofBytes(64), 200).getBlockedSenderAddresses())
			.isInstanceOf(TenantAnswerTooLargeException.class)
			.hasMessageContaining("larger than 64 bytes (runbook.tenant.max-answer-size)");
	}

	private ExchangeOnlineClient exchange(DataSize maxAnswer, int maxPages) {
		TenantProperties p = this.properties;
		TenantProperties bounded = new TenantProperties(p.tenantId(), p.clientId(), p.clientSecret(), p.authority(),
				p.graphUrl(), p.exchangeUrl(), p.graphScope(), p.exchangeScope(), p.connectTimeout(), p.readTimeout(),
				p.maxInlineRetryWait(), p.maxAttempts(), p.throttleBackoff(),
				p.exchangePageSize(), maxAnswer, maxPages, p.cloud(), p.certificateFile(),
				p.certificatePassword(), p.managedIdentity());
		TenantHttp http = new TenantHttp(TenantConfiguration.restClient(this.builder, bounded), this.tokens, bounded,
				(duration) -> Thread.sleep(duration.toMillis()), this.json);
		return new ExchangeOnlineClient(http, this.endpoints, bounded, this.json);
	}

}
