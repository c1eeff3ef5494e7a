package org.soc.runbook.security;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;

/**
 * What a person may submit with one task: the fields its Camunda Form lets them fill in (those with a key that are
 * neither disabled nor read-only), each with the kind of value it takes. Everything else the form shows (the case's
 * facts, the evidence, who reviewed) is the runbook's to write, never a person's.
 *
 * @param formId the form's id, for messages
 * @param fields the writable fields by variable name
 */
record TaskForm(String formId, Map<String, Field> fields) {

	/** The longest text a text field takes unless its form says otherwise (a comment, not a document). */
	static final int DEFAULT_MAX_LENGTH = 4000;

	/** Components that show something but take no value. */
	private static final Set<String> DISPLAY_ONLY = Set.of("text", "html", "image", "spacer", "separator", "button",
			"table", "iframe", "documentPreview");

	/** A form with no writable field: what a task without a form accepts. */
	static TaskForm none() {
		return new TaskForm("(none)", Map.of());
	}

	/** Reads a Camunda Form (form-js JSON), groups and nested components included. */
	static TaskForm read(InputStream form, ObjectMapper objectMapper) throws IOException {
		JsonNode root = objectMapper.readTree(form);
		Map<String, Field> fields = new LinkedHashMap<>();
		collect(root.path("components"), fields);
		return new TaskForm(root.path("id").asText("(unnamed)"), Collections.unmodifiableMap(fields));
	}

	private static void collect(JsonNode components, Map<String, Field> fields) {
		for (JsonNode component : components) {
			String type = component.path("type").asText("");
			boolean writable = !component.path("disabled").asBoolean(false) && !readOnly(component.path("readonly"));
			if (component.hasNonNull("key") && writable && !DISPLAY_ONLY.contains(type)) {
				String key = component.get("key").asText();
				// A dotted key is a path into a variable: form-js submits the variable before the first dot.
				String variable = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
				Set<String> values = null;
				if (component.path("values").isArray()) {
					values = new LinkedHashSet<>();
					for (JsonNode option : component.get("values")) {
						values.add(option.path("value").asText());
					}
				}
				int maxLength = component.path("validate").path("maxLength").asInt(DEFAULT_MAX_LENGTH);
				fields.put(variable, new Field(variable, type, values,
						component.path("valuesKey").isTextual() ? component.get("valuesKey").asText() : null,
						Math.min(maxLength, DEFAULT_MAX_LENGTH)));
			}
			if (component.has("components") && writable) {
				collect(component.get("components"), fields);
			}
		}
	}

	/** {@code readonly} may be a boolean or a FEEL expression; any expression counts as read-only. */
	private static boolean readOnly(JsonNode readonly) {
		return !readonly.isMissingNode() && !readonly.isNull() && !(readonly.isBoolean() && !readonly.asBoolean());
	}

	/**
	 * Why these answers do not fit the form (one sentence naming every field that is not the form's or whose value
	 * does not fit it), or null when they all do. {@code options} reads the current value of a variable that lists a
	 * field's options ({@code valuesKey}), so a checklist accepts only the options it showed. {@code objectMapper}
	 * reads the values as JSON.
	 */
	String misfit(Map<String, ?> answers, Collection<String> deletions, Function<String, Object> options,
			ObjectMapper objectMapper) {
		List<String> unknown = new ArrayList<>();
		for (String name : answers.keySet()) {
			if (!this.fields.containsKey(name)) {
				unknown.add(name);
			}
		}
		for (String name : deletions) {
			if (!this.fields.containsKey(name)) {
				unknown.add(name);
			}
		}
		if (!unknown.isEmpty()) {
			return "This task's form (" + this.formId + ") has no field " + quoted(unknown) + "; it takes only "
					+ (this.fields.isEmpty() ? "nothing" : quoted(this.fields.keySet())) + ". Nothing was changed.";
		}
		List<String> wrong = new ArrayList<>();
		answers.forEach((name, value) -> {
			String problem = this.fields.get(name).misfit(value, options, objectMapper);
			if (problem != null) {
				wrong.add("'" + name + "' " + problem);
			}
		});
		return wrong.isEmpty() ? null : "These answers do not fit the form: " + String.join("; ", wrong)
				+ ". Nothing was changed.";
	}

	private static String quoted(Collection<String> names) {
		return "'" + String.join("', '", names) + "'";
	}

	/**
	 * One field a person fills in.
	 *
	 * @param name the variable it writes
	 * @param type the form-js component type ({@code checkbox}, {@code radio}, {@code textarea}, ...)
	 * @param values the options it offers, when the form lists them; null when they come from a variable or anything
	 * goes
	 * @param valuesKey the variable that lists its options, or null
	 * @param maxLength the longest text it takes
	 */
	record Field(String name, String type, Set<String> values, String valuesKey, int maxLength) {

