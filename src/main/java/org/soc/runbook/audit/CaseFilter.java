package org.soc.runbook.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

import org.soc.runbook.cases.EntityType;

/**
 * The case list's filters, checked before any query runs: a wrong value is a 400 naming the parameter, never an
 * empty list that looks like "no cases".
 *
 * @param state {@code open} or {@code closed}, or null for both
 * @param type {@code mailbox} or {@code connector}, or null for both
 * @param entity part of the address or GUID, or null
 * @param from cases opened at or after, or null
 * @param to cases opened before, or null
 * @param outcome the end state, e.g. {@code releasedAndVerified}, or null
 * @param repeat only repeats ({@code true}) or only first cases ({@code false}), or null for both
 * @param person the user id of someone who opened, reviewed, approved or decided the case (as a lead), or null
 */
record CaseFilter(String state, String type, String entity, Instant from, Instant to, String outcome, Boolean repeat,
		String person, String tenant) {

	/** A tenant's key as the filter takes it (the single tenant's is {@code default}). */
	private static final Pattern TENANT = Pattern.compile("[a-z0-9-]{1,40}");

	static final Set<String> OUTCOMES = Set.of("releasedAndVerified", "keptRestricted", "alreadyReleased",
			"keptRestrictedAfterEscalation", "closedAfterEscalation", "dryRunComplete");

	/** The filter from request parameters, or an {@link InvalidFilterException} naming the wrong one. */
	static CaseFilter parse(String state, String type, String entity, String from, String to, String outcome,
			String repeat, String person) {
		return parse(state, type, entity, from, to, outcome, repeat, person, null);
	}

	/** The same with a tenant's key: only that customer's cases. */
	static CaseFilter parse(String state, String type, String entity, String from, String to, String outcome,
			String repeat, String person, String tenant) {
		if (tenant != null && !TENANT.matcher(tenant).matches()) {
			throw new InvalidFilterException("tenant", "tenant must be a tenant's key (lower-case letters, digits, "
					+ "hyphens)");
		}
		if (state != null && !Set.of("open", "closed").contains(state)) {
			throw new InvalidFilterException("state", "state must be open or closed");
		}
		if (type != null && Arrays.stream(EntityType.values()).noneMatch((known) -> known.value().equals(type))) {
			throw new InvalidFilterException("type", "type must be mailbox or connector");
		}
		if (entity != null && (entity.length() > 254 || entity.chars().anyMatch(Character::isISOControl))) {
			throw new InvalidFilterException("entity", "entity must be at most 254 printable characters");
		}
		if (outcome != null && !OUTCOMES.contains(outcome)) {
			throw new InvalidFilterException("outcome", "outcome must be one of " + OUTCOMES);
		}
		if (repeat != null && !Set.of("true", "false").contains(repeat)) {
			throw new InvalidFilterException("repeat", "repeat must be true or false");
		}
		if (person != null && (person.isBlank() || person.length() > 128
				|| person.chars().anyMatch(Character::isISOControl))) {
			throw new InvalidFilterException("person", "person must be a user id of at most 128 printable characters");
		}
		return new CaseFilter(state, type, (entity != null) ? entity.trim().toLowerCase(Locale.ROOT) : null,
				instant("from", from), instant("to", to), outcome, (repeat != null) ? Boolean.valueOf(repeat) : null,
				(person != null) ? person.trim() : null, tenant);
	}

	private static Instant instant(String name, String value) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidFilterException(name, name + " must be an ISO-8601 instant, e.g. 2026-11-01T00:00:00Z");
		}
	}

	/** A filter value that is not allowed, with the parameter's name. */
	static final class InvalidFilterException extends IllegalArgumentException {

		private final String field;

		InvalidFilterException(String field, String message) {
			super(message);
			this.field = field;
		}

		String field() {
			return this.field;
		}

	}

}
