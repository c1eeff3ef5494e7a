package org.soc.runbook.tenant.exchange;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * How the payload records read the admin API's values, whose types Microsoft does not document for every cmdlet:
 * each reader takes whatever shape comes and never fails a row over it. Used as
 * {@code @JsonDeserialize(using = ExchangeValues.Text.class)} and so on.
 */
final class ExchangeValues {

	private static final Pattern SMTP = Pattern.compile("(?i)(?:smtp:)?([^\\s\\[\\]\"<>]+@[^\\s\\[\\]\"<>]+)");

	private ExchangeValues() {
	}

	/** The first date that was read, in the order the keys are preferred. */
	static Instant first(Instant preferred, Instant other) {
		return (preferred != null) ? preferred : other;
	}

	/** The first value that is there, for a property public clients name in more than one way. */
	@SafeVarargs
	static <T> T firstOf(T... candidates) {
		for (T candidate : candidates) {
			if (candidate != null) {
				return candidate;
			}
		}
		return null;
	}

	/** A value's text; an object or a list as its JSON; empty text is none. */
	static final class Text extends Reader<String> {

		Text() {
			super(String.class, null);
		}

		@Override
		String read(JsonNode value) {
			return text(value);
		}

	}

	/** True as a boolean or as the text {@code true} in any case (PowerShell writes {@code True}); else false. */
	static final class Flag extends Reader<Boolean> {

		Flag() {
			super(Boolean.class, false);
		}

		@Override
		Boolean read(JsonNode value) {
			return value.isBoolean() ? value.asBoolean() : "true".equalsIgnoreCase(value.asText());
		}

	}

	/** A list of values as their texts; one value alone is a list of one, a blank one or none an empty list. */
	static final class Texts extends Reader<List<String>> {

		Texts() {
			super(List.class, List.of());
		}

		@Override
		List<String> read(JsonNode value) {
			return texts(value);
		}

	}

	/**
	 * Sender domains bare and in lower case. Exchange prints an inbound connector's domains as address spaces
	 * ({@code smtp:contoso.com;1}, {@code smtp:*;1}); the type and the cost say nothing about which domain it is.
	 */
	static final class Domains extends Reader<List<String>> {

		Domains() {
			super(List.class, List.of());
		}

		@Override
		List<String> read(JsonNode value) {
			return texts(value).stream().map(Domains::bare).filter((d) -> !d.isEmpty()).distinct().toList();
		}

		static String bare(String addressSpace) {
			String domain = addressSpace.trim().toLowerCase(Locale.ROOT);
			if (domain.startsWith("smtp:")) {
				domain = domain.substring("smtp:".length());
			}
			int cost = domain.indexOf(';');
			return ((cost >= 0) ? domain.substring(0, cost) : domain).trim();
		}

	}

	/**
	 * Recipients as their addresses in lower case, each once. They come as display strings such as
	 * {@code "Someone" [SMTP:someone@example.com]}.
	 */
	static final class Addresses extends Reader<List<String>> {

		Addresses() {
			super(List.class, List.of());
		}

		@Override
		List<String> read(JsonNode value) {
			List<String> found = new ArrayList<>();
			for (String item : texts(value)) {
				Matcher matcher = SMTP.matcher(item);
				String address = (matcher.find() ? matcher.group(1) : item).toLowerCase(Locale.ROOT);
				if (!found.contains(address)) {
					found.add(address);
				}
			}
			return List.copyOf(found);
		}

	}

	/** A GUID; one that does not read as a GUID is none (the row is still shown, without an id). */
	static final class Guid extends Reader<UUID> {

		Guid() {
			super(UUID.class, null);
		}

		@Override
		UUID read(JsonNode value) {
			String id = text(value);
			try {
				return (id != null) ? UUID.fromString(id.trim()) : null;
			}
			catch (IllegalArgumentException notGuid) {
				return null;
			}
		}

	}

	/**
	 * The {@code ObjectId} of an audit record's {@code AuditData}, a JSON document in a string: the object the record
	 * is about. Absent or unreadable: none.
	 */
	static final class AuditObjectId extends StdDeserializer<String> {

		AuditObjectId() {
			super(String.class);
		}

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			String auditData = text(context.readTree(parser));
			if (auditData == null) {
				return null;
			}
			// Read with the mapper that reads the row.
			ObjectCodec json = parser.getCodec();
			try (JsonParser document = json.getFactory().createParser(auditData)) {
				TreeNode tree = json.readTree(document);
				JsonNode objectId = (tree instanceof JsonNode node) ? node.get("ObjectId") : null;
				return (objectId == null || objectId.isNull()) ? null : objectId.asText();
			}
			catch (JsonProcessingException unreadable) {
				return null;
			}
		}

	}

	/** Reads a value of any shape as a tree, so that no shape fails the row; JSON null or no value is {@code none}. */
	private abstract static class Reader<T> extends StdDeserializer<T> {

		private final T none;

		Reader(Class<?> type, T none) {
			super(type);
			this.none = none;
		}

		abstract T read(JsonNode value);

		@Override
		public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			return read(context.readTree(parser));
		}

		@Override
		public T getNullValue(DeserializationContext context) {
			return this.none;
		}

	}

	private static String text(JsonNode value) {
		if (value.isNull()) {
			return null;
		}
		String text = value.isValueNode() ? value.asText() : value.toString();
		return text.isEmpty() ? null : text;
	}

	private static List<String> texts(JsonNode value) {
		List<String> items = new ArrayList<>();
		if (value.isArray()) {
			value.forEach((item) -> items.add(item.asText()));
		}
		else if (!value.asText().isBlank()) {
			items.add(value.asText());
		}
		return List.copyOf(items);
	}

}
