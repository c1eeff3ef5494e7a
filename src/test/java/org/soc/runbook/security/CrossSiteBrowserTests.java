package org.soc.runbook.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.soc.runbook.Browsers;
import org.soc.runbook.RunbookIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cross-site request forgery against {@code /engine-rest}, as it happens: an administrator's real browser (Debian's
 * chromium, headless) remembers the HTTP basic credentials it signed in with, then opens a page on another origin
 * that posts a deployment to the runbook with them. The runbook refuses the request, and creates nothing.
 */
@RunbookIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CrossSiteBrowserTests {

	private static final String FORGED = "forged-by-another-site";

	@LocalServerPort
	int port;

	@Autowired
	RepositoryService repositoryService;

	HttpServer otherSite;

	WebDriver browser;

	@BeforeEach
	void anotherSiteOnThisMachine(@TempDir Path downloads) throws IOException {
		this.browser = Browsers.chromium(downloads);
		// 127.0.0.1 and localhost are different sites to a browser, as evil.example and the SOC's host would be.
		this.otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		String target = "http://localhost:" + this.port + "/engine-rest/deployment/create";
		String page = """
				<html><body><form id="f" method="post" enctype="multipart/form-data" action="%s">
				<input name="deployment-name" value="%s"><input type="file" name="data" id="file"></form>
				<script>
				const model = '<?xml version="1.0"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
				  + 'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="x"><process id="forged" '
				  + 'isExecutable="true" camunda:historyTimeToLive="P1D"><startEvent id="s"/></process></definitions>';
				const files = new DataTransfer();
				files.items.add(new File([model], 'forged.bpmn', {type: 'text/xml'}));
				document.getElementById('file').files = files.files;
				document.getElementById('f').submit();
				</script></body></html>""".formatted(target, FORGED);
		this.otherSite.createContext("/", (exchange) -> {
			byte[] body = page.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.otherSite.start();
	}

	@AfterEach
	void close() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.otherSite != null) {
			this.otherSite.stop(0);
		}
	}

	@Test
	void aPageOnAnotherSiteCannotUseTheCredentialsTheBrowserRemembers(CapturedOutput output) {
		// The administrator signs in to the API in the browser once; it remembers the credentials for the path.
		this.browser.get("http://admin:admin@localhost:" + this.port + "/engine-rest/deployment/");
		assertThat(this.browser.findElement(By.tagName("body")).getText()).startsWith("[");

		this.browser.get("http://127.0.0.1:" + this.otherSite.getAddress().getPort() + "/");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.browser.findElement(By.tagName("body")).getText(),
					(text) -> text.contains("Cross-site requests to this API are refused"));

		// The browser did send the administrator's credentials: the runbook refused the request all the same.
		assertThat(output).contains("Refused a cross-site POST to /engine-rest/deployment/create from http://127.0.0.1:"
				+ this.otherSite.getAddress().getPort() + " (credentials sent: basic, as admin)");
		assertThat(this.repositoryService.createDeploymentQuery().deploymentName(FORGED).count()).isZero();
		assertThat(this.repositoryService.createProcessDefinitionQuery().processDefinitionKey("forged").count())
			.isZero();
	}

}
