package org.soc.runbook.tenant;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * App registration certificates for tests, made by the JDK's own {@code keytool} (the JDK has no API to issue a
 * certificate): a self-signed RSA certificate with its key in a PKCS#12 file, and the same as PEM.
 */
final class TestCertificates {

	private TestCertificates() {
	}

	/** A new key and self-signed certificate in a PKCS#12 file with the password; the entry. */
	static KeyStore.PrivateKeyEntry pkcs12(Path file, String password) throws IOException, GeneralSecurityException,
			InterruptedException {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "runbook", "-keyalg", "RSA",
				"-keysize", "2048", "-validity", "2", "-dname", "CN=restricted-entity-runbook", "-storetype", "PKCS12",
				"-keystore", file.toString(), "-storepass", password, "-keypass", password)
			.redirectErrorStream(true)
			.start();
		process.getInputStream().readAllBytes();
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("keytool could not make a certificate");
		}
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, password.toCharArray());
		}
		return (KeyStore.PrivateKeyEntry) store.getEntry("runbook",
				new KeyStore.PasswordProtection(password.toCharArray()));
	}

	/** The entry as a PEM file: the unencrypted PKCS#8 key, then the certificate. */
	static Path pem(Path file, KeyStore.PrivateKeyEntry entry) throws IOException, GeneralSecurityException {
		Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes());
		String pem = "-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(entry.getPrivateKey().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n"
				+ base64.encodeToString(entry.getCertificate().getEncoded()) + "\n-----END CERTIFICATE-----\n";
		return Files.writeString(file, pem);
	}

}
