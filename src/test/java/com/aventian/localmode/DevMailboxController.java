package com.aventian.localmode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * Local mode only: the mail the portal sent, as captured by the embedded SMTP server, at /dev/mailbox.
 * Its package is outside the portal's, so component scanning (also of test contexts) never finds it:
 * only local mode's configuration imports it.
 */
@Controller
public class DevMailboxController {

	private static final Pattern LINK = Pattern.compile("https?://\\S+");

	private final GreenMail mail;

	public DevMailboxController(GreenMail mail) {
		this.mail = mail;
	}

	@GetMapping("/dev/mailbox")
	String mailbox(Model model) {
		List<MimeMessage> received = Arrays.asList(this.mail.getReceivedMessages());
		List<MailSummary> summaries = new ArrayList<>();
		for (int i = 0; i < received.size(); i++) {
			summaries.add(summaryOf(i, received.get(i)));
		}
		Collections.reverse(summaries);
		model.addAttribute("mails", summaries);
		return "dev/mailbox";
	}

	@GetMapping("/dev/mailbox/{index}")
	String message(@PathVariable int index, Model model) {
		MimeMessage[] received = this.mail.getReceivedMessages();
		if (index < 0 || index >= received.length) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		model.addAttribute("mail", summaryOf(index, received[index]));
		model.addAttribute("parts", partsOf(GreenMailUtil.getBody(received[index]).replace("=\r\n", "").replace("=3D", "=")));
		return "dev/mailbox-message";
	}

	private static MailSummary summaryOf(int index, MimeMessage message) {
		try {
			return new MailSummary(index, String.join(", ", Arrays.stream(message.getAllRecipients()).map(Object::toString).toList()),
					message.getSubject(), message.getSentDate() == null ? "" : message.getSentDate().toInstant().toString());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The body as text and links, so the page can make links clickable without unescaped HTML. */
	private static List<BodyPart> partsOf(String body) {
		List<BodyPart> parts = new ArrayList<>();
		Matcher links = LINK.matcher(body);
		int last = 0;
		while (links.find()) {
			parts.add(new BodyPart(body.substring(last, links.start()), false));
			parts.add(new BodyPart(links.group(), true));
			last = links.end();
		}
		parts.add(new BodyPart(body.substring(last), false));
		return parts;
	}

	record MailSummary(int index, String to, String subject, String sentAt) {
	}

	record BodyPart(String text, boolean link) {
	}

}
