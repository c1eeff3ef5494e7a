package org.soc.runbook.audit;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
class CaseReadController {

	static final String TEXT_CSV = "text/csv";

	private static final int MAX_PAGE_SIZE = 200;

	private final CaseHistory history;

	private final Set<String> readers;

	CaseReadController(CaseHistory history, RunbookGroups groups) {
		this.history = history;
		this.readers = Set.copyOf(groups.all().stream().map((group) -> "GROUP_" + group).toList());
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> list(@RequestParam(required = false) String state, @RequestParam(required = false) String type,
			@RequestParam(required = false) String entity, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String outcome,
			@RequestParam(required = false) String repeat, @RequestParam(defaultValue = "0") String page,
			@RequestParam(defaultValue = "25") String size, Authentication user) {
		if (!mayRead(user)) {
			return forbidden();
		}
		CaseFilter filter;
		try {
			filter = CaseFilter.parse(state, type, entity, from, to, outcome, repeat);
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
		return ResponseEntity.ok(this.history.list(filter, pageNumber, pageSize));
	}

	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> summary(@PathVariable String id, Authentication user) {
		if (!mayRead(user)) {
			return forbidden();
		}
		CaseSummary summary = validId(id) ? this.history.summary(id) : null;
		return (summary != null) ? ResponseEntity.ok(summary) : notFound();
	}

	@GetMapping(path = "/{id}/audit")
	ResponseEntity<?> audit(@PathVariable String id, @RequestParam(required = false) String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, Authentication user) {
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
		byte[] body = csv ? AuditExport.csv(timeline) : AuditExport.json(summary, timeline);
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
