package org.soc.runbook.tenant;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads the date formats the tenant uses. Graph sends ISO-8601 with an offset; the Exchange admin API's format is not
 * documented, so ISO without an offset (taken as UTC) and the .NET {@code /Date(millis)/} form are accepted too.
 */
public final class TenantDates {

	private static final Pattern DOTNET = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");

	private TenantDates() {
	}

	/** The instant, or null when the value is empty or unreadable (a missing date is not worth failing a case). */
	static Instant parse(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim();
		Matcher dotnet = DOTNET.matcher(text);
		if (dotnet.matches()) {
			return Instant.ofEpochMilli(Long.parseLong(dotnet.group(1)));
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException notOffset) {
			try {
				return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException notLocal) {
				return null;
			}
		}
	}

	/**
	 * Binds a payload record's date with {@link #parse}, as
	 * {@code @JsonDeserialize(using = TenantDates.Deserializer.class)}. A value that is no date, an object or a list
	 * included, binds as null.
	 */
	public static final class Deserializer extends StdDeserializer<Instant> {

		public Deserializer() {
			super(Instant.class);
		}

		@Override
		public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			JsonNode value = context.readTree(parser);
			return value.isValueNode() ? parse(value.asText()) : null;
		}

	}

}
