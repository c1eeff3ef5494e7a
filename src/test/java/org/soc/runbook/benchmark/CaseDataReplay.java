package org.soc.runbook.benchmark;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.soc.runbook.cases.CaseVariables;

/**
 * One finished wave case's data without its code, for the engine ceiling with the case's data: every variable the
 * case's history holds, set by the ceiling's step that stands for the runbook step which created it
 * ({@link #attribute}), with the value it ended with. Together with the verification's own in and out mappings (and
 * the runbook's mapping delegate, which the ceiling's call uses too) this writes what the case wrote to the engine,
 * without the tenant calls, the listeners and the delegates' own work; so the wave's distance from the ceiling
 * splits into what the engine spends on the case's data and what the runbook's code spends. Updates of a variable
 * after its creation are not replayed (the verification's count of checks, for one), so the data costs the engine a
 * little more in a real case than here.
 */
final class CaseDataReplay {

	/**
	 * The mailbox runbook's and the verification's steps, in the order a case passes them, by the ceiling's step
	 * that stands for each.
	 */
	static final Map<String, String> STEPS = steps("Task_LoadRestriction", "Noop_Load", "Task_ResetPassword",
			"Noop_Reset", "Task_RevokeSessions", "Noop_Revoke", "Task_EnforceMfa", "Noop_Mfa", "Task_GatherEvidence",
			"Noop_Evidence", "Task_ReviewRecommendations", "Bench_Review", "Task_ApproveRelease", "Bench_Approve",
			"Task_ApplyCleanup", "Noop_Cleanup", "Task_UnblockSender", "Noop_Unblock", "Task_CheckRelease",
			"Noop_Check", "Task_LoadSignInOptions", "Noop_SignInOptions", "Task_RestoreAccess", "Bench_RestoreAccess");

	/** The runbook's call of the verification, whose mappings the ceiling's call copies. */
	static final String CALL = "CallActivity_VerifyRelease";

	private final Map<String, Object> atStart;

	private final Map<String, Map<String, Object>> byStep;

	private CaseDataReplay(Map<String, Object> atStart, Map<String, Map<String, Object>> byStep) {
		this.atStart = atStart;
		this.byStep = byStep;
	}

	/** The variables the case was started with. */
	Map<String, Object> atStart() {
		return this.atStart;
	}

	/** The variables the ceiling's step (a service task, or a user task on completion) sets. */
	Map<String, Object> at(String ceilingStep) {
		return this.byStep.getOrDefault(ceilingStep, Map.of());
	}

	int variables() {
		return this.atStart.size() + this.byStep.values().stream().mapToInt(Map::size).sum();
	}

	/**
	 * This replay with a share of its variables: the first of each step's (and of the start's), at least one where
	 * there were any. For the question what a case with fewer variables would cost the engine; the verification's
	 * mappings stay the runbook's.
	 */
	CaseDataReplay share(double share) {
		Function<Map<String, Object>, Map<String, Object>> first = (variables) -> variables.entrySet()
			.stream()
			.limit(variables.isEmpty() ? 0 : Math.max(1, Math.round(variables.size() * share)))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
		Map<String, Map<String, Object>> byStep = new HashMap<>();
		this.byStep.forEach((step, variables) -> byStep.put(step, first.apply(variables)));
		return new CaseDataReplay(first.apply(this.atStart), byStep);
	}

	/** How many variables each step sets, in the order of the runbook: "start 6, Noop_Load 5, ...". */
	String byStep() {
		StringBuilder counts = new StringBuilder("start " + this.atStart.size());
		STEPS.values()
			.stream()
			.filter(this.byStep::containsKey)
			.forEach((step) -> counts.append(", ").append(step).append(' ').append(this.byStep.get(step).size()));
		return counts.toString();
	}

	/**
	 * Reads the first of the finished cases {@code caseIds} (mailbox runbook instances) that reached the verification,
	 * and its verification, from the history; {@code runbook} is the model they ran on.
	 */
	static CaseDataReplay of(HistoryService history, BpmnModelInstance runbook, List<String> caseIds) {
		CallActivity call = runbook.getModelElementById(CALL);
		for (String caseId : caseIds) {
			HistoricActivityInstance callInstance = history.createHistoricActivityInstanceQuery()
				.processInstanceId(caseId)
				.activityId(CALL)
				.finished()
				.singleResult();
			HistoricProcessInstance verification = history.createHistoricProcessInstanceQuery()
				.superProcessInstanceId(caseId)
				.singleResult();
			if (callInstance == null || verification == null) {
				continue;
			}
			Map<String, Object> atStart = new LinkedHashMap<>();
			Map<String, Map<String, Object>> byStep = new HashMap<>();
			// The call's mappings create these: the parent's out targets once the call started (it ends in another
			// transaction), the called instance's in targets.
			attribute(history, caseId, outTargets(call), callInstance.getStartTime().getTime(), atStart, byStep);
			attribute(history, verification.getId(), inTargets(call), Long.MIN_VALUE, null, byStep);
			return new CaseDataReplay(atStart, byStep);
		}
		throw new IllegalStateException("No case of " + caseIds.size() + " reached the verification");
	}

