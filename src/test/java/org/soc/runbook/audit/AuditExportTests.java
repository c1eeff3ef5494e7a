package org.soc.runbook.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON export as an auditor keeps it: the application's mapper, indented, every instant as ISO-8601 text. Its
 * bytes are what the SHA-256 in the response covers.
 */
class AuditExportTests {

	private final AuditExport export = new AuditExport(Jackson2ObjectMapperBuilder.json().build());

	@Test
	void theCaseAndItsTimelineAreIndentedWithInstantsAsText() {
		CaseSummary summary = new CaseSummary("c1", "mailbox:adele@contoso.example", "mailbox",
				"adele@contoso.example", "closed", "releasedAndVerified", false,
				Instant.parse("2026-11-20T10:15:30.123456Z"), null, "analyst", "secadmin", null, null, 42L, null, 0,
				false, "secadmin", Instant.parse("2026-11-20T10:40:00Z"), "Adele Vance",
				Map.of("analyst", "Sam Analyst (analyst)", "secadmin", "Robin Securityadmin (secadmin)"), null);
		List<TimelineEntry> timeline = List.of(new TimelineEntry(Instant.parse("2026-11-20T10:16:00Z"), "step",
				"Load the restriction", null, "Blocked since 2026-11-20."));

		String json = new String(this.export.json(summary, timeline), StandardCharsets.UTF_8);

		assertThat(json.lines()).first().isEqualTo("{");
		assertThat(json.lines()).contains("  \"case\" : {", "    \"opened\" : \"2026-11-20T10:15:30.123456Z\",",
				"    \"closed\" : null,", "    \"minutesToRelease\" : 42,",
				"    \"decidedBy\" : \"secadmin\",", "    \"at\" : \"2026-11-20T10:16:00Z\",");
	}

}
