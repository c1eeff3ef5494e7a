package org.soc.runbook.cases;

/**
 * Bounds what goes into process variables: string variables live in a 4,000-character column, and tenant data is
 * attacker-controlled, so one line at a time, no control characters, cut with a visible mark.
 */
public final class Text {

	private Text() {
	}

	/** The text without control characters (line breaks kept), cut to {@code max} characters. */
	public static String bounded(String text, int max) {
		if (text == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(Math.min(text.length(), max));
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n') {
				out.append(c);
			}
			else if (!Character.isISOControl(c)) {
				out.append(c);
			}
		}
		if (out.length() > max) {
			return out.substring(0, Math.max(0, max - 1)) + "…";
		}
		return out.toString();
	}

	/** One line: line breaks become spaces. */
	public static String line(String text, int max) {
		return (text == null) ? null : bounded(text.replace('\n', ' ').replace('\r', ' '), max);
	}

}
