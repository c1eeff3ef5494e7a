package org.soc.runbook.tenant;

import java.net.URI;

/**
 * The Microsoft cloud the tenant lives in, and the hosts each of the three APIs has there. An app registration, its
 * tokens and its data stay within one cloud: a US Government tenant's app signs in at {@code login.microsoftonline.us}
 * and asks for tokens for that cloud's Graph and Exchange hosts.
 * <p>
 * Hosts: the identity platform and Graph from Microsoft Graph's national cloud deployments page; Exchange Online's
 * admin API from the connection hosts Exchange Online PowerShell uses per environment ({@code O365USGovGCCHigh},
 * {@code O365USGovDoD}, {@code O365China}). Only {@link #GLOBAL} has been exercised against Microsoft by others'
 * tools this project reads; the national ones follow Microsoft's published hosts.
 */
public enum MicrosoftCloud {

	/** The worldwide cloud (commercial tenants and GCC). */
	GLOBAL("https://login.microsoftonline.com", "https://graph.microsoft.com", "https://outlook.office365.com"),

	/** US Government L4 (GCC High). */
	USGOV("https://login.microsoftonline.us", "https://graph.microsoft.us", "https://outlook.office365.us"),

	/** US Government L5 (DoD). */
	USGOVDOD("https://login.microsoftonline.us", "https://dod-graph.microsoft.us", "https://webmail.apps.mil"),

	/** Microsoft 365 operated by 21Vianet in China. */
	CHINA("https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn", "https://partner.outlook.cn");

	private final URI authority;

	private final URI graph;

	private final URI exchange;

	MicrosoftCloud(String authority, String graph, String exchange) {
		this.authority = URI.create(authority);
		this.graph = URI.create(graph);
		this.exchange = URI.create(exchange);
	}

	/** The identity platform host that issues this cloud's tokens. */
	public URI authority() {
		return this.authority;
	}

	/** This cloud's Microsoft Graph host. */
	public URI graph() {
		return this.graph;
	}

	/** This cloud's Exchange Online admin API host. */
	public URI exchange() {
		return this.exchange;
	}

	/** The scope of a token for Graph in this cloud (the scope names the cloud's own Graph host). */
	public String graphScope() {
		return this.graph + "/.default";
	}

	/** The scope of a token for Exchange Online in this cloud. */
	public String exchangeScope() {
		return this.exchange + "/.default";
	}

}
