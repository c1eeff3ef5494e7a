package org.soc.runbook.remediation;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.tenant.TenantForbiddenException;
import org.soc.runbook.tenant.TenantNotFoundException;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.Text;

/**
 * What the evidence steps of both runbooks share: reading one source at a time so that a refusal for licence or
 * permission marks that source unavailable instead of failing the case, and the entity's earlier cases. Throttling
 * and outages are not caught here: the job retries.
 */
final class EvidenceSources {

	private EvidenceSources() {
	}

	/** Runs one source; a refusal for licence or permission becomes an "unavailable" entry and a null result. */
	static <T> T collect(ArrayNode unavailable, String source, Supplier<T> read) {
		try {
			return read.get();
		}
		catch (TenantForbiddenException ex) {
			unavailable.addObject().put("source", source).put("reason", Text.line(ex.getMessage(), 300));
			return null;
		}
		catch (TenantNotFoundException ex) {
			unavailable.addObject().put("source", source).put("reason", "not found: " + Text.line(ex.getMessage(), 300));
			return null;
		}
	}

	static boolean isUnavailable(ArrayNode unavailable, String source) {
		for (var entry : unavailable) {
			if (source.equals(entry.path("source").asText())) {
				return true;
			}
		}
		return false;
	}

	static String reason(ArrayNode unavailable, String source) {
		for (var entry : unavailable) {
			if (source.equals(entry.path("source").asText())) {
				return entry.path("reason").asText();
			}
		}
		return "";
	}

	/** The summary, or "Unavailable: why" when the source was refused. */
	static String orUnavailable(String summary, ArrayNode unavailable, String source) {
		if (summary != null) {
			return summary;
		}
		return "Unavailable: " + reason(unavailable, source);
	}

	/**
	 * The entity's earlier cases and the runbook's earlier unblocks of it, recorded in the evidence and returned in
	 * words. {@code limitNote} says what a reviewer should know about repeated unblocks.
	 */
	static String earlierCases(DelegateExecution execution, String entity, ObjectNode evidence, String limitNote) {
		HistoryService history = execution.getProcessEngineServices().getHistoryService();
		List<HistoricProcessInstance> earlier = history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(execution.getProcessBusinessKey())
			.list()
			.stream()
			.filter((p) -> !p.getId().equals(execution.getProcessInstanceId()))
			.toList();
		long unblocks = earlier.isEmpty() ? 0
				: history.createHistoricVariableInstanceQuery()
					.variableName(CaseVariables.UNBLOCKED_AT)
					.processInstanceIdIn(earlier.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
					.count();
		evidence.putObject("history").put("earlierCases", earlier.size()).put("earlierUnblocks", unblocks);
		long recent = CaseContext.of(execution).recentCases();
		String repeat = (recent > 0) ? " REPEAT: " + recent + " case(s) closed within the repeat window." : "";
		if (earlier.isEmpty()) {
			return "First case for " + entity + "." + repeat;
		}
		return earlier.size() + " earlier case(s), " + unblocks + " earlier unblock(s) by the runbook." + repeat
				+ limitNote;
	}

}
