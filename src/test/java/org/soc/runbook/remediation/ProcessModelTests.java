package org.soc.runbook.remediation;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model hygiene for every file in {@code bpmn/}: delegates and listeners that exist as beans, asynchronous tenant
 * calls, user tasks with a deployed form and a candidate group, timers from configuration, semantic ids, a history
 * time to live, and diagram interchange for every element (Modeler and Cockpit can draw it).
 */
@RunbookIntegrationTest
class ProcessModelTests {

	private static final Pattern BEAN_EXPRESSION = Pattern.compile("^\\$\\{([A-Za-z][A-Za-z0-9]*)\\}$");

	@Autowired
	ApplicationContext context;

	@Autowired
	RepositoryService repositoryService;

	@Autowired
	RunbookTimers timers;

	@Test
	void everyModelIsValidAndKeepsItsHistoryForAConfiguredTime() {
		for (BpmnModelInstance model : models()) {
			Bpmn.validateModel(model);
			for (Process process : model.getModelElementsByType(Process.class)) {
				assertThat(process.isExecutable()).as(process.getId()).isTrue();
				assertThat(process.getCamundaHistoryTimeToLiveString()).as(process.getId()).isNotBlank();
			}
		}
	}

	@Test
	void everyServiceTaskIsAsynchronousAndCallsABeanThatExists() {
		for (BpmnModelInstance model : models()) {
			for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
				assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " is asyncBefore").isTrue();
				Matcher bean = BEAN_EXPRESSION.matcher(String.valueOf(task.getCamundaDelegateExpression()));
				assertThat(bean.matches()).as(task.getId() + " uses ${bean}").isTrue();
				assertThat(this.context.containsBean(bean.group(1))).as(bean.group(1)).isTrue();
				assertThat(bean.group(1)).as("delegate named <Verb><Object>Delegate").endsWith("Delegate");
			}
		}
	}

	@Test
	void everyUserTaskHasACandidateGroupADeployedFormAndListenersThatExist() throws Exception {
		Deployment deployment = this.repositoryService.createDeploymentQuery()
			.deploymentName("restricted-entity-runbook")
			.orderByDeploymentTime()
			.desc()
			.list()
			.get(0);
		List<String> resources = this.repositoryService.getDeploymentResourceNames(deployment.getId());
		ObjectMapper json = new ObjectMapper();
		for (BpmnModelInstance model : models()) {
			for (UserTask task : model.getModelElementsByType(UserTask.class)) {
				assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isNotBlank();
				assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment");
				String form = "forms/" + task.getCamundaFormRef() + ".form";
				assertThat(resources).as(task.getId()).contains(form);
				String id = json.readTree(this.repositoryService.getResourceAsStream(deployment.getId(), form))
					.path("id")
					.asText();
				assertThat(id).as(form + " id").isEqualTo(task.getCamundaFormRef());
				for (CamundaTaskListener listener : task.getChildElementsByType(
						org.camunda.bpm.model.bpmn.instance.ExtensionElements.class)
					.stream()
					.flatMap((e) -> e.getChildElementsByType(CamundaTaskListener.class).stream())
					.toList()) {
					Matcher bean = BEAN_EXPRESSION.matcher(String.valueOf(listener.getCamundaDelegateExpression()));
					assertThat(bean.matches() && this.context.containsBean(bean.group(1)))
						.as(task.getId() + " listener " + listener.getCamundaDelegateExpression())
						.isTrue();
				}
			}
		}
	}

	@Test
	void everyTimerTakesItsDurationFromConfiguration() {
		for (BpmnModelInstance model : models()) {
			for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
				String duration = (timer.getTimeDuration() != null) ? timer.getTimeDuration().getTextContent()
						: timer.getTimeCycle().getTextContent();
				assertThat(duration).as("timer in " + ((BaseElement) timer.getParentElement()).getId())
					.matches("^\\$\\{runbookTimers\\.(verifyInterval\\(\\)|verifyTimeout\\(entityType\\)|pollCycle\\(\\)|"
						+ "reviewSla\\(\\)|approvalSla\\(\\)|restoreAccessSla\\(\\)|escalationOverdueCycle\\(\\))\\}$");
			}
		}
		assertThat(Duration.parse(this.timers.verifyInterval())).isPositive();
		assertThat(Duration.parse(this.timers.verifyTimeout("mailbox"))).isPositive();
		assertThat(Duration.parse(this.timers.verifyTimeout("connector"))).isPositive();
		assertThat(Duration.parse(this.timers.pollCycle().replaceFirst("^R\\d*/", ""))).isPositive();
		assertThat(Duration.parse(this.timers.reviewSla())).isPositive();
		assertThat(Duration.parse(this.timers.approvalSla())).isPositive();
	}

	/**
	 * In a wave, containment comes first (priority 200), then the evidence (100), and the job executor acquires by
	 * priority, so no evidence, verification check or notification of one case holds up the containment of another.
	 */
	@Test
	void containmentRunsFirstThenTheEvidenceThenEverythingElse() {
		ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) this.context
			.getBean(ProcessEngine.class)
			.getProcessEngineConfiguration();
		assertThat(engine.isJobExecutorAcquireByPriority()).isTrue();
		// Across a wave, every mailbox is contained before evidence is gathered for one that already is. Finding a
		// restriction on the blocked list is the first step of containing it.
		List<String> containment = List.of("Task_PollRestrictions", "Task_LoadRestriction", "Task_ResetPassword",
				"Task_RevokeSessions", "Task_EnforceMfa");
		List<String> evidence = List.of("Task_GatherEvidence", "Task_LoadConnectorBlock",
				"Task_GatherConnectorEvidence");
		for (BpmnModelInstance model : models()) {
			for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
				assertThat(task.getCamundaJobPriority()).as(task.getId())
					.isEqualTo(containment.contains(task.getId()) ? "200" : evidence.contains(task.getId()) ? "100"
							: null);
			}
		}
	}

	private static List<BpmnModelInstance> models() {
		File[] files = new File("bpmn").listFiles((dir, name) -> name.endsWith(".bpmn"));
		assertThat(files).isNotEmpty();
		return java.util.Arrays.stream(files).map(Bpmn::readModelFromFile).toList();
	}

	/** The files in {@code bpmn/}. */
	private static List<Path> modelFiles() throws java.io.IOException {
		try (java.util.stream.Stream<Path> files = Files.list(Path.of("bpmn"))) {
			return files.filter((file) -> file.toString().endsWith(".bpmn")).sorted().toList();
		}
	}

}
