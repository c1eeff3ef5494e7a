package org.soc.runbook.tenant;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Dry run at the one place every change to the tenant passes: inside {@link #record(Runnable)}, each request that
 * would change the tenant (every Graph call but a GET, every Exchange cmdlet but Get-* and Search-*) is not sent;
 * the clients hand it here instead, exactly as it would have gone out (method, path, cmdlet, parameters), with any
 * secret replaced. Reads still go to the tenant, so evidence, review and approval are real. Scoped to the calling
 * thread: one job's dry run never affects another's.
 */
public final class TenantDryRun {

	private static final ThreadLocal<List<WouldBeRequest>> RECORDING = new ThreadLocal<>();

	private TenantDryRun() {
	}

	/** Runs the changes with nothing sent; returns every request they would have sent, in order. */
	public static List<WouldBeRequest> record(Runnable changes) {
		List<WouldBeRequest> recorded = new ArrayList<>();
		RECORDING.set(recorded);
		try {
			changes.run();
		}
		finally {
			RECORDING.remove();
		}
		return List.copyOf(recorded);
	}

	/**
	 * True (and the request recorded instead of sent) when a dry run is recording on this thread. The clients ask
	 * before every request that would change the tenant.
	 */
	public static boolean intercepted(TenantApi api, String operation, String method, URI uri, JsonNode parameters) {
		List<WouldBeRequest> recording = RECORDING.get();
		if (recording == null) {
			return false;
		}
		recording.add(new WouldBeRequest(api.label(), operation, method, uri.getRawPath(),
				(parameters != null) ? withoutSecrets(parameters.deepCopy()).toString() : ""));
		return true;
	}

	private static JsonNode withoutSecrets(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				String name = field.getKey().toLowerCase(Locale.ROOT);
				boolean secret = name.equals("password") || name.endsWith("newpassword") || name.endsWith("secret")
						|| name.endsWith("token");
				if (secret && !field.getValue().isContainerNode()) {
					field.setValue(object.textNode("(generated when sent; never recorded)"));
				}
				else {
					withoutSecrets(field.getValue());
				}
			}
		}
		else if (node != null && node.isArray()) {
			node.forEach(TenantDryRun::withoutSecrets);
		}
		return node;
	}

	/**
	 * A request that a dry run did not send.
	 *
	 * @param api Graph or Exchange Online
	 * @param operation the Graph operation or the cmdlet
	 * @param method the HTTP method
	 * @param path the request path, ids included, without the host
	 * @param parameters the JSON body or cmdlet parameters, secrets replaced
	 */
	public record WouldBeRequest(String api, String operation, String method, String path, String parameters) {

		/** One line for history and forms, e.g. {@code Graph revokeSignInSessions: POST /v1.0/users/.../...}. */
		public String line() {
			return this.api + " " + this.operation + ": " + this.method + " " + this.path
					+ (this.parameters.isEmpty() ? "" : " " + this.parameters);
		}

	}

}
