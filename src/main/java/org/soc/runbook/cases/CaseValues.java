package org.soc.runbook.cases;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Reads form answers whatever type the client sent them as: Tasklist submits a checklist as JSON, the REST API may
 * send a list or a string, and a form submit turns a Long into an Integer. And a variable's value only where it is set,
 * for what is copied from one instance or task to another.
 */
public final class CaseValues {

	private CaseValues() {
	}

	/** A list of strings from a JSON array, a collection, or a JSON array written as a string; empty when absent. */
	public static List<String> strings(Object value) {
		List<String> items = new ArrayList<>();
		if (value instanceof SpinJsonNode json) {
			if (json.isArray()) {
				json.elements().forEach((item) -> items.add(item.isString() ? item.stringValue() : item.toString()));
			}
		}
		else if (value instanceof Collection<?> collection) {
			collection.forEach((item) -> items.add(String.valueOf(item)));
		}
		else if (value instanceof String text && !text.isBlank()) {
			String trimmed = text.trim();
			if (trimmed.startsWith("[")) {
				org.camunda.spin.Spin.JSON(trimmed)
					.elements()
					.forEach((item) -> items.add(item.isString() ? item.stringValue() : item.toString()));
			}
			else {
				items.add(trimmed);
			}
		}
		return items;
	}

	/** True only for a Boolean true or the text "true". */
	public static boolean isTrue(Object value) {
		return Boolean.TRUE.equals(value) || "true".equals(value);
	}

	/** The variable's typed value as seen from {@code scope}, or null when it is missing or holds null. */
	public static TypedValue setValue(VariableScope scope, String name) {
		TypedValue value = scope.getVariableTyped(name);
		return (value != null && value.getValue() != null) ? value : null;
	}

	/** A non-blank string or null. */
	public static String text(Object value) {
		if (value == null) {
			return null;
		}
		String text = value.toString().trim();
		return text.isEmpty() ? null : text;
	}

}
