package com.aventian.portal.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Audit events as CSV (RFC 4180, one header row). Every cell is quoted; a cell a spreadsheet would run as
 * a formula (starting with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe, so an
 * actor's e-mail or a team name chosen by an attacker stays text when an admin opens the file.
 */
final class AuditCsv {

	static final String HEADER = "occurred_at,action,actor_email,actor_user_id,target_type,target_id,team_id,product_id,ip,details";

	private AuditCsv() {
	}

	static void header(Writer out) throws IOException {
		out.write(HEADER);
		out.write("\r\n");
	}

	static void row(Writer out, AuditEvent event) throws IOException {
		String[] cells = { DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()), event.action(), event.actorEmail(),
				text(event.actorUserId()), event.targetType(), event.targetId(), text(event.teamId()),
				text(event.productId()), (event.ip() != null) ? event.ip().getHostAddress() : null,
				(event.details() != null) ? event.details().json() : null };
		for (int i = 0; i < cells.length; i++) {
			if (i > 0) {
				out.write(',');
			}
			out.write(cell(cells[i]));
		}
		out.write("\r\n");
	}

	/** One quoted cell, defused for spreadsheets. */
	static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return "\"\"";
		}
		char first = value.charAt(0);
		String safe = (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + value : value;
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

	private static String text(Object value) {
		return Objects.toString(value, null);
	}

}
