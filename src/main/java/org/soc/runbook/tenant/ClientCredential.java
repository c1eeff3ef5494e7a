package org.soc.runbook.tenant;

import java.net.URI;

import org.springframework.util.MultiValueMap;

/**
 * How the app registration proves who it is to the token endpoint. A client secret today; Exchange Online documents
 * certificate credentials, which fit here as a signed {@code client_assertion} without touching the token cache.
 */
public interface ClientCredential {

	/** Adds this credential's form fields to a client-credentials token request sent to {@code tokenUri}. */
	void addTo(MultiValueMap<String, String> form, URI tokenUri);

	/** A client secret, sent as the {@code client_secret} form field. */
	static ClientCredential secret(String secret) {
		return new ClientSecret(secret);
	}

	/** Holds the secret; its {@code toString} never reveals it. */
	final class ClientSecret implements ClientCredential {

		private final String secret;

		private ClientSecret(String secret) {
			if (secret == null || secret.isBlank()) {
				throw new IllegalArgumentException("the client secret is empty");
			}
			this.secret = secret;
		}

		@Override
		public void addTo(MultiValueMap<String, String> form, URI tokenUri) {
			form.add("client_secret", this.secret);
		}

		@Override
		public String toString() {
			return "ClientSecret[<hidden>]";
		}

	}

}
