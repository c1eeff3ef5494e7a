package org.soc.runbook.security;

import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * The runbook refuses what a person asks (a release without every recommendation, the reviewer approving their own
 * case, a field the task's form does not have) with a {@link RunbookRefusal}. Camunda's task resources turn
 * every engine exception of a completion, a form submit or a variable change into a 500, however clearly it is the
 * caller's mistake. These mappers answer 400 with the refusal's own words, in Camunda's error shape, and leave every
 * other exception to Camunda's handlers. They serve both of Camunda's REST APIs: {@code /engine-rest} and the one
 * Tasklist and Cockpit call ({@link WebappRestRefusals}). Public, with public constructors, because Jersey makes them
 * from their class names there.
 */
public final class RefusalExceptionMapper {

	private RefusalExceptionMapper() {
	}

	/**
	 * 400 for a refusal of the runbook's anywhere in the cause chain; 404 for Camunda's tenant check refusing a
	 * case, task or variable of a tenant the caller does not serve (another customer's case is, to them, not there;
	 * Camunda answers it with a 500); else null (Camunda answers as it would).
	 */
	static Response refusal(Throwable exception) {
		String otherTenant = TenantRefusal.message(exception);
		if (otherTenant != null) {
			TenantRefusal.LOG.warn("Refused for {}: {} (a tenant they do not serve)", TenantRefusal.caller(),
					otherTenant);
			return Response.status(Response.Status.NOT_FOUND)
				.type(MediaType.APPLICATION_JSON_TYPE)
				.entity(Map.of("type", "NotFound", "message",
						"Not found among the cases of the tenants you serve."))
				.build();
		}
		Throwable cause = exception;
		while (cause != null) {
			if (cause instanceof RunbookRefusal refusal) {
				return Response.status(Response.Status.BAD_REQUEST)
					.type(MediaType.APPLICATION_JSON_TYPE)
					.entity(Map.of("type", refusal.getClass().getSimpleName(), "message",
							String.valueOf(refusal.getMessage())))
					.build();
			}
			cause = (cause.getCause() == cause) ? null : cause.getCause();
		}
		return null;
	}

	/** For the task resources, which wrap engine exceptions in a {@link RestException}. */
	@Priority(1)
	public static final class ForRestExceptions extends RefusalOrCamunda<RestException> {

		public ForRestExceptions() {
			super(new RestExceptionHandler());
		}

	}

	/** For resources that let the engine exception through. */
	@Priority(1)
	public static final class ForEngineExceptions extends RefusalOrCamunda<ProcessEngineException> {

		public ForEngineExceptions() {
			super(new ExceptionHandler());
		}

	}

	/** A refusal's 400, or what Camunda's own mapper for the exception type answers. */
	abstract static class RefusalOrCamunda<E extends Throwable> implements ExceptionMapper<E> {

		private final ExceptionMapper<? super E> camunda;

		RefusalOrCamunda(ExceptionMapper<? super E> camunda) {
			this.camunda = camunda;
		}

		@Override
		public Response toResponse(E exception) {
			Response refused = refusal(exception);
			return (refused != null) ? refused : this.camunda.toResponse(exception);
		}

	}

}
