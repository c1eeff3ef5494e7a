package org.soc.runbook.tenant.graph;

import java.util.List;
import java.util.Optional;

import org.soc.runbook.tenant.TenantException;

/**
 * What {@link GraphClient#readMailboxEvidence} hands the evidence step, built for unit tests of other packages: each
 * of the four reads answered, or failed on its own as Graph's batch lets it.
 */
public final class EvidenceReads {

	private final MailboxEvidenceReads.Read<List<MessageRule>> rules;

	private final MailboxEvidenceReads.Read<List<SignIn>> signIns;

	private final MailboxEvidenceReads.Read<Optional<RiskyUser>> risk;

	private final MailboxEvidenceReads.Read<List<AuthenticationMethod>> methods;

	private EvidenceReads(MailboxEvidenceReads.Read<List<MessageRule>> rules,
			MailboxEvidenceReads.Read<List<SignIn>> signIns, MailboxEvidenceReads.Read<Optional<RiskyUser>> risk,
			MailboxEvidenceReads.Read<List<AuthenticationMethod>> methods) {
		this.rules = rules;
		this.signIns = signIns;
		this.risk = risk;
		this.methods = methods;
	}

	/** Every read answered empty: no visible rules, no sign-ins, never at risk, no methods. */
	public static EvidenceReads empty() {
		return new EvidenceReads(MailboxEvidenceReads.Read.of(List.of()), MailboxEvidenceReads.Read.of(List.of()),
				MailboxEvidenceReads.Read.of(Optional.empty()), MailboxEvidenceReads.Read.of(List.of()));
	}

	/** The inbox rules Graph can see. */
	public EvidenceReads rules(MessageRule... rules) {
		return new EvidenceReads(MailboxEvidenceReads.Read.of(List.of(rules)), this.signIns, this.risk, this.methods);
	}

	/** Graph's rule read failed. */
	public EvidenceReads rulesFailed(TenantException failure) {
		return new EvidenceReads(MailboxEvidenceReads.Read.failed(failure), this.signIns, this.risk, this.methods);
	}

	/** The sign-ins of the look-back period. */
	public EvidenceReads signIns(List<SignIn> signIns) {
		return new EvidenceReads(this.rules, MailboxEvidenceReads.Read.of(signIns), this.risk, this.methods);
	}

	/** The sign-in read failed (no Entra ID P1, say). */
	public EvidenceReads signInsFailed(TenantException failure) {
		return new EvidenceReads(this.rules, MailboxEvidenceReads.Read.failed(failure), this.risk, this.methods);
	}

	/** Identity Protection's state. */
	public EvidenceReads risk(RiskyUser risky) {
		return new EvidenceReads(this.rules, this.signIns, MailboxEvidenceReads.Read.of(Optional.of(risky)),
				this.methods);
	}

	/** The registered methods. */
	public EvidenceReads methods(AuthenticationMethod... methods) {
		return new EvidenceReads(this.rules, this.signIns, this.risk, MailboxEvidenceReads.Read.of(List.of(methods)));
	}

	/** The reads as the client returns them. */
	public MailboxEvidenceReads build() {
		return new MailboxEvidenceReads(this.rules, this.signIns, this.risk, this.methods);
	}

	/** A rule Graph can see, by name only: enough to tell a visible rule from a hidden one. */
	public static MessageRule visibleRule(String name) {
		return new MessageRule("graph-" + name, name, true, List.of(), List.of(), List.of(), false, false, null);
	}

}
