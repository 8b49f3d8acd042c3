package com.aventian.portal.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends mail once the transaction that asked for it has committed: a rolled-back sign-up sends
 * nothing, and a slow or failing SMTP server never holds a database transaction open. A failed send
 * is logged (without the body); the person can ask for the mail again.
 */
@Service
public class Postman {

	private static final Logger log = LoggerFactory.getLogger(Postman.class);

	private final ApplicationEventPublisher events;

	private final ObjectProvider<JavaMailSender> sender;

	private final String from;

	Postman(ApplicationEventPublisher events, ObjectProvider<JavaMailSender> sender,
			@Value("${aventian.mail.from:Aventian <no-reply@aventian.local>}") String from) {
		this.events = events;
		this.sender = sender;
		this.from = from;
	}

	public void send(OutgoingMail mail) {
		this.events.publishEvent(new MailRequested(mail));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void deliver(MailRequested request) {
		OutgoingMail mail = request.mail();
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
		try {
			smtp.send(message);
		}
		catch (MailException ex) {
			log.warn("Could not send {}: {}", mail, ex.getMessage());
		}
	}

	record MailRequested(OutgoingMail mail) {
	}

}
