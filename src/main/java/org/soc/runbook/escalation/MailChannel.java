package org.soc.runbook.escalation;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends a message as a plain-text e-mail through Spring's mail support ({@code spring.mail.host} and friends).
 * Plain text on purpose: tenant data in it cannot become markup in the reader's mail client.
 */
@Component
class MailChannel implements NotificationChannel {

	private final NotificationProperties properties;

	private final ObjectProvider<JavaMailSender> mail;

	MailChannel(NotificationProperties properties, ObjectProvider<JavaMailSender> mail) {
		this.properties = properties;
		this.mail = mail;
	}

	@Override
	public String name() {
		return Notifications.MAIL;
	}

	@Override
	public void send(JsonNode message) {
		JavaMailSender sender = this.mail.getIfAvailable();
		if (sender == null) {
			throw new IllegalStateException("no SMTP server configured (spring.mail.host)");
		}
		List<String> to = new ArrayList<>();
		message.path("to").forEach((address) -> to.add(address.asText()));
		SimpleMailMessage mail = new SimpleMailMessage();
		mail.setFrom(this.properties.mailFrom());
		mail.setTo(to.toArray(String[]::new));
		mail.setSubject(message.path("subject").asText());
		mail.setText(message.path("text").asText());
		sender.send(mail);
	}

}
