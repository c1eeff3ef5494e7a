package org.soc.runbook.cases;

import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.soc.runbook.security.RunbookGroups;
import org.soc.runbook.tenant.RunbookTenant;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/cases}: a person opens a case by hand, {@code {"type":"mailbox","address":...}} or
 * {@code {"type":"connector","connectorId":<GUID>}}. 201 with the new case, 200 with the case already open for that
 * entity, 400 naming the wrong field, 403 for someone who may not open cases. Nothing is started on an error.
 */
@RestController
@RequestMapping("/api/cases")
@Tag(name = "Cases")
class CaseController {

	private final CaseStarter starter;

	private final CaseTenants tenants;

	/** Authorities whose holders may open cases by hand: analysts, leads, administrators. */
	private final Set<String> mayOpen;

	private final String refusal;

	CaseController(CaseStarter starter, CaseTenants tenants, RunbookGroups groups) {
		this.starter = starter;
		this.tenants = tenants;
		this.mayOpen = Set.of("GROUP_" + groups.analysts(), "GROUP_" + groups.leads(), "GROUP_" + groups.admins());
		this.refusal = "only " + groups.analysts() + ", " + groups.leads() + " and " + groups.admins()
				+ " may open cases";
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Open a case by hand", description = "For analysts, leads and administrators (HTTP basic). "
			+ "201: a case was started; 200: the entity already has an open case (its id is returned); 400 names the "
			+ "wrong field; 403: not one of those groups.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json", examples = {
							@ExampleObject(name = "mailbox", summary = "A mailbox",
									value = "{\"type\":\"mailbox\",\"address\":\"adele.vance@contoso.com\"}"),
							@ExampleObject(name = "connector", summary = "An inbound connector",
									value = "{\"type\":\"connector\",\"connectorId\":"
											+ "\"5a1d3c2e-7b9f-4e61-a0c4-2f8e9d3b6a71\"}"),
							@ExampleObject(name = "dryRun", summary = "A rehearsal: nothing is changed in the tenant",
									value = "{\"type\":\"mailbox\",\"address\":\"adele.vance@contoso.com\","
											+ "\"dryRun\":true}") })),
			responses = { @ApiResponse(responseCode = "201", description = "Case started",
					content = @Content(examples = @ExampleObject(value = "{\"id\":\"f7aa7430-e74c-11f1-b39e-02fc00000001\","
							+ "\"businessKey\":\"mailbox:adele.vance@contoso.com\",\"status\":\"started\"}"))),
					@ApiResponse(responseCode = "200", description = "The entity already has an open case"),
					@ApiResponse(responseCode = "400", description = "A field is missing or wrong (tenant: required when the person "
					+ "serves several, refused when they serve not that one); the answer names it"),
					@ApiResponse(responseCode = "403", description = "Not an analyst, lead or administrator") })
	ResponseEntity<Map<String, Object>> open(@RequestBody(required = false) Map<String, Object> body,
			@Parameter(hidden = true) Authentication user) {
		if (user.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(this.mayOpen::contains)) {
			return error(HttpStatus.FORBIDDEN, null, this.refusal);
		}
		if (body == null) {
			return error(HttpStatus.BAD_REQUEST, null, "a JSON body is required: {\"type\":\"mailbox\",\"address\":...} or {\"type\":\"connector\",\"connectorId\":...}");
		}
		CaseStarter.OpenedCase opened;
		try {
			// Only in a tenant the person serves: opening a case contains an account there.
			RunbookTenant tenant = this.tenants.forRequest(body.get("tenant"), user.getName());
			opened = this.starter.openCase(tenant, body.get("type"), body.get("address"), body.get("connectorId"),
					body.get("dryRun"), "api",
					user.getName());
		}
		catch (CaseStarter.InvalidCaseRequest ex) {
			return error(HttpStatus.BAD_REQUEST, ex.field(), ex.getMessage());
		}
		Map<String, Object> answer = Map.of("id", opened.id(), "businessKey", opened.businessKey(), "status",
				opened.started() ? "started" : "alreadyOpen");
		return ResponseEntity.status(opened.started() ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
	}

	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String field, String message) {
		return ResponseEntity.status(status)
			.body((field != null) ? Map.of("error", message, "field", field) : Map.of("error", message));
	}

}
