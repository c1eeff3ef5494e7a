package org.soc.runbook.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CheckPassword;
import org.camunda.bpm.engine.impl.cmd.UnlockUserCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every password check the engine makes (the webapps' login form, HTTP basic on the APIs, a directory behind LDAP)
 * goes through {@link SignInThrottle}, keyed by the user and the address the request came from. Camunda's own
 * lock-out is switched off: it counts per user only, so anyone could lock an approver or the administrator out, and
 * after ten failures it locks for good.
 */
@Component
class SignInThrottling extends AbstractProcessEnginePlugin {

	private static final Logger LOG = LoggerFactory.getLogger(SignInThrottling.class);

	/** Where the current request comes from; "local" for a password check made outside a request. */
	private static final ThreadLocal<String> SOURCE = new ThreadLocal<>();

	private final SignInThrottle throttle;

	SignInThrottling(SignInProperties properties) {
		this.throttle = new SignInThrottle(properties, Clock.systemUTC());
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		// Camunda's lock: never permanent, and no wait of its own (a base of zero seconds).
		configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
		configuration.setLoginDelayBase(0);
		List<CommandInterceptor> before = (configuration.getCustomPreCommandInterceptorsTxRequired() != null)
				? new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired()) : new ArrayList<>();
		before.add(new Interceptor(this.throttle));
		configuration.setCustomPreCommandInterceptorsTxRequired(before);
	}

	/** The address a request comes from, for the password checks made while it is served. */
	static final class SourceFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			SOURCE.set(request.getRemoteAddr());
			try {
				chain.doFilter(request, response);
			}
			finally {
				SOURCE.remove();
			}
		}

	}

	/** Registers {@link SourceFilter} ahead of every other filter, Spring Security's included. */
	@Configuration(proxyBeanMethods = false)
	static class SourceFilterRegistration {

		@Bean
		FilterRegistrationBean<SourceFilter> signInSourceFilter() {
			FilterRegistrationBean<SourceFilter> registration = new FilterRegistrationBean<>(new SourceFilter());
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	private static final class Interceptor extends CommandInterceptor {

		private final SignInThrottle throttle;

		Interceptor(SignInThrottle throttle) {
			this.throttle = throttle;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T execute(Command<T> command) {
			if (command instanceof CheckPassword) {
				return (T) check((String) PersonCommand.field(command, "userId"), command);
			}
			if (command instanceof UnlockUserCmd) {
				T result = this.next.execute(command);
				String user = (String) PersonCommand.field(command, "userId");
				this.throttle.unlock(user);
				LOG.info("Sign-ins of '{}' unlocked by an administrator", printable(user));
				return result;
			}
			return this.next.execute(command);
		}

		private Boolean check(String user, Command<?> command) {
			String source = (SOURCE.get() != null) ? SOURCE.get() : "local";
			Duration wait = this.throttle.attempt(user, source);
			if (!wait.isZero()) {
				LOG.warn("Sign-in of '{}' from {} refused without checking the password: too many failures in a row "
						+ "from there; the next try is allowed in {} s", printable(user), source,
						Math.max(1, (wait.toMillis() + 999) / 1000));
				return Boolean.FALSE;
			}
			Boolean accepted = (Boolean) this.next.execute(command);
			if (Boolean.TRUE.equals(accepted)) {
				this.throttle.succeeded(user, source);
			}
			else {
				LOG.info("Failed sign-in of '{}' from {} ({} in a row from there)", printable(user), source,
						this.throttle.failures(user, source));
			}
			return accepted;
		}

		/** A user name as typed by anyone: one short line. */
		private static String printable(String user) {
			String line = (user != null) ? user.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "?") : "";
			return (line.length() > 100) ? line.substring(0, 100) + "..." : line;
		}

	}

}
