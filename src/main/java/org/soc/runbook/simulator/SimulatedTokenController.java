package org.soc.runbook.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The identity platform's v2.0 token endpoint, client-credentials grant only:
 * {@code POST /sim/login/{tenant}/oauth2/v2.0/token} with a form body, answering
 * {@code {"token_type":"Bearer","expires_in":...,"access_token":...}} or the documented error JSON.
 */
@RestController
@ConditionalOnProperty(name = "runbook.simulator.enabled", havingValue = "true")
@RequestMapping("/sim/login")
class SimulatedTokenController {

	private static final Map<String, String> SCOPES = Map.of(SimulatorGate.GRAPH_AUDIENCE + "/.default",
			SimulatorGate.GRAPH_AUDIENCE, SimulatorGate.EXCHANGE_AUDIENCE + "/.default",
			SimulatorGate.EXCHANGE_AUDIENCE);

	private final SimulatorGate gate;

	SimulatedTokenController(SimulatorGate gate) {
		this.gate = gate;
	}

	@PostMapping(path = "/{tenant}/oauth2/v2.0/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<?> token(@PathVariable String tenant, @RequestBody MultiValueMap<String, String> form) {
		String clientId = form.getFirst("client_id");
		String scope = form.getFirst("scope");
		Map<String, String> logged = new LinkedHashMap<>();
		logged.put("client_id", String.valueOf(clientId));
		logged.put("scope", String.valueOf(scope));
		return this.gate.handle(SimulatedApi.TOKEN, "token", null, "", logged, () -> {
			if (!tenant.equalsIgnoreCase(this.gate.tenant().tenantId())) {
				throw SimulatedError.raise(400, "invalid_request",
						"AADSTS90002: Tenant '" + tenant + "' not found. Check to make sure you have the correct "
								+ "tenant ID and are signing into the correct cloud.");
			}
			if (!"client_credentials".equals(form.getFirst("grant_type"))) {
				throw SimulatedError.raise(400, "unsupported_grant_type",
						"AADSTS70003: The app requested an unsupported grant type.");
			}
			if (clientId == null || clientId.isBlank()) {
				throw SimulatedError.raise(400, "invalid_request",
						"AADSTS900144: The request body must contain the following parameter: 'client_id'.");
			}
			String audience = (scope != null) ? SCOPES.get(scope.trim()) : null;
			if (audience == null) {
				// Covers unknown resources and several resources in one request, which the platform refuses.
				throw SimulatedError.raise(400, "invalid_scope", "AADSTS70011: The provided request must include a "
						+ "'scope' input parameter. The provided value for the input parameter 'scope' is not valid.");
			}
			String secret = form.getFirst("client_secret");
			if (secret == null) {
				throw SimulatedError.raise(401, "invalid_client", "AADSTS7000216: 'client_assertion', "
						+ "'client_secret' or 'request' is required for the 'client_credentials' grant type.");
			}
			SimulatedTenant.IssuedToken token = this.gate.tenant().issueToken(clientId, secret, audience);
			ObjectNode body = this.gate.object()
				.put("token_type", "Bearer")
				.put("expires_in", token.expiresIn())
				.put("ext_expires_in", token.expiresIn())
				.put("access_token", token.value());
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
		});
	}

}
