package org.soc.runbook.tenant;

/**
 * A refusal as the service worded it, read from its error answer before it is typed. A client hands
 * {@link TenantHttp#call} a typing of the refusals that are business outcomes of its own API (Exchange Online's unblock
 * limit, say), so that the shared rules need not know them.
 *
 * @param api the API that refused
 * @param operation the operation as the client names it
 * @param status the HTTP status
 * @param errorCode the service's error code, if any
 * @param detail the service's text: one line, bounded
 * @param serviceType the .NET exception type Exchange Online names in its error details, if it names one
 */
public record TenantRefusal(TenantApi api, String operation, int status, String errorCode, String detail,
		String serviceType) {
}
