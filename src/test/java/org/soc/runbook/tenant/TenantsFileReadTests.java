package org.soc.runbook.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link TenantsFile}: the entries as Spring Boot binds them, placeholders, and what it refuses. */
class TenantsFileReadTests {

	@TempDir
	Path dir;

	/** The environment variables: only these, not the deployment's other settings, fill placeholders. */
	private final Map<String, String> variables = Map.of("FABRIKAM_SECRET", "s3cret~value");

	@Test
	void anEntryReadsAsUnderRunbookTenantsWithItsSecretFromTheEnvironment() throws IOException {
		TenantsFile file = file("""
				tenants:
				  fabrikam:
				    name: Fabrikam Inc
				    tenant-id: fabrikam.onmicrosoft.com
				    client-id: 8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0
				    client-secret: ${FABRIKAM_SECRET}
				    poll-interval: 5m
				    dry-run: true
				    groups: [fabrikam-soc]
				""");

		TenantsFile.Contents contents = file.read();

		TenantsProperties.Entry fabrikam = contents.entries().get("fabrikam");
		assertThat(fabrikam.name()).isEqualTo("Fabrikam Inc");
		assertThat(fabrikam.clientSecret()).as("no secret need be written in the file").isEqualTo("s3cret~value");
		assertThat(fabrikam.pollInterval()).isEqualTo(Duration.ofMinutes(5));
		assertThat(fabrikam.dryRun()).isTrue();
		assertThat(fabrikam.groups()).isEqualTo(List.of("fabrikam-soc"));
		assertThat(contents.fingerprint()).isEqualTo(file.fingerprint());
	}

	@Test
	void anEmptyTenantsListsNoneButAFileWithoutTenantsOrWithAnotherKeyIsRefused() throws IOException {
		assertThat(file("tenants: {}\n").read().entries()).isEqualTo(Map.of());
		assertThatThrownBy(file("# no customers yet\n")::read).isInstanceOf(TenantsFile.Refused.class)
			.hasMessageContaining("has no 'tenants:'");
		// A misspelt root would otherwise read as no customers at all, and remove every one.
		assertThatThrownBy(file("tennants:\n  fabrikam: { tenant-id: fabrikam.onmicrosoft.com }\n")::read)
			.isInstanceOf(TenantsFile.Refused.class)
			.hasMessageContaining("has no 'tenants:'");
		assertThatThrownBy(file("tenants: {}\ntennants:\n  fabrikam: { tenant-id: fabrikam.onmicrosoft.com }\n")::read)
			.hasMessageContaining("has 'tennants': only 'tenants:' belongs there");
	}

	@Test
	void aPlaceholderNamesASetEnvironmentVariableAndNothingElse() throws IOException {
		assertThatThrownBy(file("""
				tenants:
				  fabrikam:
				    tenant-id: fabrikam.onmicrosoft.com
				    client-secret: ${NORTHWIND_SECRET}
				""")::read).isInstanceOf(TenantsFile.Refused.class)
			.hasMessageContaining("the environment variable NORTHWIND_SECRET is not set");
		// The deployment's own settings are not variables: an entry cannot carry them off to a host of its choosing.
		assertThatThrownBy(file("""
				tenants:
				  fabrikam:
				    tenant-id: fabrikam.onmicrosoft.com
				    client-secret: ${spring.datasource.password}
				""")::read).hasMessageContaining("spring.datasource.password is not set");
	}

	@Test
	void aMisspeltSettingIsRefusedRatherThanLeftUnread() throws IOException {
		TenantsFile file = file("""
				tenants:
				  fabrikam:
				    tenant-id: fabrikam.onmicrosoft.com
				    dry-runn: true
				""");

		assertThatThrownBy(file::read).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("cannot be read as tenants")
			.hasMessageContaining("dry-runn");
	}

	@Test
	void whatIsNotYamlOrNotThereIsRefusedWithTheFileNamed() throws IOException {
		assertThatThrownBy(file("tenants: [unclosed\n")::read).hasMessageContaining("is not YAML")
			.hasMessageContaining("tenants.yml");
		TenantsFile missing = new TenantsFile(this.dir.resolve("missing.yml"), this.variables::get);
		assertThatThrownBy(missing::read).hasMessageContaining("missing.yml cannot be read");
		assertThat(missing.fingerprint()).isNull();
	}

	private TenantsFile file(String yaml) throws IOException {
		Path path = this.dir.resolve("tenants.yml");
		Files.writeString(path, yaml);
		return new TenantsFile(path, this.variables::get);
	}

}
