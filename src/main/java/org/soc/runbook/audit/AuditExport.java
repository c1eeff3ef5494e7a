package org.soc.runbook.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.springframework.stereotype.Component;

/**
 * A case's timeline as the bytes an auditor downloads, JSON or CSV, and the SHA-256 of exactly those bytes. The hash
 * travels in the response headers; recomputing it over a kept file shows whether the file was altered since.
 */
@Component
final class AuditExport {

	static final List<String> COLUMNS = List.of("at", "kind", "step", "actor", "summary", "stepName");

	private final ObjectMapper json;

	AuditExport(ObjectMapper json) {
		// The application's mapper, indented for the person who opens the file; instants as ISO-8601 text whatever
		// the application's setting, so that an export reads the same wherever it was made.
		this.json = json.copy()
			.enable(SerializationFeature.INDENT_OUTPUT)
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
	}

	/** {@code {"case": summary, "timeline": [...]}} as UTF-8. */
	byte[] json(CaseSummary summary, List<TimelineEntry> timeline) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("case", summary);
		document.put("timeline", timeline);
		try {
			return this.json.writeValueAsBytes(document);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("the audit export could not be written", ex);
		}
	}

	/**
	 * One line per timeline entry under a header, RFC 4180 quoting, UTF-8. A value that a spreadsheet would take
	 * for a formula (it starts with =, +, - or @) is prefixed with a quote: tenant data must stay text there too.
	 */
	static byte[] csv(List<TimelineEntry> timeline) {
		StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
		for (TimelineEntry entry : timeline) {
			out.append(cell((entry.at() != null) ? entry.at().toString() : ""))
				.append(',')
				.append(cell(entry.kind()))
				.append(',')
				.append(cell(entry.step()))
				.append(',')
				.append(cell(entry.actor()))
				.append(',')
				.append(cell(entry.summary()))
				.append(',')
				.append(cell(entry.stepName()))
				.append("\r\n");
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String cell(String value) {
		String text = (value != null) ? value : "";
		if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

	/** The SHA-256 of the bytes, in hex. */
	static String sha256Hex(byte[] bytes) {
		return HexFormat.of().formatHex(sha256(bytes));
	}

	/** The SHA-256 of the bytes as an RFC 9530 {@code Repr-Digest} value. */
	static String reprDigest(byte[] bytes) {
		return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(bytes)) + ":";
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
