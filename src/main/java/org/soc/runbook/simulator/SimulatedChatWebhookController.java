package org.soc.runbook.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's stand-in for a Teams or Slack channel: {@code POST /sim/chat-webhook} accepts what an incoming webhook
 * accepts and keeps the last 50 messages; {@code GET /sim/chat-webhook} shows them, newest first, as JSON (served as
 * data, never as a page, so nothing in a message can run).
 */
@RestController
@ConditionalOnProperty(name = "runbook.simulator.enabled", havingValue = "true")
@RequestMapping("/sim/chat-webhook")
class SimulatedChatWebhookController {

	private static final int KEPT = 50;

	private final Deque<JsonNode> messages = new ArrayDeque<>();

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	synchronized ResponseEntity<Void> receive(@RequestBody JsonNode message) {
		this.messages.addFirst(message);
		while (this.messages.size() > KEPT) {
			this.messages.removeLast();
		}
		return ResponseEntity.ok().build();
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	synchronized List<JsonNode> messages() {
		return List.copyOf(this.messages);
	}

}
