package com.aventian.portal.mail;

import com.aventian.portal.jobs.Jobs;

import org.springframework.stereotype.Service;

/**
 * Sends mail as durable background work ({@link MailDelivery}): the mail is stored in the caller's
 * transaction and sent by a worker once it commits, with retries. A rolled-back sign-up sends nothing, a
 * crash after the commit loses nothing, and no request waits for the SMTP server.
 */
@Service
public class Postman {

	private final Jobs jobs;

	private final MailDelivery delivery;

	Postman(Jobs jobs, MailDelivery delivery) {
		this.jobs = jobs;
		this.delivery = delivery;
	}

	public void send(OutgoingMail mail) {
		this.jobs.schedule(this.delivery.newMail(mail));
	}

}
