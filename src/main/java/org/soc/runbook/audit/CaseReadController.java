package org.soc.runbook.audit;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.soc.runbook.cases.CaseTenants;
import org.soc.runbook.security.RunbookGroups;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case API for reading, open and closed cases alike: {@code GET /api/cases} (filters and paging, newest first),
 * {@code GET /api/cases/{id}} (summary) and {@code GET /api/cases/{id}/audit} (the timeline; JSON or CSV by
 * {@code format} or {@code Accept}, with the SHA-256 of the exported bytes in {@code X-Content-SHA256} and
 * {@code Repr-Digest}). Only GET: nothing here can change a case or its history. Readers are the runbook's groups;
 * anyone else signed in gets 403.
 */
@RestController
@RequestMapping("/api/cases")
@Tag(name = "Cases")
class CaseReadController {

	static final String TEXT_CSV = "text/csv";

	private static final int MAX_PAGE_SIZE = 200;

	private final CaseHistory history;

	private final Set<String> readers;

	private final AuditExport export;

	private final CaseDiagram diagrams;

	private final CaseTenants tenants;

	private final String admins;

	CaseReadController(CaseHistory history, RunbookGroups groups, AuditExport export, CaseDiagram diagrams,
			CaseTenants tenants) {
		this.history = history;
		this.tenants = tenants;
		this.admins = "GROUP_" + groups.admins();
		this.diagrams = diagrams;
		this.export = export;
		this.readers = Set.copyOf(groups.all().stream().map((group) -> "GROUP_" + group).toList());
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "List cases, newest first", description = "Open and closed cases with filters and paging, "
			+ "for the runbook's groups (HTTP basic). A wrong filter is a 400 that names it, never an empty list.")
	@ApiResponse(responseCode = "200", description = "One page of cases and the number of all that match",
			content = @Content(examples = @ExampleObject(value = "{\"cases\":[{\"id\":\"f7aa7430-e74c-11f1-b39e-02fc00000001\","
					+ "\"businessKey\":\"mailbox:adele.vance@contoso.com\",\"type\":\"mailbox\",\"entity\":"
					+ "\"adele.vance@contoso.com\",\"state\":\"closed\",\"outcome\":\"releasedAndVerified\"}],"
					+ "\"page\":0,\"size\":25,\"total\":1}")))
	ResponseEntity<?> list(
			@Parameter(description = "open or closed", example = "closed") @RequestParam(required = false) String state,
			@Parameter(description = "mailbox or connector", example = "mailbox") @RequestParam(required = false) String type,
			@Parameter(description = "part of the address or connector GUID", example = "adele")
			@RequestParam(required = false) String entity,
			@Parameter(description = "opened at or after (ISO-8601)", example = "2026-11-01T00:00:00Z")
			@RequestParam(required = false) String from,
			@Parameter(description = "opened before (ISO-8601)", example = "2026-12-01T00:00:00Z")
			@RequestParam(required = false) String to,
			@Parameter(description = "how the case ended", example = "releasedAndVerified")
			@RequestParam(required = false) String outcome,
			@Parameter(description = "only repeats (true) or only first cases (false)", example = "true")
			@RequestParam(required = false) String repeat,
			@Parameter(description = "the user id of someone who opened, reviewed, approved or decided it", example = "analyst")
			@RequestParam(required = false) String person,
			@Parameter(description = "the key of a tenant you serve: its cases only", example = "contoso")
			@RequestParam(required = false) String tenant,
			@Parameter(description = "page number, from 0", example = "0") @RequestParam(defaultValue = "0") String page,
			@Parameter(description = "cases per page, 1 to 200", example = "25") @RequestParam(defaultValue = "25") String size,
			@Parameter(hidden = true) Authentication user) {
		if (!mayRead(user)) {
			return forbidden();
		}
		CaseFilter filter;
		try {
			filter = CaseFilter.parse(state, type, entity, from, to, outcome, repeat, person, tenant);
		}
		catch (CaseFilter.InvalidFilterException ex) {
			return error(HttpStatus.BAD_REQUEST, ex.field(), ex.getMessage());
		}
		Integer pageNumber = number(page, 0, 1_000_000);
		if (pageNumber == null) {
			return error(HttpStatus.BAD_REQUEST, "page", "page must be a whole number from 0");
		}
		Integer pageSize = number(size, 1, MAX_PAGE_SIZE);
		if (pageSize == null) {
			return error(HttpStatus.BAD_REQUEST, "size", "size must be a whole number from 1 to " + MAX_PAGE_SIZE);
		}
		// Camunda's administrators see every tenant's cases, as in Cockpit; everyone else those of the tenants they serve.
		Set<String> visible = (this.tenants.single() || user.getAuthorities()
			.stream()
			.anyMatch((authority) -> this.admins.equals(authority.getAuthority()))) ? null
					: this.tenants.servedBy(user.getName());
		return ResponseEntity.ok(this.history.list(filter, pageNumber, pageSize, visible));
	}

	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A case's summary", description = "Who reviewed and approved, when it was unblocked and "
			+ "released, the outcome and the escalations. 404 when there is no such case.")
	ResponseEntity<?> summary(
			@Parameter(description = "the case id (its process instance id)", example = "f7aa7430-e74c-11f1-b39e-02fc00000001")
			@PathVariable String id, @Parameter(hidden = true) Authentication user) {
		if (!mayRead(user)) {
			return forbidden();
		}
		CaseSummary summary = validId(id) ? this.history.summary(id) : null;
		return (summary != null) ? ResponseEntity.ok(summary) : notFound();
	}

	@GetMapping(path = "/{id}/audit")
	@Operation(summary = "A case's audit timeline, JSON or CSV", description = "One entry per fact: every step, "
			+ "tenant action, decision with its user and answers, operation, incident, failed attempt, escalation, "
			+ "notification and the outcome. X-Content-SHA256 and Repr-Digest carry the SHA-256 of the exact bytes.")
	ResponseEntity<?> audit(
			@Parameter(description = "the case id (its process instance id)", example = "f7aa7430-e74c-11f1-b39e-02fc00000001")
			@PathVariable String id,
			@Parameter(description = "json or csv (or Accept: text/csv)", example = "csv")
			@RequestParam(required = false) String format,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			@Parameter(hidden = true) Authentication user) {
		if (!mayRead(user)) {
			return forbidden();
		}
		if (format != null && !List.of("json", "csv").contains(format)) {
			return error(HttpStatus.BAD_REQUEST, "format", "format must be json or csv");
		}
		boolean csv = "csv".equals(format) || (format == null && accept != null && accept.contains(TEXT_CSV));
		CaseSummary summary = validId(id) ? this.history.summary(id) : null;
		if (summary == null) {
			return notFound();
		}
		List<TimelineEntry> timeline = this.history.timeline(id);
		byte[] body = csv ? AuditExport.csv(timeline) : this.export.json(summary, timeline);
		String file = "case-" + summary.businessKey().replaceAll("[^A-Za-z0-9.@-]", "_") + "-audit."
				+ (csv ? "csv" : "json");
		return ResponseEntity.ok()
			.contentType(csv ? MediaType.parseMediaType(TEXT_CSV + ";charset=UTF-8") : MediaType.APPLICATION_JSON)
			.header("X-Content-SHA256", AuditExport.sha256Hex(body))
			.header("Repr-Digest", AuditExport.reprDigest(body))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

	@GetMapping(path = "/{id}/diagram", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The path a case took, on its diagrams", description = "The model of the version the case ran "
			+ "(BPMN 2.0 XML) with the steps done, the step it waits at, the escalations and the flows taken; the "
			+ "verification it called follows as a second diagram. 404 when there is no such case.")
	ResponseEntity<?> diagram(
			@Parameter(description = "the case id (its process instance id)", example = "f7aa7430-e74c-11f1-b39e-02fc00000001")
			@PathVariable String id, @Parameter(hidden = true) Authentication user) {
		if (!mayRead(user)) {
			return forbidden();
		}
		List<CaseDiagram.Path> paths = validId(id) ? this.diagrams.of(id) : List.of();
		return paths.isEmpty() ? notFound()
				: ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(Map.of("diagrams", paths));
	}

	private boolean mayRead(Authentication user) {
		return user != null
				&& user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(this.readers::contains);
	}

	private static boolean validId(String id) {
		return id.length() <= 64 && id.chars().allMatch((c) -> Character.isLetterOrDigit(c) || c == '-');
	}

	private static Integer number(String text, int min, int max) {
		try {
			int value = Integer.parseInt(text);
			return (value >= min && value <= max) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static ResponseEntity<?> forbidden() {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.body(Map.of("error", "reading cases is for the runbook's groups"));
	}

	private static ResponseEntity<?> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no such case"));
	}

	private static ResponseEntity<?> error(HttpStatus status, String field, String message) {
		return ResponseEntity.status(status).body(Map.of("error", message, "field", field));
	}

}
