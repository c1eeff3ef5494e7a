package org.soc.runbook.simulator;

import java.time.Duration;

/**
 * An error the simulated tenant answers with; each controller renders it in its API's shape.
 *
 * @param status the HTTP status
 * @param code the Graph error code, the token error, or the Exchange .NET exception type
 * @param message the human text
 * @param retryAfter the Retry-After to send, or null for none
 */
record SimulatedError(int status, String code, String message, Duration retryAfter) {

	/** Thrown inside the tenant's state methods to answer with an error. */
	static final class Raised extends RuntimeException {

		private final SimulatedError error;

		Raised(SimulatedError error) {
			super(error.message(), null, false, false);
			this.error = error;
		}

		SimulatedError error() {
			return this.error;
		}

	}

	static Raised raise(int status, String code, String message) {
		return new Raised(new SimulatedError(status, code, message, null));
	}

}
