package org.soc.runbook.escalation;

import com.fasterxml.jackson.databind.JsonNode;

/** A way to reach people: sends one queued message or throws why it could not. */
interface NotificationChannel {

	/** The {@code runbook_notification.channel} this channel delivers. */
	String name();

	/** Delivers the message; any exception means "try again later". */
	void send(JsonNode message) throws Exception;

}
