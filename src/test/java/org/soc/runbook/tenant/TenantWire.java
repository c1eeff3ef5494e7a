package org.soc.runbook.tenant;

import java.net.URI;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.graph.GraphClient;

import org.springframework.util.unit.DataSize;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The real tenant clients over a wire that is a Mockito mock, for unit tests of a step's dry run. A dry run is decided
 * inside the clients: before each request that would change the tenant they ask {@link TenantDryRun}, which records
 * the request (secrets replaced) instead of letting it out. A mocked client would take the call and record nothing;
 * these clients record exactly what production would, and whatever reaches the wire would have been sent. The
 * clients are spies, so a test stubs the reads it needs on them ({@code doReturn(..).when(graph).getUser(..)}), and
 * those never reach the wire either.
 */
public final class TenantWire {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final TenantEndpoints ENDPOINTS = new TenantEndpoints.Fixed(
			URI.create("https://login.microsoftonline.com"), URI.create("https://graph.microsoft.com"),
			URI.create("https://outlook.office365.com"));

	private static final TenantProperties PROPERTIES = new TenantProperties("contoso.onmicrosoft.com", "runbook-app",
			null, ENDPOINTS.authority(), ENDPOINTS.graph(), ENDPOINTS.exchange(),
			"https://graph.microsoft.com/.default", "https://outlook.office365.com/.default", Duration.ofSeconds(5),
			Duration.ofSeconds(30), Duration.ofSeconds(10), 3, Duration.ofSeconds(2), 1000,
			DataSize.ofMegabytes(16), 200, MicrosoftCloud.GLOBAL, null, null, null);

	private final TenantHttp http = mock(TenantHttp.class);

	/** Graph, sending over this wire. */
	public GraphClient graph() {
		return spy(new GraphClient(this.http, ENDPOINTS, JSON));
	}

	/** Exchange Online, sending over this wire. */
	public ExchangeOnlineClient exchange() {
		return spy(new ExchangeOnlineClient(this.http, ENDPOINTS, PROPERTIES, JSON));
	}

	/** Fails the test if any request reached the wire: nothing was sent to the tenant. */
	public void assertNothingSent() {
		verifyNoInteractions(this.http);
	}

}
