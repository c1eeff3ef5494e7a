package org.soc.runbook.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint that takes a body answers 413 to one over its limit, and nothing is started or changed. The tests
 * speak HTTP on a socket, as curl does: they send the head and the start of the body, then read the answer, which
 * comes before the server reads on (Java's HTTP client would insist on sending the rest into a closing connection).
 */
@RunbookIntegrationTest
class RequestLimitsTests {

	private static final String REFUSAL_END = " bytes, the most this endpoint takes. Nothing was changed.\"}";

	@Autowired
	RuntimeService runtimeService;

	@LocalServerPort
	int port;

	@Test
	void aFiveMegabyteCaseRequestIsRefusedWithASentence() throws IOException {
		long before = this.runtimeService.createProcessInstanceQuery().count();
		String answer = send("POST /api/cases", "analyst", "Content-Length: 5000000",
				("{\"type\":\"mailbox\",\"padding\":\"" + "x".repeat(70_000)).getBytes(StandardCharsets.UTF_8));
		assertThat(answer).startsWith("HTTP/1.1 413")
			.contains("Connection: close")
			.endsWith("{\"error\":\"The request body is larger than 65536" + REFUSAL_END);
		assertThat(this.runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
	}

	@Test
	void camundasRestApiAndTheWebappsHaveALimitToo() throws IOException {
		byte[] start = ("{\"variables\":{\"note\":{\"value\":\"" + "x".repeat(70_000)).getBytes(StandardCharsets.UTF_8);
		assertThat(send("POST /engine-rest/task/x/complete", "admin", "Content-Length: 2000000", start))
			.startsWith("HTTP/1.1 413")
			.endsWith("larger than 1048576" + REFUSAL_END);
		assertThat(send("POST /camunda/api/engine/engine/default/task/x/submit-form", null, "Content-Length: 2000000",
				start))
			.startsWith("HTTP/1.1 413");
	}

	@Test
	void aBodySentWithoutALengthIsCutOffAtTheLimit() throws IOException {
		// In chunks of 8 KB with no Content-Length, a JSON string that runs past the limit: the server counts as it
		// reads.
		String opening = "{\"type\":\"mailbox\",\"address\":\"chunked@contoso.ex\",\"padding\":\"";
		StringBuilder chunks = new StringBuilder(Integer.toHexString(opening.length())).append("\r\n")
			.append(opening)
			.append("\r\n");
		for (int i = 0; i < 10; i++) {
			chunks.append("2000\r\n").append("x".repeat(0x2000)).append("\r\n");
		}
		String answer = send("POST /api/cases", "analyst", "Transfer-Encoding: chunked",
				chunks.toString().getBytes(StandardCharsets.UTF_8));
		assertThat(answer).startsWith("HTTP/1.1 413").endsWith("larger than 65536" + REFUSAL_END);
		assertThat(this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey("mailbox:chunked@contoso.ex")
			.count()).isZero();
	}

	/** Sends a JSON request's head and the given start of its body, and reads the whole answer. */
	private String send(String requestLine, String user, String framing, byte[] body) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: localhost\r\n")
				.append("Content-Type: application/json\r\n")
				.append(framing)
				.append("\r\n");
			if (user != null) {
				head.append("Authorization: Basic ")
					.append(Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
					.append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			return answer(socket.getInputStream());
		}
	}

	/**
	 * The answer's head and as much body as its Content-Length says: the server may keep the connection open a while
	 * for the rest of a body that is never sent.
	 */
	private static String answer(InputStream in) throws IOException {
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		int headEnd = -1;
		while (headEnd < 0) {
			int next = in.read();
			if (next < 0) {
				return read.toString(StandardCharsets.UTF_8);
			}
			read.write(next);
			String text = read.toString(StandardCharsets.ISO_8859_1);
			headEnd = text.endsWith("\r\n\r\n") ? text.length() : -1;
		}
		Matcher length = Pattern.compile("(?i)content-length: *(\\d+)")
			.matcher(read.toString(StandardCharsets.ISO_8859_1));
		if (length.find()) {
			read.write(in.readNBytes(Integer.parseInt(length.group(1))));
		}
		return read.toString(StandardCharsets.UTF_8);
	}

}
