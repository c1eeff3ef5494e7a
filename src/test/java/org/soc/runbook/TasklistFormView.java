package org.soc.runbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.soc.runbook.cases.CaseVariables;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Tasklist shows in a form's fields, read the way Tasklist and form-js read them: the task's form variables
 * ({@code /engine-rest/task/{id}/form-variables}, serialized), a Json variable parsed into an object, and a dotted key
 * taken as a path into it ({@code evidence.summary.rules}). Lets a test check every field a reviewer reads without a
 * browser; the browser tests check the rendering itself.
 */
public final class TasklistFormView {

	private static final ObjectMapper JSON = new ObjectMapper();

	private TasklistFormView() {
	}

	/** Where Tasklist reads a task's form variables: serialized, so a Json variable comes as its JSON text. */
	public static String formVariables(String taskId) {
		return "/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false";
	}

	/**
	 * A field of the form.
	 * @param key the variable, or the path into a Json variable, it shows
	 * @param shownOnly disabled: shown, never submitted
	 * @param value what Tasklist would show (missing when the case has nothing there)
	 */
	private record Field(String key, boolean shownOnly, JsonNode value) {
	}

	/** The form's keyed fields, nested ones included, in form order, with what Tasklist would show in each. */
	private static List<Field> fields(String form, JsonNode formVariables) {
		List<Field> fields = new ArrayList<>();
		collect(schema(form), formVariables, fields);
		return fields;
	}

	/**
	 * The fields that show the evidence document ({@code evidence.<path>}), by key, after checking that there are
	 * some, that each shows text, and that each is disabled: form-js submits only enabled fields, so a submit can never
	 * write part of the document back over the whole.
	 */
	public static Map<String, String> evidenceShown(String form, JsonNode formVariables) {
		Map<String, String> shown = new LinkedHashMap<>();
		for (Field field : fields(form, formVariables)) {
			if (field.key().startsWith(CaseVariables.EVIDENCE + ".")) {
				assertThat(field.shownOnly()).as(form + ": " + field.key() + " is disabled").isTrue();
				assertThat(field.value().isTextual() && !field.value().asText().isBlank())
					.as(form + ": " + field.key() + " shows text, not " + field.value())
					.isTrue();
				shown.put(field.key(), field.value().asText());
			}
		}
		assertThat(shown).as(form + " shows the evidence in words").isNotEmpty();
		return shown;
	}

	private static JsonNode schema(String form) {
		try {
			return JSON.readTree(Files.readString(Path.of("forms", form + ".form")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void collect(JsonNode container, JsonNode variables, List<Field> fields) {
		for (JsonNode component : container.path("components")) {
			if (component.hasNonNull("key")) {
				String key = component.get("key").asText();
				fields.add(new Field(key, component.path("disabled").asBoolean(), valueAt(variables, key)));
			}
			collect(component, variables, fields);
		}
	}

	private static JsonNode valueAt(JsonNode variables, String key) {
		String[] path = key.split("\\.");
		JsonNode variable = variables.path(path[0]);
		JsonNode value = variable.path("value");
		if ("Json".equals(variable.path("type").asText()) && value.isTextual()) {
			try {
				value = JSON.readTree(value.asText());
			}
			catch (IOException ex) {
				return MissingNode.getInstance();
			}
		}
		for (int i = 1; i < path.length; i++) {
			value = value.path(path[i]);
		}
		return value;
	}

}
