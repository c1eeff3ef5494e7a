package org.soc.runbook.tenant;

/** Whether a tenant has cases still open: a tenant removed from the tenants file retires until it has none. */
@FunctionalInterface
public interface OpenCases {

	boolean in(RunbookTenant tenant);

}
