package org.soc.runbook.config;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.RunbookIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description the application serves matches its real controllers: every {@code /api/**} mapping is
 * described with its method, nothing else is, and each operation says what it does and shows an example of every
 * request body and parameter.
 */
@RunbookIntegrationTest
class ApiDescriptionTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void theDescriptionCoversEveryApiMappingWithExamples() {
		ResponseEntity<String> served = this.http.getForEntity("/v3/api-docs", String.class);
		assertThat(served.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode document = CaseHttp.json(served.getBody());
		assertThat(document.path("openapi").asText()).startsWith("3.");

		Set<String> controllers = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : this.mappings.getHandlerMethods().entrySet()) {
			for (String path : mapping.getKey().getPatternValues()) {
				if (path.startsWith("/api/")) {
					for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
						controllers.add(method.name().toLowerCase(Locale.ROOT) + " " + path);
					}
				}
			}
		}
		assertThat(controllers).contains("post /api/restrictions", "post /api/cases", "get /api/cases",
				"get /api/cases/{id}", "get /api/cases/{id}/audit");

		Set<String> described = new TreeSet<>();
		for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
			Map.Entry<String, JsonNode> path = paths.next();
			for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext();) {
				Map.Entry<String, JsonNode> operation = operations.next();
				String name = operation.getKey() + " " + path.getKey();
				described.add(name);
				JsonNode op = operation.getValue();
				assertThat(op.path("summary").asText()).as(name + " summary").isNotBlank();
				if (operation.getKey().equals("post")) {
					JsonNode examples = op.path("requestBody").path("content").path("application/json").path("examples");
					assertThat(examples.size()).as(name + " request examples").isGreaterThanOrEqualTo(2);
					boolean opensCases = path.getKey().equals("/api/cases") || path.getKey().equals("/api/restrictions");
					examples.forEach((example) -> {
						JsonNode body = CaseHttp.json(example.path("value").isTextual() ? example.path("value").asText()
								: example.path("value").toString());
						assertThat(body.isObject() && body.size() > 0).as(name + " example is a JSON object").isTrue();
						if (opensCases) {
							assertThat(body.path("type").asText()).as(name).isIn("mailbox", "connector");
						}
					});
				}
				op.path("parameters").forEach((parameter) -> assertThat(parameter.has("example")
						|| parameter.path("schema").has("example")).as(name + " " + parameter.path("name") + " example")
					.isTrue());
			}
		}
		assertThat(described).isEqualTo(controllers);
	}

}
