package com.aventian.portal.jobs;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Task data as JSON (records such as a mail), readable in the table and free of Java serialization's
 * class-format coupling between releases.
 */
final class JsonTaskData implements Serializer {

	private final JsonMapper json;

	JsonTaskData(JsonMapper json) {
		this.json = json;
	}

	@Override
	public byte[] serialize(Object data) {
		return (data != null) ? this.json.writeValueAsBytes(data) : null;
	}

	@Override
	public <T> T deserialize(Class<T> type, byte[] serialized) {
		return (serialized != null) ? this.json.readValue(serialized, type) : null;
	}

}
