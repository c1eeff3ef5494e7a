package org.soc.runbook.detection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.CaseTenants;
import org.soc.runbook.tenant.RunbookTenant;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/restrictions}: pushed detections from a SIEM, a Logic App or an alert forwarder. The caller proves
 * it knows the shared secret with {@code Authorization: Bearer <secret>} or {@code X-Signature: sha256=<hex HMAC of
 * the body>}; both are compared in constant time. Body: {@code {"type":"mailbox","address":...}} or
 * {@code {"type":"connector","connectorId":<GUID>}}, with optional {@code source} and {@code alertId}. Answers 201
 * (case started), 200 (case already open), 400 (which field and why), 401, 413, 415; nothing is started or stored on
 * an error.
 */
@RestController
@Tag(name = "Detection")
class RestrictionIntakeController {

	private static final Logger LOG = LoggerFactory.getLogger(RestrictionIntakeController.class);

	private final DetectionProperties properties;

	private final CaseStarter starter;

	private final CaseTenants tenants;

	private final ObjectMapper objectMapper;

	RestrictionIntakeController(DetectionProperties properties, CaseStarter starter, CaseTenants tenants,
			ObjectMapper objectMapper) {
		this.tenants = tenants;
		this.properties = properties;
		this.starter = starter;
		this.objectMapper = objectMapper;
	}

