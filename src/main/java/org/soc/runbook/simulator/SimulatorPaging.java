package org.soc.runbook.simulator;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * OData paging as both services do it: a {@code value} array and, when more remain, an absolute
 * {@code @odata.nextLink} back to the same URL with a {@code $skiptoken}.
 */
final class SimulatorPaging {

	/** The URL of the request inside a JSON batch being answered, which is what its next link repeats. */
	private static final ThreadLocal<String> BATCHED_URL = new ThreadLocal<>();

	private SimulatorPaging() {
	}

	/** Answers one request of a batch: its pages link back to its own absolute, encoded URL, not to the batch. */
	static <T> T batched(String absoluteUrl, Supplier<T> answer) {
		BATCHED_URL.set(absoluteUrl);
		try {
			return answer.get();
		}
		finally {
			BATCHED_URL.remove();
		}
	}

	/** Fills {@code body}, a new answer, with the page of {@code items} that {@code skipToken} asks for. */
	static ObjectNode page(ObjectNode body, List<? extends JsonNode> items, String skipToken, int pageSize,
			String context) {
		int from = 0;
		if (skipToken != null) {
			try {
				from = Math.max(0, Integer.parseInt(skipToken));
			}
			catch (NumberFormatException ex) {
				throw SimulatedError.raise(400, "BadRequest", "Invalid skip token.");
			}
		}
		int size = Math.max(1, pageSize);
		int to = Math.min(items.size(), from + size);
		body.put("@odata.context", context);
		ArrayNode value = body.putArray("value");
		for (int i = from; i < to; i++) {
			value.add(items.get(i));
		}
		if (to < items.size()) {
			String batched = BATCHED_URL.get();
			UriComponentsBuilder self = (batched != null) ? UriComponentsBuilder.fromUriString(batched)
					: ServletUriComponentsBuilder.fromCurrentRequest();
			body.put("@odata.nextLink", self.replaceQueryParam("$skiptoken", to)
				.build(true)
				.toUriString());
		}
		return body;
	}

}
