package org.soc.runbook.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * One request the simulated tenant answered: the witness that tests read to prove what the application did to the
 * tenant, in which order, and how often. Parameters never include a password or a secret.
 *
 * @param sequence the call's position in the log, from 1
 * @param at when the request arrived
 * @param api which endpoint
 * @param operation the Graph operation or the cmdlet name, e.g. {@code resetPassword}, {@code Get-InboxRule}
 * @param target the user, address or connector it was about, lower case; empty when none
 * @param parameters the request's parameters as text, secrets left out
 * @param status the HTTP status answered
 */
public record SimulatorCall(long sequence, Instant at, SimulatedApi api, String operation, String target,
		Map<String, String> parameters, int status) {
}
