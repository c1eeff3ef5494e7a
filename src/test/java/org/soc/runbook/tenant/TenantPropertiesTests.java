package org.soc.runbook.tenant;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One setting puts the runbook in a sovereign cloud: the identity platform, Graph and Exchange Online hosts and the
 * two token scopes follow it, and a host set one by one (a proxy, the simulator) still wins.
 */
class TenantPropertiesTests {

	@Test
	void withoutACloudTheTenantIsInTheWorldwideCloud() {
		TenantProperties properties = bind(Map.of("runbook.tenant.tenant-id", "contoso.onmicrosoft.com"));
		assertThat(properties.cloud()).isEqualTo(MicrosoftCloud.GLOBAL);
		assertThat(properties.authority()).isEqualTo(URI.create("https://login.microsoftonline.com"));
		assertThat(properties.graphUrl()).isEqualTo(URI.create("https://graph.microsoft.com"));
		assertThat(properties.exchangeUrl()).isEqualTo(URI.create("https://outlook.office365.com"));
		assertThat(properties.graphScope()).isEqualTo("https://graph.microsoft.com/.default");
		assertThat(properties.exchangeScope()).isEqualTo("https://outlook.office365.com/.default");
	}

	@Test
	void eachSovereignCloudHasItsDocumentedHostsAndScopes() {
		TenantProperties usgov = bind(Map.of("runbook.tenant.cloud", "usgov"));
		assertThat(usgov.authority()).isEqualTo(URI.create("https://login.microsoftonline.us"));
		assertThat(usgov.graphUrl()).isEqualTo(URI.create("https://graph.microsoft.us"));
		assertThat(usgov.exchangeUrl()).isEqualTo(URI.create("https://outlook.office365.us"));
		assertThat(usgov.graphScope()).isEqualTo("https://graph.microsoft.us/.default");

		TenantProperties dod = bind(Map.of("runbook.tenant.cloud", "usgovdod"));
		assertThat(dod.graphUrl()).isEqualTo(URI.create("https://dod-graph.microsoft.us"));
		assertThat(dod.exchangeScope()).isEqualTo("https://webmail.apps.mil/.default");

		TenantProperties china = bind(Map.of("runbook.tenant.cloud", "CHINA"));
		assertThat(china.authority()).isEqualTo(URI.create("https://login.chinacloudapi.cn"));
		assertThat(china.graphUrl()).isEqualTo(URI.create("https://microsoftgraph.chinacloudapi.cn"));
		assertThat(china.exchangeUrl()).isEqualTo(URI.create("https://partner.outlook.cn"));
	}

	@Test
	void aHostSetOneByOneWinsOverTheClouds() {
		TenantProperties proxied = bind(Map.of("runbook.tenant.cloud", "usgov", "runbook.tenant.graph-url",
				"https://graph-proxy.contoso.example"));
		assertThat(proxied.graphUrl()).isEqualTo(URI.create("https://graph-proxy.contoso.example"));
		assertThat(proxied.graphScope()).as("the scope names the resource, not the proxy")
			.isEqualTo("https://graph.microsoft.us/.default");
		assertThat(proxied.exchangeUrl()).isEqualTo(URI.create("https://outlook.office365.us"));
	}

	private static TenantProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("runbook.tenant",
				TenantProperties.class);
	}

}
