package org.soc.runbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages depend on each other without a cycle, and as src/docs/packages.md draws them: a change to
 * one feature does not ripple through the others, and the case kernel ({@code cases}) depends on no feature.
 */
class PackageDependencyTests {

	private static final Path SOURCES = Path.of("src/main/java/org/soc/runbook");

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.soc\\.runbook\\.(\\w+)\\.",
			Pattern.MULTILINE);

	@Test
	void noFeaturePackageDependsOnItselfThroughAnother() throws IOException {
		Map<String, Set<String>> uses = dependencies();
		List<String> cycles = new ArrayList<>();
		for (String start : uses.keySet()) {
			cycle(start, start, uses, new ArrayList<>(List.of(start)), cycles);
		}
		assertThat(cycles).as("import cycles between packages").isEmpty();
	}

	@Test
	void theCaseKernelAndTheTenantClientsDependOnNoFeature() throws IOException {
		Map<String, Set<String>> uses = dependencies();
		assertThat(uses.get("cases")).as("cases uses").isSubsetOf("security", "config", "tenant");
		assertThat(uses.get("tenant")).as("tenant uses").isEmpty();
	}

	@Test
	void theDocumentedPictureIsTheCodes() throws IOException {
		String documented = Files.readString(Path.of("src/docs/packages.md"));
		dependencies().forEach((from, to) -> assertThat(documented).as("src/docs/packages.md on " + from)
			.contains("| `" + from + "` | " + (to.isEmpty() ? "(none)" : "`" + String.join("`, `", to) + "`") + " |"));
	}

	/**
	 * Package → the other packages of the project it imports, from the sources. A package is the first name after
	 * {@code org.soc.runbook}: a feature's rooms ({@code tenant.graph}) count as the feature.
	 */
	static Map<String, Set<String>> dependencies() throws IOException {
		Map<String, Set<String>> uses = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				Path relative = SOURCES.relativize(file);
				if (relative.getNameCount() < 2) {
					continue;
				}
				String from = relative.getName(0).toString();
				Set<String> to = uses.computeIfAbsent(from, (key) -> new TreeSet<>());
				Matcher imported = IMPORT.matcher(Files.readString(file));
				while (imported.find()) {
					if (!imported.group(1).equals(from)) {
						to.add(imported.group(1));
					}
				}
			}
		}
		return uses;
	}

	private static void cycle(String start, String at, Map<String, Set<String>> uses, List<String> path,
			List<String> cycles) {
		for (String next : uses.getOrDefault(at, Set.of())) {
			if (next.equals(start)) {
				cycles.add(String.join(" -> ", path) + " -> " + start);
			}
			else if (!path.contains(next) && next.compareTo(start) > 0) {
				path.add(next);
				cycle(start, next, uses, path, cycles);
				path.remove(path.size() - 1);
			}
		}
	}

}
