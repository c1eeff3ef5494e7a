package org.soc.runbook.config;

import java.time.Duration;
import java.util.Date;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Timers keep their due dates with the JDK's DatatypeFactory named, and an operator's choice is kept. */
class TimerDatatypeFactoryTests {

	private String before;

	@BeforeEach
	void remember() {
		this.before = System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
	}

	@AfterEach
	void restore() {
		if (this.before == null) {
			System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
		}
		else {
			System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, this.before);
		}
	}

	@Test
	void namesTheJdkImplementationAndTimersStillResolveTheirDueDates() throws Exception {
		System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
		new TimerDatatypeFactory().preInit(new StandaloneInMemProcessEngineConfiguration());

		assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
			.isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
		assertThat(DatatypeFactory.newInstance().getClass().getName())
			.isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
		Date start = new Date(1_700_000_000_000L);
		// The review task's overdue timer: what Camunda computes for it through the named factory.
		assertThat(new DurationHelper("PT4H", start).getDateAfter(start))
			.isEqualTo(new Date(start.getTime() + Duration.ofHours(4).toMillis()));
	}

	@Test
	void keepsAnImplementationTheOperatorNamed() {
		System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, "org.example.OperatorsDatatypeFactory");
		new TimerDatatypeFactory().preInit(new StandaloneInMemProcessEngineConfiguration());

		assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
			.isEqualTo("org.example.OperatorsDatatypeFactory");
	}

}
