package org.soc.runbook.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the auditors' page ({@code src/main/resources/static/audit/}) at {@code /audit}: sign-in, the case list with
 * filters, a case's timeline and its exports. Plain HTML, CSS and JavaScript from this application only.
 */
@Configuration(proxyBeanMethods = false)
class AuditPage implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/audit", "/audit/");
		registry.addViewController("/audit/").setViewName("forward:/audit/index.html");
	}

}
