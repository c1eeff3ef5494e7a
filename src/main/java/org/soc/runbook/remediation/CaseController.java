package org.soc.runbook.remediation;

import java.util.Map;
import java.util.Set;

import org.soc.runbook.security.RunbookGroups;

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
class CaseController {

	private final CaseStarter starter;

	/** Authorities whose holders may open cases by hand: analysts, leads, administrators. */
	private final Set<String> mayOpen;

	private final String refusal;

	CaseController(CaseStarter starter, RunbookGroups groups) {
		this.starter = starter;
		this.mayOpen = Set.of("GROUP_" + groups.analysts(), "GROUP_" + groups.leads(), "GROUP_" + groups.admins());
		this.refusal = "only " + groups.analysts() + ", " + groups.leads() + " and " + groups.admins()
				+ " may open cases";
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> open(@RequestBody(required = false) Map<String, Object> body,
			Authentication user) {
		if (user.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(this.mayOpen::contains)) {
			return error(HttpStatus.FORBIDDEN, null, this.refusal);
		}
		if (body == null) {
			return error(HttpStatus.BAD_REQUEST, null, "a JSON body is required: {\"type\":\"mailbox\",\"address\":...} or {\"type\":\"connector\",\"connectorId\":...}");
		}
		CaseStarter.OpenedCase opened;
		try {
			opened = this.starter.openCase(body.get("type"), body.get("address"), body.get("connectorId"), "api",
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
