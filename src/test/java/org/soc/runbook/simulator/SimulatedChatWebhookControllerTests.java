package org.soc.runbook.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's chat channel as a page: newest first, every value escaped, no script, and a policy refusing one. */
class SimulatedChatWebhookControllerTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void messagesReadNewestFirstAndMarkupStaysText() throws Exception {
		SimulatedChatWebhookController channel = new SimulatedChatWebhookController();
		channel.receive(JSON.readTree("{\"event\":\"review-overdue\",\"text\":\"Review overdue for adele\","
				+ "\"link\":\"http://localhost:18181/camunda/app/tasklist/default/#/?task=1\",\"entity\":\"adele\"}"));
		channel.receive(JSON.readTree("{\"event\":\"incident\",\"text\":\"<script>alert(1)</script> failed\","
				+ "\"link\":\"javascript:alert(2)\",\"entity\":\"<img src=x onerror=alert(3)>\"}"));

		var page = channel.page();
		String html = page.getBody();
		assertThat(html.indexOf("incident")).as("newest first").isLessThan(html.indexOf("review-overdue"));
		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; failed", "&lt;img src=x onerror=alert(3)&gt;")
			.doesNotContain("<script", "<img", "javascript:")
			.contains("<a href=\"http://localhost:18181/camunda/app/tasklist/default/#/?task=1\">Open in Tasklist</a>");
		assertThat(page.getHeaders().getFirst("Content-Security-Policy")).startsWith("default-src 'none'");
		assertThat(channel.messages()).hasSize(2);
	}

}
