package org.soc.runbook.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The demo's stand-in for a Teams or Slack channel: {@code POST /sim/chat-webhook} accepts what an incoming webhook
 * accepts and keeps the last 50 messages; {@code GET /sim/chat-webhook} shows them newest first, as a page a person
 * reads in a browser (every value escaped, no script at all, and a policy that would refuse one) or as JSON for
 * scripts.
 */
@RestController
@ConditionalOnProperty(name = "runbook.simulator.enabled", havingValue = "true")
@RequestMapping("/sim/chat-webhook")
class SimulatedChatWebhookController {

	private static final int KEPT = 50;

	private final Deque<JsonNode> messages = new ArrayDeque<>();

	private final Deque<Instant> received = new ArrayDeque<>();

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	synchronized ResponseEntity<Void> receive(@RequestBody JsonNode message) {
		this.messages.addFirst(message);
		this.received.addFirst(Instant.now());
		while (this.messages.size() > KEPT) {
			this.messages.removeLast();
			this.received.removeLast();
		}
		return ResponseEntity.ok().build();
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	synchronized List<JsonNode> messages() {
		return List.copyOf(this.messages);
	}

	/** The channel as a person reads it: one card per message, newest first; refreshes itself every 10 seconds. */
	@GetMapping(produces = MediaType.TEXT_HTML_VALUE)
	synchronized ResponseEntity<String> page() {
		StringBuilder html = new StringBuilder("""
				<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
				<title>Demo chat channel</title><style>
				body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1b1b1b}
				header{background:#464775;color:#fff;padding:.6rem 1rem}h1{font-size:1.1rem;margin:0}
				main{padding:1rem;max-width:60rem}.message{background:#fff;border-left:4px solid #6264a7;margin:0 0 .8rem;
				padding:.6rem .8rem;box-shadow:0 1px 2px #0002}.event{font-weight:600}.at{color:#555;font-size:.85rem}
				.text{white-space:pre-wrap;margin:.4rem 0}dl{display:grid;grid-template-columns:max-content 1fr;
				gap:.1rem .8rem;font-size:.85rem;margin:.3rem 0 0}dt{color:#555}dd{margin:0;word-break:break-word}
				</style></head><body><header><h1>Demo chat channel: what a Teams or Slack channel would get</h1></header><main>
				""");
		if (this.messages.isEmpty()) {
			html.append("<p>No message yet. Escalations, overdue tasks and incidents arrive here.</p>");
		}
		Iterator<Instant> at = this.received.iterator();
		for (JsonNode message : this.messages) {
			html.append("<section class=\"message\"><div><span class=\"event\">")
				.append(escape(message.path("event").asText("message")))
				.append("</span> <span class=\"at\">received ")
				.append(escape(at.hasNext() ? at.next().toString() : ""))
				.append("</span></div><p class=\"text\">")
				.append(escape(message.path("text").asText("")))
				.append("</p>");
			String link = message.path("link").asText("");
			if (link.startsWith("http://") || link.startsWith("https://")) {
				html.append("<p><a href=\"").append(escape(link)).append("\">Open in Tasklist</a></p>");
			}
			html.append("<dl>");
			message.fields().forEachRemaining((field) -> {
				if (!List.of("event", "text", "link").contains(field.getKey())) {
					html.append("<dt>")
						.append(escape(field.getKey()))
						.append("</dt><dd>")
						.append(escape(field.getValue().isValueNode() ? field.getValue().asText()
								: field.getValue().toString()))
						.append("</dd>");
				}
			});
			html.append("</dl></section>");
		}
		html.append("</main></body></html>");
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
					+ "form-action 'none'; frame-ancestors 'none'")
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(html.toString());
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
	}

}
