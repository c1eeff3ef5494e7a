package org.soc.runbook.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Every file of the top-level {@code bpmn/} and {@code forms/} folders is deployed, together, under a stable name. */
@RunbookIntegrationTest
class RunbookDeploymentIntegrationTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	RepositoryService repositoryService;

	@Test
	void theDeploymentHoldsEveryFileOfBothFolders() throws IOException {
		Set<String> onDisk = new TreeSet<>();
		for (String folder : RunbookDeployment.FOLDERS) {
			// Git keeps no empty folder: a folder absent from a fresh clone holds no file to deploy.
			if (!Files.isDirectory(Path.of(folder))) {
				continue;
			}
			try (Stream<Path> files = Files.list(Path.of(folder))) {
				files.filter(Files::isRegularFile)
					.map((file) -> folder + "/" + file.getFileName())
					.filter((name) -> name.endsWith(".bpmn") || name.endsWith(".form"))
					.forEach(onDisk::add);
			}
		}
		assertThat(new TreeSet<>(deployedResources())).isEqualTo(onDisk);
	}

	@Test
	void startingAgainWithUnchangedFilesDeploysNothingNew() {
		long before = deployments().size();
		new RunbookDeployment().postProcessEngineBuild(this.engine);
		assertThat(deployments()).hasSize((int) before);
	}

	private List<Deployment> deployments() {
		return this.repositoryService.createDeploymentQuery().deploymentName(RunbookDeployment.DEPLOYMENT_NAME).list();
	}

	private List<String> deployedResources() {
		List<Deployment> all = this.repositoryService.createDeploymentQuery()
			.deploymentName(RunbookDeployment.DEPLOYMENT_NAME)
			.orderByDeploymentTime()
			.desc()
			.list();
		return all.isEmpty() ? List.of() : this.repositoryService.getDeploymentResourceNames(all.get(0).getId());
	}

}