	/**
	 * Gives each variable of the instance to the step that created it. Times are in milliseconds, and a step's
	 * transaction also starts the next activity (the evidence's the review task, the unblock's the verification), so
	 * a variable created within a service task's start and end is that task's; one of the {@code mapped} names
	 * created from {@code mappedFrom} on otherwise is the call's; any other (what a review or approval set on
	 * completion, what an end listener set) is the step's that had started before it; what was there before any step
	 * is the instance's start (in a verification: its first step).
	 */
	private static void attribute(HistoryService history, String instanceId, Set<String> mapped, long mappedFrom,
			Map<String, Object> atStart, Map<String, Map<String, Object>> byStep) {
		List<HistoricActivityInstance> steps = history.createHistoricActivityInstanceQuery()
			.processInstanceId(instanceId)
			.finished()
			.list()
			.stream()
			.filter((a) -> STEPS.containsKey(a.getActivityId()))
			.sorted(Comparator.comparing(HistoricActivityInstance::getStartTime))
			.toList();
		for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
			.processInstanceIdIn(instanceId)
			.list()) {
			long created = variable.getCreateTime().getTime();
			HistoricActivityInstance step = null;
			for (HistoricActivityInstance candidate : steps) {
				if ("serviceTask".equals(candidate.getActivityType()) && candidate.getStartTime().getTime() <= created
						&& created <= candidate.getEndTime().getTime()) {
					step = candidate;
				}
			}
			if (step == null && mapped.contains(variable.getName()) && created >= mappedFrom) {
				continue;
			}
			if (step == null) {
				for (HistoricActivityInstance candidate : steps) {
					if (candidate.getStartTime().getTime() < created) {
						step = candidate;
					}
				}
			}
			if (step == null && atStart == null) {
				if (steps.isEmpty()) {
					throw new IllegalStateException(instanceId + " set " + variable.getName() + " and ran no step");
				}
				step = steps.get(0);
			}
			if (step == null) {
				atStart.put(variable.getName(), variable.getTypedValue());
			}
			else {
				byStep.computeIfAbsent(STEPS.get(step.getActivityId()), (k) -> new LinkedHashMap<>())
					.put(variable.getName(), variable.getTypedValue());
			}
		}
	}

	private static Map<String, String> steps(String... runbookThenCeiling) {
		Map<String, String> steps = new LinkedHashMap<>();
		for (int i = 0; i < runbookThenCeiling.length; i += 2) {
			steps.put(runbookThenCeiling[i], runbookThenCeiling[i + 1]);
		}
		return Collections.unmodifiableMap(steps);
	}

	/** What the call may create in the called instance: its in mappings' targets, and its mapping delegate's. */
	static Set<String> inTargets(CallActivity call) {
		return targets(inMappings(call).values(), call, CaseVariables.VERIFICATION_INPUTS);
	}

	/** What the call may create in the calling instance when it ends: its out mappings' targets, and its delegate's. */
	static Set<String> outTargets(CallActivity call) {
		return targets(outMappings(call).values(), call, CaseVariables.VERIFICATION_OUTPUTS);
	}

	private static Set<String> targets(Collection<String> mapped, CallActivity call, List<String> byDelegate) {
		Set<String> targets = new HashSet<>(mapped);
		if (call.getCamundaVariableMappingDelegateExpression() != null) {
			targets.addAll(byDelegate);
		}
		return Set.copyOf(targets);
	}

	/** The call's variable in mappings, source to target (the business key's mapping is not a variable). */
	static Map<String, String> inMappings(CallActivity call) {
		return mappings(call, CamundaIn.class, CamundaIn::getCamundaSource, CamundaIn::getCamundaTarget);
	}

	/** The call's variable out mappings, source to target. */
	static Map<String, String> outMappings(CallActivity call) {
		return mappings(call, CamundaOut.class, CamundaOut::getCamundaSource, CamundaOut::getCamundaTarget);
	}

	private static <M extends ModelElementInstance> Map<String, String> mappings(CallActivity call, Class<M> type,
			Function<M, String> source, Function<M, String> target) {
		return call.getExtensionElements()
			.getElementsQuery()
			.filterByType(type)
			.list()
			.stream()
			.filter((mapping) -> source.apply(mapping) != null)
			.collect(Collectors.toMap(source, target, (a, b) -> a, LinkedHashMap::new));
	}

	/** The ceiling-with-data's delegate: sets what the replayed case's step set. */
	static final class Delegate implements JavaDelegate {

		private volatile CaseDataReplay replay;

		void replay(CaseDataReplay replay) {
			this.replay = replay;
		}

		@Override
		public void execute(DelegateExecution execution) {
			execution.setVariables(this.replay.at(execution.getCurrentActivityId()));
		}

	}

}
