package org.soc.runbook.audit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

import org.springframework.stereotype.Component;

/**
 * The path a case took, for the auditors' page to draw on the case's own diagram: the model of the version the case
 * ran (not today's), the steps done, the step it waits at, the escalations, and the sequence flows it went along.
 * The verification the case called is a second diagram with its own path. The engine records steps, not flows: a
 * flow counts as taken when both its ends ran.
 */
@Component
class CaseDiagram {

	private final HistoryService history;

	private final RepositoryService repository;

	CaseDiagram(HistoryService history, RepositoryService repository) {
		this.history = history;
		this.repository = repository;
	}

	/** The case's diagrams with their paths, the case's first; empty when there is no such case. */
	List<Path> of(String caseId) {
		HistoricProcessInstance instance = this.history.createHistoricProcessInstanceQuery()
			.processInstanceId(caseId)
			.processDefinitionKeyIn(CaseHistory.CASE_PROCESSES.toArray(String[]::new))
			.singleResult();
		if (instance == null) {
			return List.of();
		}
		List<Path> paths = new ArrayList<>();
		paths.add(path(instance));
		this.history.createHistoricProcessInstanceQuery()
			.superProcessInstanceId(caseId)
			.orderByProcessInstanceStartTime()
			.asc()
			.list()
			.forEach((called) -> paths.add(path(called)));
		return paths;
	}

	private Path path(HistoricProcessInstance instance) {
		String xml;
		try (InputStream model = this.repository.getProcessModel(instance.getProcessDefinitionId())) {
			xml = new String(model.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("the model of " + instance.getProcessDefinitionId() + " is unreadable", ex);
		}
		Set<String> done = new LinkedHashSet<>();
		Set<String> waiting = new LinkedHashSet<>();
		Set<String> escalated = new LinkedHashSet<>();
		for (HistoricActivityInstance activity : this.history.createHistoricActivityInstanceQuery()
			.processInstanceId(instance.getId())
			.orderByHistoricActivityInstanceStartTime()
			.asc()
			.list()) {
			String id = activity.getActivityId();
			if (activity.getEndTime() == null) {
				waiting.add(id);
			}
			else if (!activity.isCanceled()) {
				done.add(id);
			}
			// A step of an escalation (raising it, the lead's task, its ends), not a gateway that asks whether to.
			if (id.toLowerCase(Locale.ROOT).contains("escalat") && !activity.getActivityType().endsWith("Gateway")) {
				escalated.add(id);
			}
		}
		BpmnModelInstance model = Bpmn.readModelFromStream(
				new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		Set<String> ran = new LinkedHashSet<>(done);
		ran.addAll(waiting);
		List<String> flows = model.getModelElementsByType(SequenceFlow.class)
			.stream()
			.filter((flow) -> ran.contains(flow.getSource().getId()) && ran.contains(flow.getTarget().getId()))
			.map(SequenceFlow::getId)
			.toList();
		return new Path(instance.getProcessDefinitionKey(), instance.getProcessDefinitionVersion(), xml,
				List.copyOf(done), List.copyOf(waiting), List.copyOf(escalated), flows);
	}

	/**
	 * One diagram and the path on it.
	 *
	 * @param model the model's key
	 * @param version its version the case ran
	 * @param xml the model as deployed (BPMN 2.0 XML with its diagram)
	 * @param done the steps that ran to their end
	 * @param waiting the steps it waits at
	 * @param escalated the escalation steps it went through
	 * @param flows the sequence flows it went along
	 */
	record Path(String model, int version, String xml, List<String> done, List<String> waiting,
			List<String> escalated, List<String> flows) {
	}

}
