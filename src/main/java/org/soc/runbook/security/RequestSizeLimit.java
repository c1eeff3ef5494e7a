package org.soc.runbook.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import java.io.BufferedReader;
import java.io.InputStreamReader;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request body has a size limit, whichever endpoint takes it: {@code /api} (a case is opened with a few dozen
 * bytes), Camunda's REST APIs and the webapps (a form submit is a few kilobytes; a deployment may be larger). A body
 * over its limit is answered 413 with a sentence and read no further; a body sent without a length is counted as it is
 * read and cut off at the limit, never held here. The restriction intake keeps its own, stricter limit.
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimit {

	private static final Logger LOG = LoggerFactory.getLogger(RequestSizeLimit.class);

	/** Set on a request whose body, sent without a length, ran over its limit while being read. */
	private static final String OVERRUN = RequestSizeLimit.class.getName() + ".overrun";

	@Bean
	FilterRegistrationBean<LimitFilter> requestSizeLimitFilter(HttpLimits limits) {
		FilterRegistrationBean<LimitFilter> registration = new FilterRegistrationBean<>(new LimitFilter(limits));
		// After the sign-in source and before Spring Security: nothing reads a body before this.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	static final class LimitFilter extends OncePerRequestFilter {

		private final HttpLimits limits;

		LimitFilter(HttpLimits limits) {
			this.limits = limits;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			long limit = this.limits.of(path);
			long length = request.getContentLengthLong();
			if (length > limit) {
				refuse(request, response, limit);
				return;
			}
			if (length >= 0 || request.getHeader("Transfer-Encoding") == null) {
				// Tomcat reads no more than the declared length.
				chain.doFilter(request, response);
				return;
			}
			// No length given: the body is counted as it is read and cut off at the limit, whoever reads it (a form
			// that the container parses itself is bounded by server.tomcat.max-http-form-post-size).
			chain.doFilter(new Counted(request, limit), new HttpServletResponseWrapper(response) {

				@Override
				public void sendError(int status) throws IOException {
					sendError(status, null);
				}

				@Override
				public void sendError(int status, String message) throws IOException {
					if (request.getAttribute(OVERRUN) != null && !isCommitted()) {
						refuse(request, (HttpServletResponse) getResponse(), limit);
					}
					else {
						super.sendError(status, message);
					}
				}

			});
		}

	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, long limit)
			throws IOException {
		LOG.warn("Refused a {} to {} from {}: the body is larger than {} bytes", request.getMethod(),
				request.getRequestURI(), request.getRemoteAddr(), limit);
		response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
		// The rest of the body is not read: the connection closes after the answer, which is sent at once so that it
		// is not lost when the container drops a connection with too much left unread.
		response.setHeader("Connection", "close");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		byte[] body = ("{\"error\":\"The request body is larger than " + limit
				+ " bytes, the most this endpoint takes. Nothing was changed.\"}")
			.getBytes(StandardCharsets.UTF_8);
		// With its length, so that a client still sending its body can read the whole answer before the close.
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	/** A request whose body, sent without a length, fails to read past the limit. */
	private static final class Counted extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream counted;

		Counted(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.counted == null) {
				ServletInputStream body = super.getInputStream();
				this.counted = new ServletInputStream() {

					private long read;

					@Override
					public int read() throws IOException {
						int next = body.read();
						if (next != -1) {
							count(1);
						}
						return next;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						int n = body.read(buffer, offset, length);
						if (n > 0) {
							count(n);
						}
						return n;
					}

					private void count(int n) throws IOException {
						this.read += n;
						if (this.read > Counted.this.limit) {
							getRequest().setAttribute(OVERRUN, Boolean.TRUE);
							throw new IOException("request body larger than " + Counted.this.limit + " bytes");
						}
					}

					@Override
					public boolean isFinished() {
						return body.isFinished();
					}

					@Override
					public boolean isReady() {
						return body.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						body.setReadListener(listener);
					}

				};
			}
			return this.counted;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = (getCharacterEncoding() != null) ? getCharacterEncoding() : StandardCharsets.UTF_8.name();
			return new BufferedReader(new InputStreamReader(getInputStream(), encoding));
		}

	}

}
