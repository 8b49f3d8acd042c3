package com.aventian.portal.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The size of each table of both schemas, partitions summed into their table: {@code aventian.db.table.size}
 * (bytes, indexes and TOAST included) and {@code aventian.db.table.rows} (the planner's estimate, kept fresh by
 * autovacuum; exact counts would scan the audit tables). Their growth per day is what the "abnormal growth of
 * tables and audit volume" alerts watch. The tables are those of the schema at start-up (a new table comes with
 * a new release, so a restart); the figures are read from the catalog at most every five minutes.
 */
@Component
class TableSizes {

	private static final Duration FRESH_FOR = Duration.ofMinutes(5);

	private final TableSizeMapper mapper;

	private final Clock clock;

	private final MeterRegistry registry;

	private volatile Snapshot snapshot;

	TableSizes(TableSizeMapper mapper, Clock clock, MeterRegistry registry) {
		this.mapper = mapper;
		this.clock = clock;
		this.registry = registry;
	}

	@EventListener(ApplicationReadyEvent.class)
	void registerGauges() {
		for (TableSize table : current().tables().values()) {
			gauge("aventian.db.table.size", "Bytes on disk, partitions, indexes and TOAST included", "bytes", table,
					TableSize::bytes);
			gauge("aventian.db.table.rows", "Estimated rows, partitions included", null, table, TableSize::estimatedRows);
		}
	}

	private void gauge(String name, String description, String unit, TableSize table, ToDoubleFunction<TableSize> value) {
		String key = table.key();
		Gauge.builder(name, this, (sizes) -> {
			TableSize now = sizes.current().tables().get(key);
			return (now != null) ? value.applyAsDouble(now) : Double.NaN;
		}).description(description).baseUnit(unit).tags("schema", table.schemaName(), "table", table.tableName()).register(this.registry);
	}

	private Snapshot current() {
		Snapshot known = this.snapshot;
		Instant now = this.clock.instant();
		if (known == null || known.takenAt().plus(FRESH_FOR).isBefore(now)) {
			known = new Snapshot(now, read());
			this.snapshot = known;
		}
		return known;
	}

	/** While the database is unreachable the gauges have no value until the next read, five minutes later. */
	private Map<String, TableSize> read() {
		try {
			return this.mapper.findTableSizes().stream().collect(Collectors.toMap(TableSize::key, Function.identity()));
		}
		catch (DataAccessException ex) {
			return Map.of();
		}
	}

	private record Snapshot(Instant takenAt, Map<String, TableSize> tables) {
	}

	record TableSize(String schemaName, String tableName, long bytes, long estimatedRows) {

		String key() {
			return this.schemaName + "." + this.tableName;
		}

	}

}
