package org.soc.runbook.simulator;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The identity platform's v2.0 token endpoint, client-credentials grant only:
 * {@code POST /sim/login/{tenant}/oauth2/v2.0/token} with a form body and a client secret or a signed client
 * assertion (certificate credentials), answering {@code {"token_type":"Bearer","expires_in":...,"access_token":...}}
 * or the documented error JSON; and the Azure instance metadata service's managed identity endpoint,
 * {@code GET /sim/imds/metadata/identity/oauth2/token?resource=...} with {@code Metadata: true}.
 */
@RestController
@ConditionalOnProperty(name = "runbook.simulator.enabled", havingValue = "true")
@RequestMapping("/sim")
class SimulatedTokenController {

	private static final Map<String, String> SCOPES = Map.of(SimulatorGate.GRAPH_AUDIENCE + "/.default",
			SimulatorGate.GRAPH_AUDIENCE, SimulatorGate.EXCHANGE_AUDIENCE + "/.default",
			SimulatorGate.EXCHANGE_AUDIENCE);

	/** Scopes a client may add to any request (MSAL adds them); they name no resource. */
	private static final List<String> OPENID_SCOPES = List.of("openid", "profile", "offline_access");

	/** The client assertion type of certificate credentials. */
	private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private final SimulatorGate gate;

	SimulatedTokenController(SimulatorGate gate) {
		this.gate = gate;
	}

	@PostMapping(path = "/login/{tenant}/oauth2/v2.0/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<?> token(@PathVariable String tenant, @RequestBody MultiValueMap<String, String> form) {
		String clientId = form.getFirst("client_id");
		String scope = form.getFirst("scope");
		Map<String, String> logged = new LinkedHashMap<>();
		logged.put("client_id", String.valueOf(clientId));
		logged.put("scope", String.valueOf(scope));
		return this.gate.handle(tenant, SimulatedApi.TOKEN, "token", null, "", logged, () -> {
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
			String audience = audience(scope);
			if (audience == null) {
				// Covers unknown resources and several resources in one request, which the platform refuses.
				throw SimulatedError.raise(400, "invalid_scope", "AADSTS70011: The provided request must include a "
						+ "'scope' input parameter. The provided value for the input parameter 'scope' is not valid.");
			}
			String secret = form.getFirst("client_secret");
			String assertion = form.getFirst("client_assertion");
			SimulatedTenant.IssuedToken token;
			if (assertion != null && JWT_BEARER.equals(form.getFirst("client_assertion_type"))) {
				token = this.gate.tenant().issueTokenForAssertion(clientId, assertion, audience);
			}
			else if (secret != null) {
				token = this.gate.tenant().issueToken(clientId, secret, audience);
			}
			else {
				throw SimulatedError.raise(401, "invalid_client", "AADSTS7000216: 'client_assertion', "
						+ "'client_secret' or 'request' is required for the 'client_credentials' grant type.");
			}
			ObjectNode body = this.gate.object()
				.put("token_type", "Bearer")
				.put("expires_in", token.expiresIn())
				.put("ext_expires_in", token.expiresIn())
				.put("access_token", token.value());
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
		});
	}

	/**
	 * A managed identity's token, as the instance metadata service answers it: only with the {@code Metadata} header
	 * (a guard against server-side request forgery), for a resource, with {@code expires_in} and {@code expires_on}
	 * as strings.
	 */
	@GetMapping(path = "/imds/metadata/identity/oauth2/token", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> managedIdentityToken(@RequestParam(required = false) String resource,
			@RequestParam(name = "client_id", required = false) String clientId,
			@RequestHeader(name = "Metadata", required = false) String metadata) {
		Map<String, String> logged = new LinkedHashMap<>();
		logged.put("resource", String.valueOf(resource));
		logged.put("client_id", String.valueOf(clientId));
		return this.gate.handle(SimulatedApi.TOKEN, "managedIdentityToken", null, "", logged, () -> {
			if (!"true".equalsIgnoreCase(metadata)) {
				throw SimulatedError.raise(400, "invalid_request", "Required metadata header not specified");
			}
			String audience = (resource != null) ? SCOPES.get(resource.replaceAll("/+$", "") + "/.default") : null;
			if (audience == null) {
				throw SimulatedError.raise(400, "invalid_resource",
						"AADSTS500011: The resource principal named " + resource + " was not found in the tenant.");
			}
			SimulatedTenant.IssuedToken token = this.gate.tenant().issueTokenForManagedIdentity(clientId, audience);
			ObjectNode body = this.gate.object()
				.put("access_token", token.value())
				.put("expires_in", String.valueOf(token.expiresIn()))
				.put("expires_on", String.valueOf(token.expiresAt().getEpochSecond()))
				.put("resource", resource)
				.put("token_type", "Bearer");
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
		});
	}

	/**
	 * The one resource the scopes name, or null: the OpenID Connect scopes Microsoft's libraries add are ignored, as
	 * the platform does for this grant; two resources in one request are refused.
	 */
	private static String audience(String scope) {
		if (scope == null) {
			return null;
		}
		List<String> resources = Arrays.stream(scope.trim().split("\\s+"))
			.filter((s) -> !s.isEmpty() && !OPENID_SCOPES.contains(s))
			.toList();
		return (resources.size() == 1) ? SCOPES.get(resources.get(0)) : null;
	}

}
