package org.soc.runbook.remediation;

import org.soc.runbook.tenant.Tenants;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.Text;
import org.soc.runbook.tenant.TenantForbiddenException;
import org.soc.runbook.tenant.graph.AuthenticationMethod;
import org.soc.runbook.tenant.graph.GraphClient;

import org.springframework.stereotype.Component;

/**
 * {@code Task_LoadSignInOptions}: after the password was reset, what the helpdesk needs to give the user a safe way
 * back in. Whether the user can reset the password themselves (a method self-service reset can use is registered:
 * phone, e-mail, Authenticator, OATH code) and the phone numbers on file to call back before issuing a Temporary
 * Access Pass: the profile's numbers and the phone methods' numbers. A number a caller gives is never one of them.
 * Graph refusing the methods (a missing permission) leaves "cannot tell", which the form treats as "no".
 */
@Component
class LoadSignInOptionsDelegate implements JavaDelegate {

	/** The call-back numbers when the directory has none: the helpdesk cannot check a caller and issues no pass. */
	static final String NONE_ON_FILE = "none on file";

	private final Tenants tenants;

	LoadSignInOptionsDelegate(Tenants tenants) {
		this.tenants = tenants;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		String userId = context.userId();
		Set<String> numbers = new LinkedHashSet<>(this.tenants.graph(execution.getTenantId()).getUserContact(userId).numbers());
		List<String> usable = new ArrayList<>();
		List<String> others = new ArrayList<>();
		String options;
		try {
			for (AuthenticationMethod method : this.tenants.graph(execution.getTenantId()).listAuthenticationMethods(userId)) {
				if ("phoneAuthenticationMethod".equals(method.type()) && method.contact() != null) {
					numbers.add(method.contact());
				}
				if (method.servesSelfServiceReset()) {
					usable.add(words(method));
				}
				else if (method.isSecondFactor()) {
					others.add(words(method));
				}
			}
			options = usable.isEmpty()
					? "No: no method self-service reset can use is registered"
							+ (others.isEmpty() ? " (only the password)." : " (" + String.join(", ", others)
									+ " cannot serve it).")
					: "Yes: " + String.join(", ", usable) + ".";
		}
		catch (TenantForbiddenException ex) {
			options = "Cannot tell: Graph refused to list the methods (" + Text.line(ex.getMessage(), 200)
					+ "). Treat it as no.";
		}
		context.setSignInOptions(!usable.isEmpty(), Text.line(options, 1000),
				numbers.isEmpty() ? NONE_ON_FILE : Text.bounded(String.join("\n", numbers), 1000));
	}

	private static String words(AuthenticationMethod method) {
		String kind = switch (method.type()) {
			case "phoneAuthenticationMethod" -> "phone";
			case "emailAuthenticationMethod" -> "e-mail";
			case "microsoftAuthenticatorAuthenticationMethod" -> "Microsoft Authenticator";
			case "softwareOathAuthenticationMethod" -> "authenticator code (OATH)";
			case "fido2AuthenticationMethod" -> "security key (FIDO2)";
			case "windowsHelloForBusinessAuthenticationMethod" -> "Windows Hello";
			default -> method.type().replace("AuthenticationMethod", "");
		};
		return (method.contact() != null) ? kind + " " + Text.line(method.contact(), 100) : kind;
	}

}
