package com.aventian.portal.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.ibatis.cursor.Cursor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the audit trail for the viewer: keyset pages of events and login activity, an event's detail, the
 * CSV export and a person's own sign-ins. Every read is bound to an {@link AuditScope}: a team's reader
 * gets only rows written in that team.
 */
@Service
public class AuditTrail {

	public static final int PAGE_SIZE = 50;

	/** Rows of a person's own sign-in history on their account page. */
	public static final int SIGN_IN_HISTORY = 20;

	private final AuditMapper mapper;

	private final JsonMapper json;

	AuditTrail(AuditMapper mapper, JsonMapper json) {
		this.mapper = mapper;
		this.json = json;
	}

	/** The page of events below the {@code older} cursor of the previous page (none or not one: the newest). */
	public AuditPage<AuditEvent> events(AuditScope scope, AuditFilter filter, String older) {
		Optional<AuditCursor> cursor = AuditCursor.parse(older);
		List<AuditEvent> rows = this.mapper
			.findAuditEvents(AuditQuery.of(scope, filter, cursor.orElse(null), PAGE_SIZE + 1));
		if (rows.size() <= PAGE_SIZE) {
			return new AuditPage<>(rows, null, cursor.isEmpty());
		}
		AuditEvent last = rows.get(PAGE_SIZE - 1);
		return new AuditPage<>(rows.subList(0, PAGE_SIZE), AuditCursor.after(last.occurredAt(), last.id()).text(),
				cursor.isEmpty());
	}

	public AuditPage<LoginActivity> logins(AuditScope scope, AuditFilter filter, String older) {
		Optional<AuditCursor> cursor = AuditCursor.parse(older);
		List<LoginActivity> rows = this.mapper
			.findLoginActivity(AuditQuery.of(scope, filter, cursor.orElse(null), PAGE_SIZE + 1));
		if (rows.size() <= PAGE_SIZE) {
			return new AuditPage<>(rows, null, cursor.isEmpty());
		}
		LoginActivity last = rows.get(PAGE_SIZE - 1);
		return new AuditPage<>(rows.subList(0, PAGE_SIZE), AuditCursor.after(last.timestamp(), last.id()).text(),
				cursor.isEmpty());
	}

	/** An event of the scope, with its changes side by side; empty for another team's event or none. */
	public Optional<AuditEventDetail> event(AuditScope scope, long id) {
		return this.mapper.findAuditEvent(scope.teamId(), id).map(this::detailOf);
	}

	/**
	 * Writes every event of the filter as CSV, newest first. Rows are fetched a few hundred at a time and
	 * written as they come (the transaction keeps PostgreSQL's cursor open), so memory stays the same
	 * whatever the number of rows.
	 */
	@Transactional(readOnly = true)
	public long exportEvents(AuditScope scope, AuditFilter filter, Writer out) {
		long rows = 0;
		try (Cursor<AuditEvent> events = this.mapper.streamAuditEvents(AuditQuery.of(scope, filter, null, null))) {
			AuditCsv.header(out);
			for (AuditEvent event : events) {
				AuditCsv.row(out, event);
				rows++;
			}
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The CSV export could not be written (the client left?)", ex);
		}
		return rows;
	}

	/** A person's own sign-ins, sign-outs and failed attempts at their e-mail, newest first. */
	public List<LoginActivity> signInHistory(String email) {
		return this.mapper.findSignInsByEmail(email, SIGN_IN_HISTORY);
	}

	/**
	 * The portal writes a change as {@code from}/{@code to} (a value replaced) or {@code before}/{@code after}
	 * (objects, as products may send); everything else describes the event.
	 */
	private AuditEventDetail detailOf(AuditEvent event) {
		Map<String, Object> details = parse(event);
		List<AuditEventDetail.Change> changes = new ArrayList<>();
		List<AuditEventDetail.Fact> facts = new ArrayList<>();
		if (details.containsKey("from") || details.containsKey("to")) {
			changes.add(new AuditEventDetail.Change("value", text(details.get("from")), text(details.get("to"))));
		}
		if (details.get("before") instanceof Map<?, ?> || details.get("after") instanceof Map<?, ?>) {
			Map<?, ?> before = (details.get("before") instanceof Map<?, ?> map) ? map : Map.of();
			Map<?, ?> after = (details.get("after") instanceof Map<?, ?> map) ? map : Map.of();
			Set<String> fields = new TreeSet<>();
			before.keySet().forEach((key) -> fields.add(String.valueOf(key)));
			after.keySet().forEach((key) -> fields.add(String.valueOf(key)));
			for (String field : fields) {
				changes.add(new AuditEventDetail.Change(field, text(before.get(field)), text(after.get(field))));
			}
		}
		details.forEach((key, value) -> {
			if (!Set.of("from", "to", "before", "after").contains(key)) {
				facts.add(new AuditEventDetail.Fact(key, text(value)));
			}
		});
		return new AuditEventDetail(event, changes, facts);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> parse(AuditEvent event) {
		if (event.details() == null) {
			return Map.of();
		}
		try {
			Object value = this.json.readValue(event.details().json(), Object.class);
			return (value instanceof Map<?, ?> map) ? new LinkedHashMap<>((Map<String, Object>) map) : Map.of();
		}
		catch (JacksonException ex) {
			return Map.of("details", event.details().json());
		}
	}

	private static String text(Object value) {
		return Objects.toString(value, null);
	}

}