	@PostMapping("/api/restrictions")
	@Operation(summary = "Report a restricted mailbox or connector", description = "For SIEMs, Logic Apps and alert "
			+ "forwarders. Authenticated by the shared secret (runbook.detection.intake-secret): Authorization: Bearer "
			+ "<secret>, or X-Signature: sha256=<hex HMAC-SHA256 of the exact body>. 201: a case was started; 200: the "
			+ "entity already has an open case; 400 names the wrong field; nothing is started on an error.",
			security = { @SecurityRequirement(name = "intakeBearer"), @SecurityRequirement(name = "intakeSignature") },
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json", examples = {
							@ExampleObject(name = "mailbox", summary = "A restricted mailbox",
									value = "{\"type\":\"mailbox\",\"address\":\"adele.vance@contoso.com\","
											+ "\"source\":\"sentinel\",\"alertId\":\"da637f-0001\"}"),
							@ExampleObject(name = "connector", summary = "A restricted inbound connector",
									value = "{\"type\":\"connector\",\"connectorId\":"
											+ "\"5a1d3c2e-7b9f-4e61-a0c4-2f8e9d3b6a71\",\"source\":\"logic-app\"}"),
							@ExampleObject(name = "dryRun", summary = "A rehearsal: nothing is changed in the tenant",
									value = "{\"type\":\"mailbox\",\"address\":\"adele.vance@contoso.com\","
											+ "\"source\":\"rehearsal\",\"dryRun\":true}") })),
			responses = { @ApiResponse(responseCode = "201", description = "Case started",
					content = @Content(examples = @ExampleObject(value = "{\"id\":\"f7aa7430-e74c-11f1-b39e-02fc00000001\","
							+ "\"businessKey\":\"mailbox:adele.vance@contoso.com\",\"status\":\"started\"}"))),
					@ApiResponse(responseCode = "200", description = "The entity already has an open case"),
					@ApiResponse(responseCode = "400", description = "A field is missing or wrong; the answer names it"),
					@ApiResponse(responseCode = "401", description = "No or a wrong secret or signature"),
					@ApiResponse(responseCode = "413", description = "Body larger than runbook.detection.intake-max-bytes"),
					@ApiResponse(responseCode = "415", description = "Not JSON") })
	ResponseEntity<Map<String, Object>> intake(@Parameter(hidden = true) HttpServletRequest request)
			throws IOException {
		int limit = this.properties.intakeMaxBytes();
		if (request.getContentLengthLong() > limit) {
			return error(HttpStatus.PAYLOAD_TOO_LARGE, null, "the body is larger than " + limit + " bytes");
		}
		byte[] body = readAtMost(request.getInputStream(), limit + 1);
		if (body.length > limit) {
			return error(HttpStatus.PAYLOAD_TOO_LARGE, null, "the body is larger than " + limit + " bytes");
		}
		if (!isJson(request.getContentType())) {
			return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, "send the detection as application/json");
		}
		String secret = this.properties.intakeSecret();
		if (secret == null || secret.isBlank()) {
			return error(HttpStatus.SERVICE_UNAVAILABLE, null,
					"the intake is off: set runbook.detection.intake-secret (RUNBOOK_INTAKE_SECRET)");
		}
		if (!authenticated(request, body, secret)) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"restriction intake\"")
				.body(Map.of("error", "a valid bearer token or X-Signature is required"));
		}
		JsonNode json;
		try {
			json = this.objectMapper.readTree(body);
		}
		catch (IOException malformed) {
			return error(HttpStatus.BAD_REQUEST, null, "the body is not valid JSON");
		}
		if (json == null || !json.isObject()) {
			return error(HttpStatus.BAD_REQUEST, null, "the body must be a JSON object");
		}
		String source = optionalText(json, "source", 100);
		String alertId = optionalText(json, "alertId", 200);
		if (source == null && json.hasNonNull("source")) {
			return error(HttpStatus.BAD_REQUEST, "source", "source must be a string of at most 100 printable characters");
		}
		if (alertId == null && json.hasNonNull("alertId")) {
			return error(HttpStatus.BAD_REQUEST, "alertId", "alertId must be a string of at most 200 printable characters");
		}
		CaseStarter.OpenedCase opened;
		try {
			JsonNode dryRun = json.get("dryRun");
			// The provider's SIEM pushes for every customer: the detection names its tenant when there are many.
			RunbookTenant tenant = this.tenants.forRequest(text(json, "tenant"), null);
			opened = this.starter.openCase(tenant, text(json, "type"), text(json, "address"), text(json, "connectorId"),
					(dryRun == null || dryRun.isNull()) ? null : dryRun.isBoolean() ? dryRun.booleanValue() : dryRun,
					"intake:" + ((source != null) ? source : "unnamed"), "restriction-intake");
		}
		catch (CaseStarter.InvalidCaseRequest ex) {
			return error(HttpStatus.BAD_REQUEST, ex.field(), ex.getMessage());
		}
		if (opened.started()) {
			LOG.info("Intake opened case {} (source {}, alert {})", opened.businessKey(), source, alertId);
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("id", opened.id());
		answer.put("businessKey", opened.businessKey());
		answer.put("status", opened.started() ? "started" : "alreadyOpen");
		return ResponseEntity.status(opened.started() ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
	}

	static boolean authenticated(HttpServletRequest request, byte[] body, String secret) {
		byte[] expectedToken = secret.getBytes(StandardCharsets.UTF_8);
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
			return MessageDigest.isEqual(presented, expectedToken);
		}
		String signature = request.getHeader("X-Signature");
		if (signature != null && signature.regionMatches(true, 0, "sha256=", 0, 7)) {
			byte[] expected = HexFormat.of().formatHex(hmac(secret, body)).getBytes(StandardCharsets.US_ASCII);
			byte[] presented = signature.substring(7).trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
			return MessageDigest.isEqual(presented, expected);
		}
		return false;
	}

	static byte[] hmac(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	private static byte[] readAtMost(InputStream in, int max) throws IOException {
		return in.readNBytes(max);
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The field's text, or null when it is absent or not a string. */
	private static String text(JsonNode json, String field) {
		return json.path(field).isTextual() ? json.path(field).asText() : null;
	}

	/** A short, printable string field, or null when absent or unfit. */
	private static String optionalText(JsonNode json, String field, int max) {
		JsonNode value = json.get(field);
		if (value == null || !value.isTextual()) {
			return null;
		}
		String text = value.asText();
		if (text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
			return null;
		}
		return text;
	}

	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String field, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", message);
		if (field != null) {
			body.put("field", field);
		}
		return ResponseEntity.status(status).body(body);
	}

}
