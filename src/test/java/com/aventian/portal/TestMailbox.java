package com.aventian.portal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Reads the mail the portal sent, as captured by the test SMTP server (GreenMail). */
public final class TestMailbox {

	private static final Pattern LINK = Pattern.compile("https?://\\S+");

	private TestMailbox() {
	}

	/**
	 * The mails sent to an address, oldest first, once every mail due by now has left the queue (mail is
	 * sent by a background worker, so "no mail" is only true once the worker has caught up).
	 */
	public static List<MimeMessage> mailsTo(String address) {
		awaitMailQueue();
		return received(address);
	}

	/** Waits for the {@code count}-th mail to the address and returns it. */
	public static MimeMessage awaitMail(String address, int count) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(deadline)) {
			List<MimeMessage> mails = received(address);
			if (mails.size() >= count) {
				return mails.get(count - 1);
			}
			sleep();
		}
		throw new AssertionError("No mail number " + count + " to " + address + " within 10 s");
	}

	/**
	 * Waits for a mail to the address with a link whose path contains {@code pathPart}, and returns that link.
	 * Mails queued close together are sent by several workers, so they need not arrive in the order queued.
	 */
	public static String awaitLink(String address, String pathPart) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(deadline)) {
			for (MimeMessage mail : received(address)) {
				Matcher links = LINK.matcher(bodyOf(mail));
				while (links.find()) {
					if (links.group().contains(pathPart)) {
						return links.group();
					}
				}
			}
			sleep();
		}
		throw new AssertionError("No mail to " + address + " with a link to " + pathPart + " within 10 s");
	}

	public static MimeMessage latestMail(String address) {
		List<MimeMessage> mails = mailsTo(address);
		if (mails.isEmpty()) {
			throw new AssertionError("No mail to " + address);
		}
		return mails.get(mails.size() - 1);
	}

	public static String subjectOf(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String bodyOf(MimeMessage message) {
		return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
	}

	/** The first link in the mail whose path contains {@code pathPart}. */
	public static String linkIn(MimeMessage message, String pathPart) {
		Matcher links = LINK.matcher(bodyOf(message));
		while (links.find()) {
			if (links.group().contains(pathPart)) {
				return links.group();
			}
		}
		throw new AssertionError("No link to " + pathPart + " in: " + bodyOf(message));
	}

	/** The path and query of a link, to open it on the portal under test. */
	public static String pathOf(String link) {
		return link.replaceFirst("^https?://[^/]+", "");
	}

	/** Mail tasks due by now (waiting ones, after a failed attempt, are due later). */
	private static int mailsDue() {
		try (Connection connection = DriverManager.getConnection(TestServices.shared().jdbcUrl(), "postgres", "postgres");
				Statement statement = connection.createStatement();
				ResultSet due = statement.executeQuery(
						"select count(*) from aventian.scheduled_tasks where task_name = 'mail' and execution_time <= now()")) {
			due.next();
			return due.getInt(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitMailQueue() {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (mailsDue() > 0 && Instant.now().isBefore(deadline)) {
			sleep();
		}
	}

	private static List<MimeMessage> received(String address) {
		return Arrays.stream(TestServices.shared().mail().getReceivedMessages())
			.filter((message) -> isTo(message, address))
			.toList();
	}

	private static boolean isTo(Message message, String address) {
		try {
			return Arrays.stream(message.getAllRecipients()).anyMatch((to) -> to.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
