package org.soc.runbook.review;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.soc.runbook.cases.CaseValues;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.Text;

/**
 * Names each person's task for the queue it sits in: the step in a word or two, who or what it is about and why, so
 * that a queue of reviews reads "Review: Adele Vance (adele.vance@contoso.com), sending limit exceeded" instead of
 * three identical step names. Tasklist shows the name in every list; the model keeps its own step name.
 */
final class TaskHeadline implements TaskListener {

	/** The prefix an overdue task's name gets, so that the queue says so without opening it. */
	static final String OVERDUE = "OVERDUE · ";

	/** Each person's step in a word or two (the model's names are written for the diagram). */
	private static final Map<String, String> STEPS = Map.of("Task_ReviewRecommendations", "Review",
			"Task_ApproveRelease", "Approve release", "Task_ReviewConnector", "Review connector",
			"Task_ApproveConnectorRelease", "Approve connector release", "Task_RestoreAccess", "Help back in",
			"Task_ResolveEscalation", "Escalated");

	/** The database keeps 255 characters of a task's name. */
	private static final int MAX_NAME = 255;

	@Override
	public void notify(DelegateTask task) {
		task.setName(headline(task));
	}

	static String headline(DelegateTask task) {
		DelegateExecution execution = task.getExecution();
		// The escalation is in the verification, which the case called: the facts are the case's.
		DelegateExecution caseExecution = execution.getProcessInstance().getSuperExecution();
		VariableScope facts = (caseExecution != null) ? caseExecution : execution;
		String step = STEPS.getOrDefault(task.getTaskDefinitionKey(), task.getName());
		String why = "Task_ResolveEscalation".equals(task.getTaskDefinitionKey())
				? firstSentence(CaseValues.text(execution.getVariable(CaseVariables.ESCALATION_REASON)))
				: firstSentence(CaseValues.text(facts.getVariable(CaseVariables.REASON_SUMMARY)));
		String who = who(facts, execution.getProcessBusinessKey());
		// "Review connector: Contoso relay", not "Review connector: connector Contoso relay".
		if (step.endsWith("connector") || step.endsWith("connector release")) {
			who = who.replaceFirst("^connector ", "");
		}
		// Whose customer first, for whoever serves several: "[fabrikam] Review: ...".
		String tenant = (task.getTenantId() != null) ? "[" + task.getTenantId() + "] " : "";
		String headline = tenant + step + ": " + who
				+ ((why != null) ? ", " + lowerFirst(why) : "");
		return Text.line(headline, MAX_NAME - OVERDUE.length());
	}

	/** The mailbox's owner and address, or the connector's name; tenant data, kept to one bounded line. */
	private static String who(VariableScope facts, String businessKey) {
		String entity = CaseValues.text(facts.getVariable(CaseVariables.ENTITY_ID));
		if (entity == null && businessKey != null) {
			entity = businessKey.substring(businessKey.indexOf(':') + 1);
		}
		String connector = CaseValues.text(facts.getVariable(CaseVariables.CONNECTOR_NAME));
		if (connector != null) {
			return "connector " + Text.line(connector, 80);
		}
		String name = CaseValues.text(facts.getVariable(CaseVariables.USER_DISPLAY_NAME));
		String address = (entity != null) ? Text.line(entity, 120) : "unknown entity";
		return (name != null) ? Text.line(name, 60) + " (" + address + ")" : address;
	}

	/** The first sentence of a summary, short: the queue has room for a few words only. */
	static String firstSentence(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String first = text.strip();
		int end = first.indexOf(". ");
		if (end > 0) {
			first = first.substring(0, end);
		}
		if (first.endsWith(".")) {
			first = first.substring(0, first.length() - 1);
		}
		return Text.line(first, 80);
	}

	private static String lowerFirst(String text) {
		return (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1)))
				? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
	}

}
