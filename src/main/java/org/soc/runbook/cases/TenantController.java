package org.soc.runbook.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.soc.runbook.security.RunbookGroups;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenants the signed-in person serves, by key and name: what the audit page's customer filter offers and what
 * {@code POST /api/cases} takes as {@code tenant}. Another customer's tenant is not even named.
 */
@RestController
@Tag(name = "Cases")
class TenantController {

	private final CaseTenants tenants;

	private final String admins;

	TenantController(CaseTenants tenants, RunbookGroups groups) {
		this.tenants = tenants;
		this.admins = "GROUP_" + groups.admins();
	}

	@GetMapping(path = "/api/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The tenants I serve", description = "Key and name of each Microsoft 365 tenant whose cases "
			+ "the signed-in person may see (HTTP basic); Camunda's administrators see every tenant.")
	List<Map<String, String>> mine(@Parameter(hidden = true) Authentication user) {
		boolean admin = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(this.admins::equals);
		Set<String> served = this.tenants.servedBy(user.getName());
		return this.tenants.all()
			.stream()
			.filter((tenant) -> this.tenants.single() || admin || served.contains(tenant.camundaTenantId()))
			.map((tenant) -> {
				Map<String, String> row = new LinkedHashMap<>();
				row.put("key", tenant.key());
				row.put("name", tenant.name());
				return row;
			})
			.toList();
	}

}
