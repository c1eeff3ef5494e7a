package org.soc.runbook.preflight;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** The preflight command exits 1 when something needed is missing, so that a deployment pipeline stops on it. */
class PreflightCommandTests {

	private final PreflightCheck check = mock(PreflightCheck.class);

	private final ConfigurableApplicationContext context = mock(ConfigurableApplicationContext.class);

	@Test
	void somethingMissingExitsNonZeroAndReadyExitsZero() {
		AtomicInteger code = new AtomicInteger(-1);
		given(this.check.run()).willReturn(List.of(new PreflightReport("contoso.onmicrosoft.com", "global",
				List.of(Finding.missing("Graph permissions the runbook needs", "missing User.ReadWrite.All", "grant it")))));
		new PreflightCommand(this.check, this.context, code::set).run(null);
		assertThat(code.get()).isEqualTo(1);
		verify(this.context).close();

		given(this.check.run()).willReturn(List.of(new PreflightReport("contoso.onmicrosoft.com", "global",
				List.of(Finding.ok("Token for Microsoft Graph", "issued")))));
		new PreflightCommand(this.check, this.context, code::set).run(null);
		assertThat(code.get()).isZero();
	}

}
