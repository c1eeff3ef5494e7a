package org.soc.runbook.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times and durations as an auditor reads them: every instant to the millisecond in UTC (the engine keeps
 * milliseconds, the runbook's own records nanoseconds; one precision reads as one clock), durations in hours,
 * minutes and seconds instead of ISO-8601's {@code PT7M48.099S}.
 */
final class Timestamps {

	private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	/** An ISO-8601 instant inside a text, e.g. "Release seen at 2026-12-07T10:09:11.453634348Z". */
	private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

	private Timestamps() {
	}

	/** The instant to the millisecond, or "" for none. */
	static String text(Instant instant) {
		return (instant != null) ? MILLIS.format(instant) : "";
	}

	/** The text with each instant in it written to the millisecond. */
	static String inText(String text) {
		if (text == null) {
			return null;
		}
		Matcher found = INSTANT.matcher(text);
		StringBuilder out = new StringBuilder();
		while (found.find()) {
			String replacement;
			try {
				replacement = text(Instant.parse(found.group()));
			}
			catch (DateTimeParseException notAnInstant) {
				replacement = found.group();
			}
			found.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		found.appendTail(out);
		return out.toString();
	}

	/** "2 h 5 min", "7 min 48 s", "0.4 s". */
	static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 1) {
			return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
		}
		long days = seconds / 86_400;
		long hours = (seconds % 86_400) / 3600;
		long minutes = (seconds % 3600) / 60;
		long rest = seconds % 60;
		if (days > 0) {
			return days + " d " + hours + " h";
		}
		if (hours > 0) {
			return hours + " h " + minutes + " min";
		}
		return (minutes > 0) ? minutes + " min " + rest + " s" : rest + " s";
	}

}
