package org.soc.runbook.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
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
 * over its limit is answered 413 with a sentence and read no further; a body sent without a length is read here up to
 * the limit (a form so sent is bounded by the container's own form limit). The restriction intake keeps its own,
 * stricter limit.
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimit {

	private static final Logger LOG = LoggerFactory.getLogger(RequestSizeLimit.class);

	@Bean
	FilterRegistrationBean<Filter> requestSizeLimitFilter(HttpLimits limits) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(limits));
		// After the sign-in source and before Spring Security: nothing reads a body before this.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	static final class Filter extends OncePerRequestFilter {

		private final HttpLimits limits;

		Filter(HttpLimits limits) {
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
			if (length >= 0 || !hasBody(request)) {
				// Tomcat reads no more than the declared length.
				chain.doFilter(request, response);
				return;
			}
			if (isForm(request)) {
				// The container parses a form from its own stream, and bounds it itself
				// (server.tomcat.max-http-form-post-size).
				chain.doFilter(request, response);
				return;
			}
			byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
			if (body.length > limit) {
				refuse(request, response, limit);
				return;
			}
			chain.doFilter(new Buffered(request, body), response);
		}

		private static boolean hasBody(HttpServletRequest request) {
			return request.getHeader("Transfer-Encoding") != null;
		}

		private static boolean isForm(HttpServletRequest request) {
			String type = request.getContentType();
			return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
		}

		private static void refuse(HttpServletRequest request, HttpServletResponse response, long limit)
				throws IOException {
			LOG.warn("Refused a {} to {} from {}: the body is larger than {} bytes", request.getMethod(),
					request.getRequestURI(), request.getRemoteAddr(), limit);
			response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			// The rest of the body is not read: the connection closes after the answer, which is sent at once so
			// that it is not lost when the container drops a connection with too much left unread.
			response.setHeader("Connection", "close");
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter()
				.write("{\"error\":\"The request body is larger than " + limit
						+ " bytes, the most this endpoint takes. Nothing was changed.\"}");
			response.flushBuffer();
		}

	}

	/** A request whose body, sent without a length, was read here and within its limit. */
	private static final class Buffered extends HttpServletRequestWrapper {

		private final byte[] body;

		Buffered(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			java.io.ByteArrayInputStream bytes = new java.io.ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return bytes.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return bytes.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return bytes.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body was read already");
				}

			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
					(getCharacterEncoding() != null) ? java.nio.charset.Charset.forName(getCharacterEncoding())
							: StandardCharsets.UTF_8));
		}

	}

}
