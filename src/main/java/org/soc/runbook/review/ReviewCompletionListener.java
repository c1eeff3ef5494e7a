package org.soc.runbook.review;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.soc.runbook.cases.EntityType;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.security.RunbookRefusal;
import org.soc.runbook.cases.TaskActor;

import org.springframework.stereotype.Component;

/**
 * On completing {@code Task_ReviewRecommendations} (mailboxes) or {@code Task_ReviewConnector} (connectors): a
 * decision and a comment are required, and a release needs every item of Microsoft's checklist for that kind of
 * entity ticked. Asking to investigate a connector's admin account needs that account's address. Anything else is
 * refused with a message naming what is missing, whatever client completes the task (Tasklist, REST, Java). Records
 * who reviewed.
 */
@Component
public class ReviewCompletionListener implements TaskListener {

	/** {@link CaseVariables#REVIEW_DECISION}: release the entity. */
	public static final String RELEASE = "release";

	/** {@link CaseVariables#REVIEW_DECISION}: leave it restricted. */
	public static final String KEEP_RESTRICTED = "keepRestricted";

	@Override
	public void notify(DelegateTask task) {
		CaseContext context = CaseContext.of(task);
		String decision = context.reviewDecision();
		if (!RELEASE.equals(decision) && !KEEP_RESTRICTED.equals(decision)) {
			throw new RunbookRefusal("Choose a decision: release or keep restricted.");
		}
		if (context.reviewComment() == null) {
			throw new RunbookRefusal("Write a comment: it is recorded with the case and sent to Microsoft "
					+ "as the reason of the unblock.");
		}
		boolean connector = context.entityType() == EntityType.CONNECTOR;
		// The model's gateway reads a Boolean; a REST client may have sent "true" or nothing.
		boolean investigate = connector && context.investigateAdmin();
		if (connector) {
			context.setInvestigateAdmin(investigate);
		}
		if (investigate) {
			try {
				context.setAdminAccount(CaseStarter.normalizeAddress(context.adminAccount()));
			}
			catch (IllegalArgumentException ex) {
				throw new RunbookRefusal("To open a case for the admin account, give its address: "
						+ ex.getMessage() + ".");
			}
		}
		if (RELEASE.equals(decision)) {
			List<String> missing = new ArrayList<>();
			if (connector) {
				require(context, CaseVariables.CONNECTOR_SETTINGS_REVIEWED, "the connector's settings are reviewed",
						missing);
				require(context, CaseVariables.CHANGES_REVERTED, "unauthorized changes are reverted", missing);
				require(context, CaseVariables.SENDERS_CONFIRMED, "the sender IP addresses or certificate are ours",
						missing);
				require(context, CaseVariables.ADMIN_INVESTIGATED,
						"the admin account that changed it is investigated", missing);
			}
			else {
				require(context, CaseVariables.ACCOUNT_UNDER_CONTROL, "the account is under the owner's control",
						missing);
				require(context, CaseVariables.RULES_DEALT_WITH, "suspicious inbox rules are dealt with", missing);
				require(context, CaseVariables.FORWARDING_DEALT_WITH, "suspicious forwarding is dealt with", missing);
				require(context, CaseVariables.SIGN_INS_REVIEWED, "recent sign-ins are reviewed", missing);
			}
			if (!missing.isEmpty()) {
				throw new RunbookRefusal("A release needs every recommendation confirmed. Not confirmed: "
						+ String.join("; ", missing) + ".");
			}
		}
		String reviewer = TaskActor.of(task);
		context.setReviewedBy(reviewer, TaskActor.named(task, reviewer));
	}

	private static void require(CaseContext context, String recommendation, String words, List<String> missing) {
		if (!context.confirmed(recommendation)) {
			missing.add(words);
		}
	}

}
