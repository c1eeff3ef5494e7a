package org.soc.runbook.tenant.graph;

import java.util.List;
import java.util.Optional;

import org.soc.runbook.tenant.TenantException;

/**
 * The four Graph reads of a mailbox's evidence, sent together in one JSON batch by
 * {@link GraphClient#readMailboxEvidence}. Each read holds its value, or the failure the same request would have
 * thrown sent alone, which {@link Read#get()} raises: the caller decides per source, as before, what a refusal means.
 *
 * @param inboxRules the inbox rules Graph can see
 * @param signIns the user's sign-ins since the asked time, newest first
 * @param risk Identity Protection's state for the user, empty when never at risk
 * @param methods the registered authentication methods
 */
public record MailboxEvidenceReads(Read<List<MessageRule>> inboxRules, Read<List<SignIn>> signIns,
		Read<Optional<RiskyUser>> risk, Read<List<AuthenticationMethod>> methods) {

	/** One read's value, or its failure. */
	public static final class Read<T> {

		private final T value;

		private final TenantException failure;

		private Read(T value, TenantException failure) {
			this.value = value;
			this.failure = failure;
		}

		static <T> Read<T> of(T value) {
			return new Read<>(value, null);
		}

		static <T> Read<T> failed(TenantException failure) {
			return new Read<>(null, failure);
		}

		TenantException failure() {
			return this.failure;
		}

		/** The value; the read's failure is thrown here, where the caller would have met it. */
		public T get() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.value;
		}

	}

}
