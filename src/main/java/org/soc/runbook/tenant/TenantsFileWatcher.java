package org.soc.runbook.tenant;

import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies the tenants file while the deployment runs: every {@code runbook.tenants-file.check} it looks whether the
 * file's text changed and, when it did, serves what it says now ({@link RunbookTenants#reconfigure}) and publishes the
 * {@link TenantsChange} for those who keep something per tenant. A file that cannot be applied (not YAML, a misspelt
 * setting, two keys for one Entra tenant) changes nothing: one ERROR line says why, and the same text is not tried
 * again until it changes. While a removed tenant retires, each look also asks whether its last case has closed.
 */
@Component
@ConditionalOnProperty("runbook.tenants-file.path")
class TenantsFileWatcher {

	private static final Logger LOG = LoggerFactory.getLogger(TenantsFileWatcher.class);

	private final RunbookTenants tenants;

	private final TenantsFile file;

	private final OpenCases openCases;

	private final ApplicationEventPublisher events;

	/** The fingerprint of the text last applied or refused; null before the first look. */
	private volatile String seen;

	TenantsFileWatcher(RunbookTenants tenants, TenantsFile file, OpenCases openCases,
			ApplicationEventPublisher events) {
		this.tenants = tenants;
		this.file = file;
		this.openCases = openCases;
		this.events = events;
	}

	@Scheduled(fixedDelayString = "${runbook.tenants-file.check:30s}",
			initialDelayString = "${runbook.tenants-file.check:30s}")
	void look() {
		String now = this.file.fingerprint();
		if (Objects.equals(now, this.seen) && this.tenants.retiring().isEmpty()) {
			return;
		}
		apply();
	}

	/** Reads the file and serves what it says: what changed, or empty when it could not be applied. */
	synchronized Optional<TenantsChange> apply() {
		TenantsChange change;
		try {
			TenantsFile.Contents contents = this.file.read();
			this.seen = contents.fingerprint();
			change = this.tenants.reconfigure(contents.entries(), this.openCases::in);
		}
		catch (RuntimeException ex) {
			this.seen = this.file.fingerprint();
			LOG.error("Tenants file {} not applied; the tenants served are unchanged ({}): {}", this.file.path(),
					String.join(" ", this.tenants.all().stream().map(RunbookTenant::key).toList()), ex.getMessage());
			return Optional.empty();
		}
		if (!change.none()) {
			if (change.notApplied().isEmpty()) {
				LOG.info("Tenants file {} applied: {}", this.file.path(), change.describe());
			}
			else {
				LOG.error("Tenants file {} applied in part: {}. A tenant whose settings were not applied keeps its "
						+ "old ones; mend its entry.", this.file.path(), change.describe());
			}
			this.events.publishEvent(change);
		}
		return Optional.of(change);
	}

}
