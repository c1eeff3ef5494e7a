package org.soc.runbook.security;

import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * People and groups from the organisation's directory instead of Camunda's own tables: Camunda's LDAP identity
 * provider plugin, switched on with {@code runbook.ldap.enabled=true} and configured under
 * {@code runbook.ldap.plugin.*} with the plugin's own settings (server-url, manager-dn, manager-password, base-dn,
 * user- and group-search settings; see src/docs/operations.md). Sign-in checks the password against the directory; the groups a
 * user is in there are the Camunda groups, and {@code runbook.groups.*} says which directory group plays which role.
 * The directory is read-only to the runbook: no demo users, no password changes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "runbook.ldap.enabled", havingValue = "true")
class DirectoryConfiguration {

	/** The plugin is Camunda's, configured the way Camunda documents it for Spring Boot: bound to properties. */
	@Bean
	@ConfigurationProperties("runbook.ldap.plugin")
	LdapIdentityProviderPlugin ldapIdentityProviderPlugin() {
		return new LdapIdentityProviderPlugin();
	}

}
