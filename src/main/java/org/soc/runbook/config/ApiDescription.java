package org.soc.runbook.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the runbook's own endpoints ({@code /api/**}), served at {@code /v3/api-docs} and
 * generated from the controllers themselves, so it cannot drift from them ({@code ApiDescriptionTests} holds it to
 * every mapping). Camunda's REST API ({@code /engine-rest}) is Camunda's and described by Camunda.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

	@Bean
	OpenAPI runbookApi() {
		return new OpenAPI()
			.info(new Info().title("Restricted Entity Runbook API")
				.version("1")
				.description("Report restricted mailboxes and connectors, open cases by hand, and read cases and their "
						+ "audit timelines. People sign in with HTTP basic (Camunda's users or the directory); detection "
						+ "sources use the intake's shared secret."))
			.components(new Components()
				.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
				.addSecuritySchemes("intakeBearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("runbook.detection.intake-secret as the bearer token"))
				.addSecuritySchemes("intakeSignature",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("X-Signature")
							.description("sha256=<hex HMAC-SHA256 of the exact body, keyed with the intake secret>")))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}

}
