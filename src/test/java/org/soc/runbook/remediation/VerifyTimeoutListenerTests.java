package org.soc.runbook.remediation;

import java.time.Duration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.detection.DetectionProperties;
import org.soc.runbook.review.ReviewProperties;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** Tests for {@link VerifyTimeoutListener}: the escalation says which timeout passed, per kind of entity. */
class VerifyTimeoutListenerTests {

	private final VerifyTimeoutListener listener = new VerifyTimeoutListener(new RunbookTimers(
			new RemediationProperties("per-user", null, Duration.ofMinutes(15), Duration.ofHours(24),
					Duration.ofHours(2), Duration.ofDays(7), 65536, Duration.ofDays(30)),
			new DetectionProperties("R/PT5M", null, 8192, false, Duration.ofHours(1), Duration.ofDays(7)),
			new ReviewProperties(Duration.ofHours(4), Duration.ofHours(2), Duration.ofHours(8), Duration.ofHours(24), 90)));

	@Test
	void aMailboxStillListedADayAfterTheUnblockIsEscalatedSayingSo() {
		DelegateExecution execution = mock(DelegateExecution.class);
		given(execution.getVariable(CaseVariables.ENTITY_TYPE)).willReturn("mailbox");
		this.listener.notify(execution);
		verify(execution).setVariable(CaseVariables.ESCALATION_REASON,
				"Still on the Restricted entities list PT24H after the unblock.");
	}

	@Test
	void aConnectorHasItsOwnTimeout() {
		DelegateExecution execution = mock(DelegateExecution.class);
		given(execution.getVariable(CaseVariables.ENTITY_TYPE)).willReturn("connector");
		this.listener.notify(execution);
		verify(execution).setVariable(CaseVariables.ESCALATION_REASON,
				"Still on the Restricted entities list PT2H after the unblock.");
	}

}
