package org.soc.runbook.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pictures of the processes (README, src/docs/processes.md) are drawn from the models and stay so. */
class ProcessDiagramsTests {

	@Test
	void everyModelHasItsPictureAndThePictureMatchesTheModel() throws Exception {
		assertThat(ProcessDiagrams.names()).contains("restricted-user-remediation", "verify-release");
		for (String name : ProcessDiagrams.names()) {
			Path picture = ProcessDiagrams.PICTURES.resolve(name + ".svg");
			assertThat(picture).as("run mvn -Pdiagrams test to draw " + picture).exists();
			assertThat(Files.readString(picture)).as(picture + " is out of date: run mvn -Pdiagrams test")
				.isEqualTo(ProcessDiagrams.render(name));
		}
	}

	/** {@code mvn -Pdiagrams test} runs only this. */
	@Test
	@Tag("diagrams")
	void drawThePictures() throws Exception {
		ProcessDiagrams.writeAll();
		assertThat(ProcessDiagrams.names()).allSatisfy((name) -> assertThat(ProcessDiagrams.PICTURES
			.resolve(name + ".svg")).exists());
	}

}
