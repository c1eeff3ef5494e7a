package org.soc.runbook.simulator;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * OData paging as both services do it: a {@code value} array and, when more remain, an absolute
 * {@code @odata.nextLink} back to the same URL with a {@code $skiptoken}.
 */
final class SimulatorPaging {

	private SimulatorPaging() {
	}

	static ObjectNode page(List<? extends JsonNode> items, String skipToken, int pageSize, String context) {
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
		ObjectNode body = SimulatorGate.JSON.createObjectNode();
		body.put("@odata.context", context);
		ArrayNode value = body.putArray("value");
		for (int i = from; i < to; i++) {
			value.add(items.get(i));
		}
		if (to < items.size()) {
			body.put("@odata.nextLink", ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("$skiptoken", to)
				.build(true)
				.toUriString());
		}
		return body;
	}

}
