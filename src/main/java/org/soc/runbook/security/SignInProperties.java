package org.soc.runbook.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed sign-ins slow down whoever guesses passwords, per user and per address the attempts come from, without
 * ever locking an account for good (which would let anyone who knows a user name lock out the approvers or the
 * administrator). See {@link SignInThrottle}.
 *
 * @param freeFailures failed sign-ins in a row, per user and address, that cost no wait (people mistype)
 * @param firstDelay the wait after the first failure beyond those; it doubles with each further failure
 * @param longestDelay the longest wait, however many failures
 * @param forgetAfter failures older than this are forgotten: the wait expires on its own
 */
@ConfigurationProperties("runbook.sign-in")
public record SignInProperties(@DefaultValue("3") int freeFailures, @DefaultValue("1s") Duration firstDelay,
		@DefaultValue("5m") Duration longestDelay, @DefaultValue("15m") Duration forgetAfter) {

}
