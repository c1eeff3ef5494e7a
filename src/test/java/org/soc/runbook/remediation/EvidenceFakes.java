package org.soc.runbook.remediation;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.soc.runbook.cases.CaseVariables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;

/**
 * What the evidence steps' unit tests share: the entity's earlier cases as the history service would answer (a deep
 * mock of the two queries {@link EvidenceSources#earlierCases} makes), the configuration, and the evidence document
 * read back as JSON.
 */
final class EvidenceFakes {

	static final ObjectMapper JSON = new ObjectMapper();

	private EvidenceFakes() {
	}

	/**
	 * The execution of case {@code pi-now} with this business key, whose history holds {@code earlierCases} other
	 * cases of the same entity and {@code earlierUnblocks} unblocks among them.
	 */
	static DelegateExecution withHistory(DelegateExecution execution, String businessKey, int earlierCases,
			long earlierUnblocks) {
		ProcessEngineServices services = mock(ProcessEngineServices.class);
		HistoryService history = mock(HistoryService.class, RETURNS_DEEP_STUBS);
		given(execution.getProcessEngineServices()).willReturn(services);
		given(services.getHistoryService()).willReturn(history);
		given(execution.getProcessBusinessKey()).willReturn(businessKey);
		given(execution.getProcessInstanceId()).willReturn("pi-now");
		List<HistoricProcessInstance> instances = new ArrayList<>(List.of(instance("pi-now")));
		for (int i = 1; i <= earlierCases; i++) {
			instances.add(instance("pi-" + i));
		}
		given(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).list())
			.willReturn(instances);
		given(history.createHistoricVariableInstanceQuery()
			.variableName(anyString())
			.processInstanceIdIn(any(String[].class))
			.count()).willReturn(earlierUnblocks);
		return execution;
	}

	/** The configuration with the given bound on the evidence document. */
	static RemediationProperties properties(int evidenceMaxBytes) {
		return new RemediationProperties(RemediationProperties.MFA_PER_USER, null, Duration.ofMinutes(15),
				Duration.ofHours(24), Duration.ofHours(2), Duration.ofDays(7), evidenceMaxBytes, Duration.ofDays(30));
	}

	/** The evidence document as recorded: a JSON variable, read back as a tree. */
	static JsonNode evidence(DelegateExecution execution) {
		SerializableValue value = (SerializableValue) execution.getVariableTyped(CaseVariables.EVIDENCE);
		assertThat(value.getType().getName()).as("a JSON variable, which the forms read as a path").isEqualTo("json");
		return read(value.getValueSerialized());
	}

	/** The words the forms show for one field of the evidence. */
	static String summary(DelegateExecution execution, String field) {
		return evidence(execution).path("summary").path(field).asText(null);
	}

	/** The serialized size of the evidence document. */
	static int size(DelegateExecution execution) {
		return ((SerializableValue) execution.getVariableTyped(CaseVariables.EVIDENCE)).getValueSerialized().length();
	}

	/** A JSON variable's text as a tree. */
	static JsonNode json(DelegateExecution execution, String variable) {
		return read(((SerializableValue) execution.getVariableTyped(variable)).getValueSerialized());
	}

	private static JsonNode read(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static HistoricProcessInstance instance(String id) {
		HistoricProcessInstance instance = mock(HistoricProcessInstance.class);
		given(instance.getId()).willReturn(id);
		return instance;
	}

}
