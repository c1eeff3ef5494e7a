package org.soc.runbook.security;

import java.util.Map;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.jersey.servlet.ServletProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist and Cockpit call the engine through the webapps' own copy of Camunda's REST API ({@code /camunda/api/
 * engine}), which the starter registers as the servlet "Engine Api" with no way to add providers. This registers
 * that servlet first, exactly as the starter would (the starter then leaves it alone), plus the runbook's refusal
 * mappers, so that a refusal reaches Tasklist as 400 with its sentence, as it does on {@code /engine-rest}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
// Only where the webapps run: without them, their authentication and anti-forgery filters are not there either.
@ConditionalOnProperty(prefix = "camunda.bpm.webapp", name = "enabled", havingValue = "true", matchIfMissing = true)
class WebappRestRefusals implements ServletContextInitializer {

	/** The servlet name the starter gives the webapps' engine REST API. */
	static final String SERVLET = "Engine Api";

	private final CamundaBpmProperties camunda;

	WebappRestRefusals(CamundaBpmProperties camunda) {
		this.camunda = camunda;
	}

	@Override
	public void onStartup(ServletContext servletContext) {
		if (servletContext.getServletRegistration(SERVLET) != null) {
			return;
		}
		ServletRegistration.Dynamic servlet = servletContext.addServlet(SERVLET, ServletContainer.class);
		servlet.addMapping(this.camunda.getWebapp().getApplicationPath() + "/api/engine/*");
		servlet.setInitParameters(Map.of(ServletProperties.JAXRS_APPLICATION_CLASS,
				EngineRestApplication.class.getName(), ServerProperties.PROVIDER_CLASSNAMES,
				RefusalExceptionMapper.ForRestExceptions.class.getName() + ","
						+ RefusalExceptionMapper.ForEngineExceptions.class.getName()));
	}

}
