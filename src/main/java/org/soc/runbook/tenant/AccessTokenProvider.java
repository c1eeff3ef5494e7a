package org.soc.runbook.tenant;

import java.io.IOException;
import java.net.MalformedURLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import com.microsoft.aad.msal4j.MsalServiceException;

/**
 * App-only tokens from Microsoft's library for the identity platform (MSAL for Java): the client-credentials grant
 * with a client secret or a certificate, or the token of the node's Azure managed identity; one token per resource
 * (Graph and Exchange Online need different scopes), kept and renewed by MSAL's own cache. MSAL's requests go through
 * the tenant clients' HTTP client ({@link MsalHttpClient}), so their failures are typed like every other call's.
 * <p>
 * Per resource, one caller at a time asks MSAL: threads that find no token wait for one request instead of each
 * sending their own, and then read MSAL's cache.
 */
public class AccessTokenProvider {

	/** Reads a token's claims; a plain reader, as the claims are only looked at, never trusted for access. */
	private static final ObjectMapper CLAIMS = new ObjectMapper();

	private final TenantProperties properties;

	private final TokenSource source;

	private final Map<TenantResource, Object> locks = new EnumMap<>(TenantResource.class);

	/** Per resource: a token was refused, so the next request skips MSAL's cache. */
	private final Map<TenantResource, AtomicBoolean> refused = new EnumMap<>(TenantResource.class);

	AccessTokenProvider(TenantProperties properties, TenantCredential credential, MsalHttpClient http) {
		this.properties = properties;
		this.source = (credential instanceof TenantCredential.ManagedIdentity identity) ? managed(identity, http)
				: confidential(properties, credential, http);
		for (TenantResource resource : TenantResource.values()) {
			this.locks.put(resource, new Object());
			this.refused.put(resource, new AtomicBoolean());
		}
	}

	/**
	 * Proves that both tokens can be obtained now, e.g. for a health check. Throws the token endpoint's failure.
	 */
	public void verifyAccess() {
		token(TenantResource.GRAPH);
		token(TenantResource.EXCHANGE);
	}

	/** A token for the resource, from MSAL's cache while it is fresh. */
	String token(TenantResource resource) {
		String scope = (resource == TenantResource.GRAPH) ? this.properties.graphScope()
				: this.properties.exchangeScope();
		synchronized (this.locks.get(resource)) {
			boolean skipCache = this.refused.get(resource).getAndSet(false);
			try {
				return this.source.acquire(scope, skipCache).get().accessToken();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new TenantTransientException(TenantApi.TOKEN, "token for " + scope, 0, null, "interrupted",
						null, ex);
			}
			catch (ExecutionException ex) {
				throw typed(scope, ex);
			}
			catch (RuntimeException ex) {
				throw typed(scope, ex);
			}
		}
	}

	/**
	 * The application permissions a new Graph token carries ({@code roles}), read from the token as any JWT; empty
	 * when the token is not readable so (a format Microsoft may change: the token is for Graph, not for us). New, not
	 * cached, so that a permission granted or removed minutes ago shows. Throws the token endpoint's failure.
	 */
	public Optional<List<String>> graphRoles() {
		this.refused.get(TenantResource.GRAPH).set(true);
		return roles(token(TenantResource.GRAPH));
	}

	/** The same for a new Exchange Online token ({@code Exchange.ManageAsApp}). */
	public Optional<List<String>> exchangeRoles() {
		this.refused.get(TenantResource.EXCHANGE).set(true);
		return roles(token(TenantResource.EXCHANGE));
	}

	private static Optional<List<String>> roles(String token) {
		String[] parts = token.split("\\.");
		if (parts.length != 3) {
			return Optional.empty();
		}
		try {
			JsonNode claims = CLAIMS.readTree(Base64.getUrlDecoder().decode(parts[1]));
			List<String> roles = new ArrayList<>();
			claims.path("roles").forEach((role) -> roles.add(role.asText()));
			return Optional.of(List.copyOf(roles));
		}
		catch (IOException | IllegalArgumentException notJwt) {
			return Optional.empty();
		}
	}

