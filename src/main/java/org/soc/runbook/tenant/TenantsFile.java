package org.soc.runbook.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * Reads the tenants file ({@link TenantsFileProperties}): YAML whose {@code tenants:} holds the customers' entries
 * with the keys of {@code runbook.tenants.<key>.*}, bound by Spring Boot's own binder as those are. A value may be a
 * placeholder of the deployment's environment ({@code client-secret: ${FABRIKAM_SECRET}}), so that no secret need be
 * written in the file. A setting the entry does not have (a misspelt key) is refused rather than left unread.
 */
public final class TenantsFile {

	private final Path path;

	private final Environment environment;

	public TenantsFile(Path path, Environment environment) {
		this.path = path;
		this.environment = environment;
	}

	public Path path() {
		return this.path;
	}

	/** The file as it is now: its entries, and a fingerprint of its text to tell whether it changed. */
	Contents read() {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(this.path);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The tenants file " + this.path + " cannot be read: " + ex.getMessage(), ex);
		}
		return new Contents(entries(bytes), fingerprint(bytes));
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

	private Map<String, TenantsProperties.Entry> entries(byte[] bytes) {
		List<PropertySource<?>> sources;
		try {
			sources = new YamlPropertySourceLoader().load(this.path.toString(), new ByteArrayResource(bytes));
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("The tenants file " + this.path + " is not YAML: " + ex.getMessage(), ex);
		}
		Binder binder = new Binder(ConfigurationPropertySources.from(sources),
				new PropertySourcesPlaceholdersResolver(this.environment), ApplicationConversionService.getSharedInstance());
		try {
			return binder
				.bind("tenants", Bindable.mapOf(String.class, TenantsProperties.Entry.class),
						new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
				.orElse(Map.of());
		}
		catch (BindException ex) {
			String cause = (ex.getCause() != null) ? ex.getCause().getMessage() : "";
			throw new IllegalStateException("The tenants file " + this.path + " cannot be read as tenants: "
					+ ex.getMessage() + ((cause != null && !cause.isBlank()) ? " (" + cause + ")" : ""), ex);
		}
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

}
