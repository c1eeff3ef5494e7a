package org.soc.runbook.preflight;

/**
 * One line of the preflight report.
 *
 * @param check what was checked, in a few words
 * @param status the verdict
 * @param detail what was seen (never a secret or a token)
 * @param fix how to put it right, when it is not {@link Status#OK}
 */
public record Finding(String check, Status status, String detail, String fix) {

	/** A check's verdict. */
	public enum Status {

		/** In place. */
		OK,

		/** Needed before going live: the report's command exits non-zero. */
		MISSING,

		/** Not needed, but the runbook does less without it. */
		ADVICE,

		/** Could not be checked from here; look in the portal. */
		UNKNOWN

	}

	static Finding ok(String check, String detail) {
		return new Finding(check, Status.OK, detail, null);
	}

	static Finding missing(String check, String detail, String fix) {
		return new Finding(check, Status.MISSING, detail, fix);
	}

	static Finding advice(String check, String detail, String fix) {
		return new Finding(check, Status.ADVICE, detail, fix);
	}

	static Finding unknown(String check, String detail, String fix) {
		return new Finding(check, Status.UNKNOWN, detail, fix);
	}

}
