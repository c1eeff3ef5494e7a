package org.soc.runbook.tenant;

import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
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
@ConditionalOnExpression(TenantsFileProperties.SET)
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
		if (!Objects.equals(this.file.fingerprint(), this.seen)) {
			apply();
		}
		else if (!this.tenants.retiring().isEmpty()) {
			settle();
		}
	}

	/** Reads the file and serves what it says: what changed, or empty when it could not be applied. */
	synchronized Optional<TenantsChange> apply() {
		TenantsFile.Contents contents;
		TenantsChange change;
		try {
			contents = this.file.read();
		}
		catch (TenantsFile.Refused ex) {
			return refused(ex.fingerprint(), ex);
		}
		try {
			change = this.tenants.reconfigure(contents.entries(), this.openCases::in);
		}
		catch (IllegalStateException ex) {
			// Entries that cannot be served together: a bad key, one Entra tenant twice, a key of runbook.tenants.
			return refused(contents.fingerprint(), ex);
		}
		catch (RuntimeException ex) {
			// Not the file's fault (the open-cases check could not ask the database): the same text is tried again.
			LOG.warn("Tenants file {} not applied yet, tried again at the next look: {}", this.file.path(),
					ex.getMessage());
			return Optional.empty();
		}
		this.seen = contents.fingerprint();
		publish(change);
		return Optional.of(change);
	}

	/** The file is unchanged, but tenants retire: those whose last case has closed go. */
	private synchronized void settle() {
		try {
			publish(this.tenants.settleRetiring(this.openCases::in));
		}
		catch (RuntimeException ex) {
			LOG.warn("Whether the retiring tenants' cases have closed could not be read; asked again at the next "
					+ "look: {}", ex.getMessage());
		}
	}

	private Optional<TenantsChange> refused(String fingerprint, RuntimeException ex) {
		this.seen = fingerprint;
		LOG.error("Tenants file {} not applied; the tenants served are unchanged ({}): {}", this.file.path(),
				String.join(" ", this.tenants.all().stream().map(RunbookTenant::key).toList()), ex.getMessage());
		return Optional.empty();
	}

	private void publish(TenantsChange change) {
		if (change.none()) {
			return;
		}
		if (change.notApplied().isEmpty()) {
			LOG.info("Tenants file {} applied: {}", this.file.path(), change.describe());
		}
		else {
			LOG.error("Tenants file {} applied in part: {}. A tenant whose settings were not applied keeps its old "
					+ "ones; mend its entry.", this.file.path(), change.describe());
		}
		try {
			this.events.publishEvent(change);
		}
		catch (RuntimeException ex) {
			// Each listener reports its own failure; this is the last word, so that the next look still comes.
			LOG.error("Tenants file {}: what keeps something per tenant was not all brought up to date: {}",
					this.file.path(), ex.getMessage());
		}
	}

}
