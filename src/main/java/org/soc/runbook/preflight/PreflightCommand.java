package org.soc.runbook.preflight;

import java.util.function.IntConsumer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The preflight as a command: with {@code --runbook.preflight.run=true} the application starts without running any
 * case (no job executor: {@link PreflightMode}), prints the report and exits, 0 when ready and 1 when
 * something needed is missing, so that a deployment pipeline can stop on it.
 */
@Component
@ConditionalOnProperty(name = PreflightMode.RUN, havingValue = "true")
class PreflightCommand implements ApplicationRunner {

	private final PreflightCheck check;

	private final ConfigurableApplicationContext context;

	private final IntConsumer exit;

	@Autowired
	PreflightCommand(PreflightCheck check, ConfigurableApplicationContext context) {
		this(check, context, System::exit);
	}

	PreflightCommand(PreflightCheck check, ConfigurableApplicationContext context, IntConsumer exit) {
		this.check = check;
		this.context = context;
		this.exit = exit;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean ready = true;
		for (PreflightReport report : this.check.run()) {
			System.out.print(report.text());
			ready &= report.ready();
		}
		System.out.flush();
		int code = ready ? 0 : 1;
		this.exit.accept(SpringApplication.exit(this.context, () -> code));
	}

}