		/** What is wrong with the value for this field, or null when it fits. A null value clears the field. */
		String misfit(Object submitted, Function<String, Object> options, ObjectMapper objectMapper) {
			JsonNode value;
			try {
				value = json(submitted, objectMapper);
			}
			catch (IllegalArgumentException ex) {
				return ex.getMessage();
			}
			if (value == null || value.isNull()) {
				return null;
			}
			switch (this.type) {
				case "checkbox":
					return (value.isBoolean() || (value.isTextual() && Set.of("true", "false").contains(value.asText())))
							? null : "takes true or false";
				case "number":
					return (value.isNumber() || (value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?"))) ? null
							: "takes a number";
				case "checklist":
				case "taglist":
					value = listed(value, objectMapper);
					if (!value.isArray()) {
						return "takes a list of the options it shows";
					}
					Set<String> allowed = allowed(options, objectMapper);
					for (JsonNode item : value) {
						if (!item.isTextual() || (allowed != null && !allowed.contains(item.asText()))) {
							return "has no option " + Text.quoted(item.toString());
						}
					}
					return null;
				case "radio":
				case "select":
					if (!value.isTextual()) {
						return "takes one of the options it shows";
					}
					Set<String> choices = allowed(options, objectMapper);
					return (choices == null || choices.contains(value.asText())) ? null
							: "has no option " + Text.quoted(value.asText()) + " (it offers " + String.join(", ", choices)
									+ ")";
				default:
					if (!value.isTextual()) {
						return "takes text";
					}
					return (value.asText().length() <= this.maxLength) ? null
							: "is longer than " + this.maxLength + " characters";
			}
		}

		/** The option values this field offers, or null when it does not say. */
		private Set<String> allowed(Function<String, Object> options, ObjectMapper objectMapper) {
			if (this.values != null) {
				return this.values;
			}
			if (this.valuesKey == null) {
				return null;
			}
			JsonNode listed;
			try {
				listed = listed(json(options.apply(this.valuesKey), objectMapper), objectMapper);
			}
			catch (IllegalArgumentException ex) {
				return Set.of();
			}
			if (listed == null || !listed.isArray()) {
				return Set.of();
			}
			Set<String> offered = new LinkedHashSet<>();
			listed.forEach((option) -> offered.add(option.isObject() ? option.path("value").asText() : option.asText()));
			return offered;
		}

	}

	/** A list sent as JSON text (as REST clients and Tasklist may send a checklist) as the list itself. */
	private static JsonNode listed(JsonNode value, ObjectMapper objectMapper) {
		if (value != null && value.isTextual() && value.asText().trim().startsWith("[")) {
			try {
				return parse(value.asText(), objectMapper);
			}
			catch (IllegalArgumentException ex) {
				return value;
			}
		}
		return value;
	}

	/**
	 * The value as JSON, whatever the client sent: a plain Java value, a typed value from Camunda's REST API, a JSON
	 * variable. Refused: a transient value (it would decide without being kept in the case's record) and an object of
	 * any class (a form sends text, true or false, numbers and JSON; an object's class name would be the client's
	 * choice of what the engine builds when the value is read).
	 */
	static JsonNode json(Object value, ObjectMapper objectMapper) {
		Object plain = value;
		if (plain instanceof TypedValue typed) {
			if (typed.isTransient()) {
				throw new IllegalArgumentException("is sent as transient, which would leave it out of the case's record");
			}
			if (typed instanceof ObjectValue) {
				throw new IllegalArgumentException("is sent as an object, which no form sends");
			}
			if (typed instanceof SerializableValue serializable && !serializable.isDeserialized()) {
				String format = serializable.getSerializationDataFormat();
				if (format == null || !format.contains("json")) {
					throw new IllegalArgumentException("is a serialized value (" + format + "), which no form sends");
				}
				plain = parse(serializable.getValueSerialized(), objectMapper);
			}
			else {
				plain = typed.getValue();
			}
		}
		if (plain == null) {
			return null;
		}
		if (plain instanceof JsonNode node) {
			return node;
		}
		if (plain instanceof SpinJsonNode spin) {
			return parse(spin.toString(), objectMapper);
		}
		if (plain instanceof Boolean || plain instanceof Number || plain instanceof String
				|| plain instanceof Collection<?> || plain instanceof Map<?, ?> || plain.getClass().isArray()) {
			return objectMapper.valueToTree(plain);
		}
		if (plain instanceof java.util.Date date) {
			return JsonNodeFactory.instance.textNode(date.toInstant().toString());
		}
		throw new IllegalArgumentException("is a " + plain.getClass().getSimpleName() + ", which no form sends");
	}

	private static JsonNode parse(String serialized, ObjectMapper objectMapper) {
		if (serialized == null) {
			return null;
		}
		try {
			return objectMapper.readTree(serialized);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("is not valid JSON");
		}
	}

	/** Quoting for messages: a submitted value is shown short and as text. */
	private static final class Text {

		private Text() {
		}

		static String quoted(String value) {
			String shown = (value.length() > 60) ? value.substring(0, 60) + "..." : value;
			return "'" + shown.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", " ") + "'";
		}

	}

}
