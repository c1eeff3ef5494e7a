package org.soc.runbook.tenant;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;

/**
 * How the runbook's app proves who it is to the identity platform: exactly one of a client secret, a certificate
 * (what Microsoft documents for app-only Exchange Online access; many tenants forbid secrets) or the managed identity
 * of the Azure resource the node runs on. Microsoft's library (MSAL for Java) signs and sends it; nothing here ever
 * shows the secret, the key or the password ({@link #toString()}).
 */
public sealed interface TenantCredential {

	/** The credential the settings name; a clear error when none or more than one is set. */
	static TenantCredential of(TenantProperties properties) {
		List<TenantCredential> set = new ArrayList<>();
		if (present(properties.clientSecret())) {
			set.add(new Secret(properties.clientSecret()));
		}
		if (properties.certificateFile() != null) {
			set.add(new Certificate(properties.certificateFile(), properties.certificatePassword()));
		}
		if (present(properties.managedIdentity())) {
			set.add(new ManagedIdentity(properties.managedIdentity().trim()));
		}
		if (set.size() != 1) {
			throw new IllegalStateException("Set exactly one credential for the app registration: "
					+ "runbook.tenant.client-secret, runbook.tenant.certificate-file or runbook.tenant.managed-identity ("
					+ ((set.isEmpty()) ? "none is set" : set.size() + " are set") + ").");
		}
		return set.get(0);
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

	/** A client secret. */
	record Secret(String secret) implements TenantCredential {

		/** For MSAL. */
		IClientCredential forMsal() {
			return ClientCredentialFactory.createFromSecret(this.secret);
		}

		@Override
		public String toString() {
			return "Secret[<hidden>]";
		}

	}

	/**
	 * A certificate and its private key: a PKCS#12 file ({@code .p12}, {@code .pfx}, with its password) or a PEM file
	 * holding an unencrypted PKCS#8 private key and the certificate (chain).
	 */
	record Certificate(Path file, String password) implements TenantCredential {

		private static final Pattern PEM = Pattern
			.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

		/** For MSAL: the file read now, so that a wrong path or password stops the start with a clear error. */
		IClientCredential forMsal() {
			String name = this.file.getFileName().toString().toLowerCase(Locale.ROOT);
			try {
				if (name.endsWith(".p12") || name.endsWith(".pfx")) {
					try (InputStream in = Files.newInputStream(this.file)) {
						return ClientCredentialFactory.createFromCertificate(in,
								(this.password != null) ? this.password : "");
					}
				}
				return fromPem(Files.readString(this.file));
			}
			catch (IOException | GeneralSecurityException | RuntimeException ex) {
				throw new IllegalStateException("runbook.tenant.certificate-file " + this.file
						+ " could not be read as a PKCS#12 file or a PEM key and certificate: "
						+ ex.getClass().getSimpleName()
						+ ((ex.getMessage() != null) ? " (" + ex.getMessage() + ")" : ""));
			}
		}

		private static IClientCredential fromPem(String pem) throws GeneralSecurityException {
			PrivateKey key = null;
			List<X509Certificate> chain = new ArrayList<>();
			CertificateFactory certificates = CertificateFactory.getInstance("X.509");
			Matcher block = PEM.matcher(pem);
			while (block.find()) {
				byte[] der = Base64.getMimeDecoder().decode(block.group(2));
				switch (block.group(1)) {
					case "PRIVATE KEY" -> key = KeyFactory.getInstance("RSA")
						.generatePrivate(new PKCS8EncodedKeySpec(der));
					case "CERTIFICATE" -> chain
						.add((X509Certificate) certificates.generateCertificate(new ByteArrayInputStream(der)));
					default -> throw new GeneralSecurityException("a " + block.group(1) + " block is not read; "
							+ "convert the key to an unencrypted PKCS#8 'PRIVATE KEY' (openssl pkcs8 -topk8 -nocrypt)");
				}
			}
			if (key == null || chain.isEmpty()) {
				throw new GeneralSecurityException("the PEM file needs a PRIVATE KEY and a CERTIFICATE block");
			}
			return ClientCredentialFactory.createFromCertificateChain(key, chain);
		}

		@Override
		public String toString() {
			return "Certificate[file=" + this.file + ", password=<hidden>]";
		}

	}

	/**
	 * The managed identity of the Azure resource the node runs on: {@code system} for the system-assigned one, or a
	 * user-assigned identity's client id. No secret exists anywhere.
	 */
	record ManagedIdentity(String clientId) implements TenantCredential {

		/** Whether it is the resource's system-assigned identity. */
		boolean systemAssigned() {
			return "system".equalsIgnoreCase(this.clientId);
		}

	}

}
