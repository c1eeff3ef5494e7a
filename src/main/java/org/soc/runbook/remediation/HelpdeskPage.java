package org.soc.runbook.remediation;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the helpdesk's page ({@code src/main/resources/static/helpdesk/}) at {@code /helpdesk}: sign-in, the users
 * waiting for a way back in, and the one-time display of a Temporary Access Pass. Plain HTML, CSS and JavaScript from
 * this application only; the pass lives in the page's memory until it is closed or reloaded.
 */
@Configuration(proxyBeanMethods = false)
class HelpdeskPage implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/helpdesk", "/helpdesk/");
		registry.addViewController("/helpdesk/").setViewName("forward:/helpdesk/index.html");
	}

}