	/** Forgets a token the resource refused (revoked, rotated), so that the next call fetches a new one. */
	void invalidate(TenantResource resource, String refusedToken) {
		this.refused.get(resource).set(true);
	}

	/** The tenant client's typed failure behind MSAL's wrapping, or MSAL's own refusal typed the same way. */
	private static TenantException typed(String scope, Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TenantException tenant) {
				return tenant;
			}
			if (cause instanceof MsalServiceException refusal) {
				return new TenantAuthenticationException(TenantApi.TOKEN, "token for " + scope,
						refusal.statusCode(), refusal.errorCode(), TenantErrors.clean(refusal.getMessage()));
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return new TenantAuthenticationException(TenantApi.TOKEN, "token for " + scope, 0, "msal_client",
				TenantErrors.clean(failure.getMessage()));
	}

	private static TokenSource confidential(TenantProperties properties, TenantCredential credential,
			MsalHttpClient http) {
		IClientCredential msalCredential = (credential instanceof TenantCredential.Certificate certificate)
				? certificate.forMsal() : ((TenantCredential.Secret) credential).forMsal();
		ConfidentialClientApplication application;
		try {
			application = ConfidentialClientApplication.builder(properties.clientId(), msalCredential)
				// MSAL names the cloud's authority; MsalHttpClient sends its requests to the configured host, which
				// is the same one unless a proxy or the simulated tenant stands in for it.
				.authority(properties.cloud().authority() + "/" + properties.tenantId() + "/")
				// The authority is the cloud's own: asking Microsoft which clouds exist adds a call and nothing else.
				.instanceDiscovery(false)
				.httpClient(http)
				// The tenant clients retry as their rules say (Retry-After, job retries); not MSAL behind them.
				.disableInternalRetries()
				.executorService(new CallerRuns())
				.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException("runbook.tenant.tenant-id does not make an authority URL: "
					+ ex.getMessage());
		}
		return (scope, skipCache) -> application
			.acquireToken(ClientCredentialParameters.builder(Set.of(scope)).skipCache(skipCache).build());
	}

	private static TokenSource managed(TenantCredential.ManagedIdentity identity, MsalHttpClient http) {
		ManagedIdentityApplication application = ManagedIdentityApplication
			.builder(identity.systemAssigned() ? ManagedIdentityId.systemAssigned()
					: ManagedIdentityId.userAssignedClientId(identity.clientId()))
			.httpClient(http)
			.disableInternalRetries()
			.executorService(new CallerRuns())
			.build();
		// A managed identity asks for a resource, not a scope: the same host without "/.default".
		return (scope, skipCache) -> {
			try {
				return application.acquireTokenForManagedIdentity(ManagedIdentityParameters
					.builder(scope.replaceAll("/\\.default$", ""))
					.forceRefresh(skipCache)
					.build());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
		};
	}

	/** Where tokens come from: MSAL's confidential client or its managed identity client. */
	@FunctionalInterface
	private interface TokenSource {

		CompletableFuture<IAuthenticationResult> acquire(String scope, boolean skipCache);

	}

	/**
	 * Runs MSAL's work on the calling thread: a token is asked for by a job thread that waits for it anyway, and a
	 * hop to a pool would only add a thread switch to every tenant call.
	 */
	private static final class CallerRuns extends AbstractExecutorService {

		private volatile boolean shutdown;

		@Override
		public void execute(Runnable command) {
			command.run();
		}

		@Override
		public void shutdown() {
			this.shutdown = true;
		}

		@Override
		public List<Runnable> shutdownNow() {
			this.shutdown = true;
			return List.of();
		}

		@Override
		public boolean isShutdown() {
			return this.shutdown;
		}

		@Override
		public boolean isTerminated() {
			return this.shutdown;
		}

		@Override
		public boolean awaitTermination(long timeout, TimeUnit unit) {
			return true;
		}

	}

}
