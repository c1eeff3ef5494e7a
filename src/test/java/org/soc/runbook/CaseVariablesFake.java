package org.soc.runbook;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

/**
 * A case's variables in a map behind a Mockito mock of an execution or a task, for unit tests of delegates and
 * listeners without an engine: what a step reads and writes goes through the same {@link VariableScope} methods the
 * engine offers, and everything else the test stubs on the mock as it needs.
 */
public final class CaseVariablesFake {

	private final Map<String, Object> values = new LinkedHashMap<>();

	private CaseVariablesFake(Map<String, ?> initial) {
		this.values.putAll(initial);
	}

	/** A mock execution holding these variables. */
	public static DelegateExecution execution(Map<String, ?> variables) {
		DelegateExecution execution = mock(DelegateExecution.class);
		new CaseVariablesFake(variables).backing(execution);
		return execution;
	}

	/** A mock task holding these variables. */
	public static DelegateTask task(Map<String, ?> variables) {
		DelegateTask task = mock(DelegateTask.class);
		new CaseVariablesFake(variables).backing(task);
		return task;
	}

	/** The task as {@code user} completes it, signed in (the runbook records who decided from the sign-in). */
	public static DelegateTask signedIn(DelegateTask task, String user) {
		ProcessEngineServices services = mock(ProcessEngineServices.class);
		// Deep stubs: the directory knows the user, with no name (the runbook then names them by id).
		IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
		lenient().when(task.getProcessEngineServices()).thenReturn(services);
		lenient().when(services.getIdentityService()).thenReturn(identity);
		lenient().when(identity.getCurrentAuthentication()).thenReturn(new Authentication(user, List.of()));
		return task;
	}

	/** The variables a fake holds now, as plain values (a typed value's value). */
	public static Map<String, Object> variables(VariableScope scope) {
		Map<String, Object> plain = new HashMap<>();
		scope.getVariableNames().forEach((name) -> plain.put(name, scope.getVariable(name)));
		return plain;
	}

	private void backing(VariableScope scope) {
		lenient().when(scope.getVariable(anyString()))
			.thenAnswer((call) -> plain(this.values.get(call.<String>getArgument(0))));
		lenient().when(scope.getVariableTyped(anyString())).thenAnswer((call) -> {
			Object value = this.values.get(call.<String>getArgument(0));
			return (value == null) ? null
					: (value instanceof TypedValue typed) ? typed : Variables.untypedValue(value);
		});
		lenient().when(scope.hasVariable(anyString()))
			.thenAnswer((call) -> this.values.containsKey(call.<String>getArgument(0)));
		lenient().when(scope.getVariableNames()).thenAnswer((call) -> this.values.keySet());
		lenient().when(scope.getVariables()).thenAnswer((call) -> {
			Map<String, Object> plain = new HashMap<>();
			this.values.forEach((name, value) -> plain.put(name, plain(value)));
			return Variables.fromMap(plain);
		});
		doAnswer((call) -> this.values.put(call.getArgument(0), call.getArgument(1))).when(scope)
			.setVariable(anyString(), any());
		// One scope here: a local variable is a variable of the case.
		doAnswer((call) -> this.values.put(call.getArgument(0), call.getArgument(1))).when(scope)
			.setVariableLocal(anyString(), any());
		doAnswer((call) -> this.values.remove(call.<String>getArgument(0))).when(scope).removeVariable(anyString());
	}

	private static Object plain(Object value) {
		return (value instanceof TypedValue typed) ? typed.getValue() : value;
	}

}
