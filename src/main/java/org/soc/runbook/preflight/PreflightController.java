package org.soc.runbook.preflight;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.security.RunbookGroups;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/preflight}: the preflight report of the running node, for administrators, as JSON (the same as the
 * {@code runbook.preflight.run} command prints). It only reads.
 */
@RestController
@Tag(name = "Preflight")
class PreflightController {

	private static final Logger LOG = LoggerFactory.getLogger(PreflightController.class);

	private final PreflightCheck check;

	private final String admins;

	PreflightController(PreflightCheck check, RunbookGroups groups) {
		this.check = check;
		this.admins = groups.admins();
	}

	@GetMapping(path = "/api/preflight", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Check the tenant before going live (read-only)",
			description = "For administrators (HTTP basic): tokens, Graph permissions, the Exchange Online role, the "
					+ "Defender alert policies, unified audit logging, the MFA strategy and the notification "
					+ "channels, each OK, MISSING, ADVICE or UNKNOWN with how to fix it; ready is false when "
					+ "something needed is missing.")
	ResponseEntity<?> preflight(@Parameter(hidden = true) Authentication user) {
		String admin = "GROUP_" + this.admins;
		if (user.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(admin::equals)) {
			LOG.warn("Refused for {} on (no case): read the preflight report - only {} may", user.getName(),
					this.admins);
			return ResponseEntity.status(HttpStatus.FORBIDDEN)
				.body(Map.of("error", "Only " + this.admins + " may run the preflight check."));
		}
		List<PreflightReport> reports = this.check.run();
		List<Map<String, Object>> tenants = reports.stream()
			.<Map<String, Object>>map((report) -> Map.of("tenant", report.tenant(), "cloud", report.cloud(), "ready",
					report.ready(), "findings", report.findings()))
			.toList();
		// One tenant: its report as it always was; many: ready when every tenant is, and each tenant's report.
		Map<String, Object> body = (tenants.size() == 1) ? tenants.get(0)
				: Map.of("ready", reports.stream().allMatch(PreflightReport::ready), "tenants", tenants);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

}
