package com.aventian.portal.mail;

import java.time.Duration;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler.ReviveDeadExecution;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler.ExponentialBackoffFailureHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler.MaxRetriesFailureHandler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The worker side of {@link Postman}: sends one mail per task over SMTP. A failure is tried again after
 * {@code aventian.mail.retry.first-delay}, each wait {@code multiplier} times longer, at most
 * {@code max-attempts} times in all; then the mail is given up (logged without its body). Either way the
 * row, and with it the body and its links, is deleted. A worker that dies while sending leaves the mail
 * to be sent again once its heartbeat is missed: a crash may rarely send a mail twice, never lose it.
 */
@Component
class MailDelivery extends OneTimeTask<OutgoingMail> {

	static final String NAME = "mail";

	private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

	private final ObjectProvider<JavaMailSender> sender;

	private final String from;

	MailDelivery(ObjectProvider<JavaMailSender> sender, @Value("${aventian.mail.from}") String from,
			@Value("${aventian.mail.retry.first-delay}") Duration firstDelay,
			@Value("${aventian.mail.retry.multiplier}") double multiplier,
			@Value("${aventian.mail.retry.max-attempts}") int maxAttempts) {
		super(NAME, OutgoingMail.class, retries(firstDelay, multiplier, maxAttempts), new ReviveDeadExecution<>());
		this.sender = sender;
		this.from = from;
	}

	private static FailureHandler<OutgoingMail> retries(Duration firstDelay, double multiplier, int maxAttempts) {
		// the library counts retries after the first attempt
		return new MaxRetriesFailureHandler<>(maxAttempts - 1, new ExponentialBackoffFailureHandler<>(firstDelay, multiplier),
				(failed, operations) -> log.error("Gave up sending {} after {} attempts",
						failed.getExecution().taskInstance.getData(), maxAttempts));
	}

	/** A new mail to send, due now. */
	SchedulableInstance<OutgoingMail> newMail(OutgoingMail mail) {
		return schedulableInstance(UUID.randomUUID().toString(), mail);
	}

	@Override
	public void executeOnce(TaskInstance<OutgoingMail> task, ExecutionContext context) {
		OutgoingMail mail = task.getData();
		JavaMailSender smtp = this.sender.getIfAvailable();
		if (smtp == null) {
			log.warn("No SMTP server configured (spring.mail.host): {} not sent", mail);
			return;
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.from);
		message.setTo(mail.to());
		message.setSubject(mail.subject());
		message.setText(mail.body());
		// a MailException fails this attempt; the failure handler above decides when to try again
		smtp.send(message);
	}

}
