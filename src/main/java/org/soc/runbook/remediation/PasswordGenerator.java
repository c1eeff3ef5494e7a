package org.soc.runbook.remediation;

import java.security.SecureRandom;

/**
 * Makes the new password of a contained account: 20 characters from a cryptographic random source, with at least
 * one upper-case letter, lower-case letter, digit and symbol (Entra requires three of the four), and no look-alike
 * characters. Nobody ever sees it: the user gets a new one through the organisation's reset process.
 */
final class PasswordGenerator {

	private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";

	private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";

	private static final String DIGITS = "23456789";

	private static final String SYMBOLS = "!#$%&*+-=?@^_~";

	private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;

	private static final int LENGTH = 20;

	private final SecureRandom random = new SecureRandom();

	char[] generate() {
		char[] password = new char[LENGTH];
		password[0] = pick(UPPER);
		password[1] = pick(LOWER);
		password[2] = pick(DIGITS);
		password[3] = pick(SYMBOLS);
		for (int i = 4; i < LENGTH; i++) {
			password[i] = pick(ALL);
		}
		for (int i = LENGTH - 1; i > 0; i--) {
			int j = this.random.nextInt(i + 1);
			char swap = password[i];
			password[i] = password[j];
			password[j] = swap;
		}
		return password;
	}

	private char pick(String alphabet) {
		return alphabet.charAt(this.random.nextInt(alphabet.length()));
	}

}
