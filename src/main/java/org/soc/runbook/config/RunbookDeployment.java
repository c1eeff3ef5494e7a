package org.soc.runbook.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every file of the top-level {@code bpmn/} and {@code forms/} folders (copied onto the classpath by the
 * build) as one deployment, so that each process version keeps the forms it was deployed with
 * ({@code camunda:formRefBinding="deployment"}).
 * <p>
 * The starter's auto-deployment is off because it names resources after their absolute file path under
 * {@code mvn spring-boot:run} and after the bare file name under {@code java -jar}: against a persistent database,
 * switching launch mode would create new process versions for unchanged files. Here the names are always
 * {@code bpmn/<file>} and {@code forms/<file>}, and duplicate filtering deploys a new version only when a file
 * changed. The engine's deployment lock makes this safe when several nodes start at once.
 */
@Component
class RunbookDeployment extends AbstractProcessEnginePlugin {

	/** The deployment's name; duplicate filtering compares against the latest deployment of this name. */
	static final String DEPLOYMENT_NAME = "restricted-entity-runbook";

	/** The folders deployed, as they are named on the classpath and in the deployment. */
	static final List<String> FOLDERS = List.of("bpmn", "forms");

	private static final Logger LOG = LoggerFactory.getLogger(RunbookDeployment.class);

	@Override
	public void postProcessEngineBuild(ProcessEngine processEngine) {
		List<Resource> resources = resources();
		if (resources.isEmpty()) {
			LOG.warn("Nothing to deploy: no files under bpmn/ or forms/ on the classpath");
			return;
		}
		DeploymentBuilder builder = processEngine.getRepositoryService()
			.createDeployment()
			.name(DEPLOYMENT_NAME)
			.source(DEPLOYMENT_NAME)
			.enableDuplicateFiltering(false);
		List<InputStream> opened = new ArrayList<>();
		try {
			for (Resource resource : resources) {
				InputStream in = resource.getInputStream();
				opened.add(in);
				builder.addInputStream(resourceName(resource), in);
			}
			Deployment deployment = builder.deploy();
			LOG.info("Deployment '{}' holds {} resources (id {})", DEPLOYMENT_NAME, resources.size(),
					deployment.getId());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read a BPMN or form file for deployment: " + ex.getMessage(), ex);
		}
		finally {
			for (InputStream in : opened) {
				try {
					in.close();
				}
				catch (IOException ignored) {
					// nothing left to do with a stream that was read
				}
			}
		}
	}

	/** The files to deploy, in a stable order. */
	static List<Resource> resources() {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(
				RunbookDeployment.class.getClassLoader());
		List<Resource> found = new ArrayList<>();
		try {
			found.addAll(List.of(resolver.getResources("classpath*:bpmn/*.bpmn")));
			found.addAll(List.of(resolver.getResources("classpath*:forms/*.form")));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot list bpmn/ and forms/ on the classpath: " + ex.getMessage(), ex);
		}
		found.sort(Comparator.comparing(RunbookDeployment::resourceName));
		return found;
	}

	/** {@code bpmn/<file>} or {@code forms/<file>}, whatever the launch mode. */
	static String resourceName(Resource resource) {
		String file = resource.getFilename();
		String folder = (file != null && file.endsWith(".form")) ? "forms" : "bpmn";
		return folder + "/" + file;
	}

}
