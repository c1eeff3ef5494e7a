package org.soc.runbook.cases;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

/** Tests for {@link KeptDecisions#standing(java.util.Collection)}: a long list is asked about in bounded chunks. */
class KeptDecisionsTests {

	private final HistoryService history = mock(HistoryService.class);

	private final HistoricProcessInstanceQuery cases = mock(HistoricProcessInstanceQuery.class, RETURNS_SELF);

	@Test
	void aLongListIsAskedAboutAThousandEntitiesAtATimeEachOnce() {
		given(this.history.createHistoricProcessInstanceQuery()).willReturn(this.cases);
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 2500; i++) {
			keys.add("mailbox:user" + i + "@contoso.onmicrosoft.com");
		}
		keys.add(keys.get(0));

		assertThat(new KeptDecisions(this.history, null).standing(keys)).as("no case of theirs has ended").isEmpty();

		ArgumentCaptor<String[]> asked = ArgumentCaptor.forClass(String[].class);
		verify(this.cases, times(3)).processInstanceBusinessKeyIn(asked.capture());
		assertThat(asked.getAllValues()).extracting((chunk) -> chunk.length).containsExactly(1000, 1000, 500);
		verify(this.history, times(3)).createHistoricProcessInstanceQuery();
		verifyNoMoreInteractions(this.history);
	}

}
