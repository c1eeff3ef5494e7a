package org.soc.runbook.escalation;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the scheduler that {@link NotificationSender} delivers the outbox with. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationConfiguration {

}
