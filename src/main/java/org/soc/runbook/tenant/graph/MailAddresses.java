package org.soc.runbook.tenant.graph;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Mail addresses as the runbook compares them: trimmed, in lower case, each once, blank ones left out. */
final class MailAddresses {

	private MailAddresses() {
	}

	static List<String> of(Stream<String> addresses) {
		return addresses.filter((address) -> address != null && !address.isBlank())
			.map((address) -> address.trim().toLowerCase(Locale.ROOT))
			.distinct()
			.toList();
	}

}
