package org.soc.runbook.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TenantsFileWatcher}: a look applies the file when its text changed, and while a removed tenant
 * retires, until its last case has closed; otherwise a look does nothing, and a refused text is not tried again.
 */
class TenantsFileWatcherTests {

	private static final String CONTOSO = """
			tenants:
			  contoso: { tenant-id: contoso.onmicrosoft.com }
			""";

	private static final String WITH_FABRIKAM = CONTOSO + "  fabrikam: { tenant-id: fabrikam.onmicrosoft.com }\n";

	@TempDir
	Path dir;

	private Path path;

	private final List<TenantsChange> published = new ArrayList<>();

	private final Set<String> withOpenCases = new HashSet<>();

	private final List<String> builds = new ArrayList<>();

	private TenantsFileWatcher watcher;

	private boolean databaseDown;

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	@AfterEach
	void stop() {
		((Logger) LoggerFactory.getLogger(TenantsFileWatcher.class)).detachAppender(this.log);
	}

	private RunbookTenants tenants;

	@BeforeEach
	void start() throws IOException {
		this.path = this.dir.resolve("tenants.yml");
		write(CONTOSO);
		TenantsFile file = new TenantsFile(this.path, (name) -> null);
		this.tenants = new RunbookTenants(TestTenants.properties("contoso.onmicrosoft.com"),
				new TenantsProperties(null), file.read().entries(), (tenant) -> {
					this.builds.add(tenant.key());
					return RunbookTenantsTests.TenantsTestClients.of(tenant);
				});
		this.watcher = new TenantsFileWatcher(this.tenants, file, (tenant) -> {
			if (this.databaseDown) {
				throw new IllegalArgumentException("connection refused");
			}
			return this.withOpenCases.contains(tenant.key());
		}, (event) -> this.published.add((TenantsChange) event));
		Logger logger = (Logger) LoggerFactory.getLogger(TenantsFileWatcher.class);
		this.log.start();
		logger.addAppender(this.log);
	}

	@Test
	void aLookAppliesAChangedFileAndPublishesWhatChanged() throws IOException {
		this.watcher.look();
		assertThat(this.published).as("the text the deployment started with: nothing changed").isEmpty();

		write(WITH_FABRIKAM);
		this.watcher.look();

		assertThat(this.published).singleElement()
			.satisfies((change) -> assertThat(change.added()).extracting(RunbookTenant::key).containsExactly("fabrikam"));
		this.watcher.look();
		assertThat(this.published).as("the same text again: nothing to do").hasSize(1);
		assertThat(this.builds).containsExactly("contoso", "fabrikam");
	}

	@Test
	void aRefusedFileChangesNothingUntilItsTextChanges() throws IOException {
		write(CONTOSO + "  Fabrikam: { tenant-id: fabrikam.onmicrosoft.com }\n");
		this.watcher.look();
		this.watcher.look();

		assertThat(this.published).isEmpty();
		assertThat(this.tenants.all()).extracting(RunbookTenant::key).containsExactly("contoso");

		write(WITH_FABRIKAM);
		this.watcher.look();
		assertThat(this.tenants.all()).extracting(RunbookTenant::key).containsExactly("contoso", "fabrikam");
	}

	@Test
	void whileARemovedTenantRetiresEachLookAsksWhetherItsLastCaseHasClosed() throws IOException {
		write(WITH_FABRIKAM);
		this.watcher.look();
		this.withOpenCases.add("fabrikam");
		write(CONTOSO);
		this.watcher.look();
		assertThat(this.published.get(1).retiring()).extracting(RunbookTenant::key).containsExactly("fabrikam");

		this.watcher.look();
		assertThat(this.published).as("still open: nothing new to tell").hasSize(2);

		this.withOpenCases.clear();
		this.watcher.look();
		assertThat(this.published.get(2).removed()).extracting(RunbookTenant::key).containsExactly("fabrikam");
		assertThat(this.tenants.retiring()).isEmpty();
	}

	@Test
	void whileATenantRetiresARefusedFileIsNotReadAndReportedAgainAtEachLook() throws IOException {
		write(WITH_FABRIKAM);
		this.watcher.look();
		this.withOpenCases.add("fabrikam");
		write(CONTOSO);
		this.watcher.look();
		write("tennants: {}\n");

		this.watcher.look();
		this.watcher.look();
		this.watcher.look();

		assertThat(this.log.list.stream().filter((line) -> line.getLevel() == Level.ERROR)).as("one ERROR line")
			.hasSize(1);
		this.withOpenCases.clear();
		this.watcher.look();
		assertThat(this.tenants.retiring()).as("its retirement still settles").isEmpty();
	}

	@Test
	void aFileThatCouldNotBeAppliedForTheDatabasesSakeIsTriedAgainAtTheNextLook() throws IOException {
		write(WITH_FABRIKAM);
		this.watcher.look();
		this.withOpenCases.add("fabrikam");
		this.databaseDown = true;
		write(CONTOSO);

		this.watcher.look();
		assertThat(this.tenants.all()).as("unchanged while its open cases cannot be counted")
			.extracting(RunbookTenant::key).containsExactly("contoso", "fabrikam");

		this.databaseDown = false;
		this.watcher.look();
		assertThat(this.tenants.retiring()).extracting(RunbookTenant::key).containsExactly("fabrikam");
	}

	private void write(String yaml) throws IOException {
		Files.writeString(this.path, yaml);
	}

}
