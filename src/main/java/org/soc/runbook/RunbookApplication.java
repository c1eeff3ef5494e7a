package org.soc.runbook;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Restricted Entity Runbook: a Camunda 7 application that takes Microsoft 365 mailboxes and inbound connectors
 * off the Defender "Restricted entities" list safely, with people deciding where judgement is needed.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RunbookApplication {

	public static void main(String[] args) {
		SpringApplication.run(RunbookApplication.class, args);
	}

}
