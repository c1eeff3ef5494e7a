package org.soc.runbook.tenant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.PropertyPlaceholderHelper;

/**
 * Reads the tenants file ({@link TenantsFileProperties}): YAML whose {@code tenants:} holds the customers' entries
 * with the keys of {@code runbook.tenants.<key>.*}, bound by Spring Boot's own binder as those are. A value may name
 * an environment variable ({@code client-secret: ${FABRIKAM_SECRET}}), so that no secret need be written in the
 * file; only environment variables, not the deployment's other settings, which an entry's hosts could otherwise carry
 * off. What the file cannot mean is refused rather than read as less: a misspelt setting, a top-level key other than
 * {@code tenants} (a misspelt {@code tenants:} would otherwise read as no customers at all), a variable that is not
 * set. {@code tenants: {}} lists none.
 */
public final class TenantsFile {

	private static final String ROOT = "tenants";

	private final Path path;

	private final UnaryOperator<String> variables;

	/** @param variables the environment variables placeholders name ({@code System::getenv}) */
	public TenantsFile(Path path, UnaryOperator<String> variables) {
		this.path = path;
		this.variables = variables;
	}

	public Path path() {
		return this.path;
	}

	/**
	 * The file as it is now, read once: its entries and the fingerprint of the text they came from. A
	 * {@link Refused} names what is wrong with the file and carries the fingerprint of the text refused (null when it
	 * could not be read).
	 */
	Contents read() {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(this.path);
		}
		catch (IOException ex) {
			throw new Refused(null, "The tenants file " + this.path + " cannot be read: " + ex.getMessage(), ex);
		}
		String fingerprint = fingerprint(bytes);
		return new Contents(entries(bytes, fingerprint), fingerprint);
	}

	/** The fingerprint of the file's text now; null when it cannot be read (the next read says why). */
	String fingerprint() {
		try {
			return fingerprint(Files.readAllBytes(this.path));
		}
		catch (IOException ex) {
			return null;
		}
	}

	private Map<String, TenantsProperties.Entry> entries(byte[] bytes, String fingerprint) {
		List<PropertySource<?>> sources;
		try {
			sources = new YamlPropertySourceLoader().load(this.path.toString(), new ByteArrayResource(bytes));
		}
		catch (IOException | RuntimeException ex) {
			throw new Refused(fingerprint, "The tenants file " + this.path + " is not YAML: " + ex.getMessage(), ex);
		}
		Object document;
		try {
			document = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(bytes, StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			throw new Refused(fingerprint, "The tenants file " + this.path + " is not YAML: " + ex.getMessage(), ex);
		}
		if (!(document instanceof Map<?, ?> root) || !root.containsKey(ROOT)) {
			throw new Refused(fingerprint, "The tenants file " + this.path + " has no 'tenants:' (write 'tenants: {}' "
					+ "for none)");
		}
		for (Object key : root.keySet()) {
			if (!ROOT.equals(key)) {
				throw new Refused(fingerprint, "The tenants file " + this.path + " has '" + key
						+ "': only 'tenants:' belongs there");
			}
		}
		PropertyPlaceholderHelper placeholders = new PropertyPlaceholderHelper("${", "}", ":", '\\', false);
		Binder binder = new Binder(ConfigurationPropertySources.from(sources),
				(value) -> (value instanceof String text) ? placeholders.replacePlaceholders(text, this::variable)
						: value,
				ApplicationConversionService.getSharedInstance());
		try {
			return binder
				.bind(ROOT, Bindable.mapOf(String.class, TenantsProperties.Entry.class),
						new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
				.orElse(Map.of());
		}
		catch (BindException ex) {
			String cause = (ex.getCause() != null) ? ex.getCause().getMessage() : "";
			throw new Refused(fingerprint, "The tenants file " + this.path + " cannot be read as tenants: "
					+ ex.getMessage() + ((cause != null && !cause.isBlank()) ? " (" + cause + ")" : ""), ex);
		}
	}

	private String variable(String name) {
		String value = this.variables.apply(name);
		if (value == null) {
			throw new IllegalArgumentException("the environment variable " + name + " is not set");
		}
		return value;
	}

	private static String fingerprint(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The entries the file holds now and the fingerprint of its text. */
	record Contents(Map<String, TenantsProperties.Entry> entries, String fingerprint) {
	}

	/** The file as it is cannot be applied; {@link #fingerprint()} is that of the text refused. */
	static final class Refused extends IllegalStateException {

		private final String fingerprint;

		Refused(String fingerprint, String message, Throwable cause) {
			super(message, cause);
			this.fingerprint = fingerprint;
		}

		Refused(String fingerprint, String message) {
			this(fingerprint, message, null);
		}

		String fingerprint() {
			return this.fingerprint;
		}

	}

}
