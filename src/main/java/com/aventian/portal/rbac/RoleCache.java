package com.aventian.portal.rbac;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.aventian.portal.shared.redis.VersionedHash;
import com.aventian.portal.team.Team;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The computed privileges of members, cached in Redis under {@code user:roles:<user id>}: a hash with a
 * field per team id (as JSON: the member's team, their e-mail, name and account status, the products the
 * team has with their statuses, their grants, and what team home shows besides: the team's member count and the
 * member's visible team-wide roles) and a field {@code v}, the hash's version.
 * Only members are cached; a non-member is read from PostgreSQL every time.
 * <p>
 * No request may see a privilege taken away before it began, so a change invalidates in two steps. Inside
 * the changing transaction, before it commits, the hash is emptied and marked pending (when the change is made, and
 * again as it commits, in case the first mark expired): from then until the change is over nobody reads or fills it. After the transaction ends (commit or rollback) it is emptied
 * again under a fresh version. A reader that loaded from PostgreSQL stores its answer only if the version
 * it saw before loading is still there (a Lua compare-and-set), so an answer read before a change can
 * never land in the cache after it. A change that cannot mark the hash (Redis down) fails and rolls back:
 * while Redis is down, pages are down anyway (sessions live there) and the API answers from PostgreSQL.
 * The time to live counts from the hash's first fill after an eviction: a safety net, never refreshed by
 * later fills. A reader does not wait for its store to be answered (one round trip less on every cold call):
 * the compare-and-set is decided in Redis all the same, and everything sent afterwards is answered after it.
 */
@Component
public class RoleCache {

	static final String KEY_PREFIX = "user:roles:";

	static final String VERSION = "v";

	private static final String PENDING = "pending:";

	/** Longer than any transaction that changes privileges; bounds a pending mark whose end was lost. */
	private static final Duration PENDING_TTL = Duration.ofSeconds(60);

	/** {@link VersionedHash#RESET} for several hashes at once, under one pending version (ARGV[1], ARGV[2] seconds). */
	private static final RedisScript<Long> MARK_PENDING = RedisScript.of("""
			for _, key in ipairs(KEYS) do
			  redis.call('DEL', key)
			  redis.call('HSET', key, 'v', ARGV[1])
			  redis.call('EXPIRE', key, tonumber(ARGV[2]))
			end
			return #KEYS
			""", Long.class);

	/** Hashes marked by one script: bounds how long Redis runs it for a team-wide change of a big team. */
	private static final int MARKED_AT_ONCE = 500;

	/**
	 * The length of the cached texts whose decoding is kept ({@link DecodedPrivileges}): about 1 MB of text and twice
	 * that decoded; a grant is about 230 characters, so some 400 members holding ten privileges, or 100 holding every
	 * privilege of a team.
	 */
	private static final long DECODED_MAX_CHARS = 1_000_000;

	private static final Logger log = LoggerFactory.getLogger(RoleCache.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final RoleCacheMapper members;

	private final long ttlSeconds;

	private final Counter hits;

	private final Counter misses;

	private final Counter unavailable;

	private final DecodedPrivileges decoded = new DecodedPrivileges(DECODED_MAX_CHARS);

	RoleCache(StringRedisTemplate redis, JsonMapper json, RoleCacheMapper members, MeterRegistry meters,
			@Value("${aventian.rbac.cache-ttl:10m}") Duration ttl) {
		this.redis = redis;
		this.json = json;
		this.members = members;
		this.ttlSeconds = Math.max(1, ttl.toSeconds());
		this.hits = meters.counter("aventian.rbac.cache", "result", "hit");
		this.misses = meters.counter("aventian.rbac.cache", "result", "miss");
		this.unavailable = meters.counter("aventian.rbac.cache", "result", "unavailable");
	}

	/**
	 * One read of the member's field and the hash's version (a single {@code HMGET}): the privileges if cached, else
	 * the version a load may be stored under ({@link #load}). Nothing is loaded or stored here. Inside a read-write
	 * transaction the cache is not read (a change decides on what its own transaction sees, never on the cache),
	 * and while Redis is down nothing is found: in both cases nothing will be stored either.
	 */
	PrivilegesLookup look(UUID userId, UUID teamId) {
		if (TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			return new PrivilegesLookup(userId, teamId, null, null);
		}
		List<Object> found;
		try {
			found = this.redis.opsForHash().multiGet(KEY_PREFIX + userId, List.of(teamId.toString(), VERSION));
		}
		catch (RuntimeException ex) {
			this.unavailable.increment();
			return new PrivilegesLookup(userId, teamId, null, null);
		}
		EffectivePrivileges cached = (found.get(0) == null) ? null
				: cached(userId, teamId, (String) found.get(0)).orElse(null);
		String version = (found.get(1) == null) ? "" : (String) found.get(1);
		return new PrivilegesLookup(userId, teamId, cached, version);
	}

	/**
	 * The privileges the lookup found, else {@code load} (PostgreSQL), stored for the next call only if the hash's
	 * version is still the one the lookup saw before this load (so never an answer read before a change that
	 * began after the lookup), and not while a change is pending.
	 */
	EffectivePrivileges load(PrivilegesLookup lookup, Supplier<EffectivePrivileges> load) {
		if (lookup.found().isPresent()) {
			return lookup.found().get();
		}
		return loadAndStore(lookup, load, (loaded) -> true);
	}

	/**
	 * From {@code load} (PostgreSQL) whatever the lookup found; stored as by {@link #load} only if the lookup missed
	 * (what it found is in the cache already) and {@code stored} accepts what was loaded.
	 */
	EffectivePrivileges reload(PrivilegesLookup lookup, Supplier<EffectivePrivileges> load,
			Predicate<EffectivePrivileges> stored) {
		if (lookup.found().isPresent()) {
			return load.get();
		}
		return loadAndStore(lookup, load, stored);
	}

	private EffectivePrivileges loadAndStore(PrivilegesLookup lookup, Supplier<EffectivePrivileges> load,
			Predicate<EffectivePrivileges> stored) {
		String version = lookup.version();
		if (version == null) {
			return load.get();
		}
		this.misses.increment();
		EffectivePrivileges loaded = load.get();
		if (loaded.member() && stored.test(loaded) && !version.startsWith(PENDING)) {
			// not waited for: the compare-and-set runs in Redis as it would if we waited, and every later command
			// (the next call's read, an eviction) is sent after it on the same connection
			String value = this.json.writeValueAsString(new Cached(loaded.team(), loaded.memberEmail(), loaded.memberName(),
					loaded.memberStatus(), loaded.products(), loaded.grants(),
					loaded.teamMemberCount(), loaded.homeRoles()));
			VersionedHash.storeWithoutWaiting(this.redis, KEY_PREFIX + lookup.userId(), version, lookup.teamId().toString(),
					value, UUID.randomUUID().toString(), this.ttlSeconds, (ex) -> this.unavailable.increment());
		}
		return loaded;
	}

	/** The member's privileges from the cache, else from {@code load} (PostgreSQL), stored for the next call. */
	EffectivePrivileges get(UUID userId, UUID teamId, Supplier<EffectivePrivileges> load) {
		return load(look(userId, teamId), load);
	}

	/**
	 * A cached value, counted as a hit; empty for an entry of an older shape (loaded afresh and replaced). The very
	 * text decoded for the same member and team before is not decoded again ({@link DecodedPrivileges}).
	 */
	private Optional<EffectivePrivileges> cached(UUID userId, UUID teamId, String value) {
		EffectivePrivileges kept = this.decoded.find(userId, teamId, value);
		if (kept != null) {
			this.hits.increment();
			return Optional.of(kept);
		}
		try {
			Cached cached = this.json.readValue(value, Cached.class);
			if (cached.complete()) {
				this.hits.increment();
				EffectivePrivileges privileges = new EffectivePrivileges(userId, teamId, cached.team(),
						cached.memberEmail(), cached.memberName(), cached.memberStatus(), cached.products(),
						cached.grants(), cached.teamMemberCount(), cached.homeRoles());
				this.decoded.keep(userId, teamId, value, privileges);
				return Optional.of(privileges);
			}
			log.debug("Cached privileges of an older shape replaced");
		}
		catch (JacksonException ex) {
			log.debug("Unreadable cached privileges replaced");
		}
		return Optional.empty();
	}

	/**
	 * Invalidates the cached privileges of every member of the team. Inside a transaction, the members it
	 * sees are marked pending at once, the members then are marked again as it commits, and when it ends every
	 * member then is evicted too: someone who joined while it ran (committed before it, so not seen by it) may
	 * have had an answer read meanwhile from the team as it was before the change, and cached under a version
	 * nobody marked.
	 */
	public void invalidateTeam(UUID teamId) {
		invalidate(this.members.findMemberIds(teamId));
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			pendingOfThisTransaction().teams().add(teamId);
		}
	}

	/**
	 * Invalidates the users' cached privileges: inside a transaction marked pending at once and evicted when
	 * it ends; outside one evicted at once. Inside a transaction, a Redis that cannot be reached fails the
	 * change (see the class comment).
	 */
	public void invalidate(Collection<UUID> userIds) {
		if (userIds.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			userIds.forEach((userId) -> evictQuietly(userId));
			return;
		}
		markPending(userIds);
		pendingOfThisTransaction().users().addAll(userIds);
	}

	/** Empties the users' hashes and marks them pending; a Redis that cannot be reached fails the change. */
	private void markPending(Collection<UUID> userIds) {
		List<String> keys = userIds.stream().map((userId) -> KEY_PREFIX + userId).toList();
		for (int from = 0; from < keys.size(); from += MARKED_AT_ONCE) {
			try {
				this.redis.execute(MARK_PENDING, keys.subList(from, Math.min(keys.size(), from + MARKED_AT_ONCE)),
						PENDING + UUID.randomUUID(), String.valueOf(PENDING_TTL.toSeconds()));
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("The cached privileges could not be invalidated (Redis unreachable), "
						+ "so the change is not made", ex);
			}
		}
	}

	private Pending pendingOfThisTransaction() {
		Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			Pending created = new Pending(new LinkedHashSet<>(), new LinkedHashSet<>());
			TransactionSynchronizationManager.bindResource(this, created);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				/**
				 * Marked again as the change commits, with the changed teams' members as committed now: a transaction
				 * that outlived its marks (PENDING_TTL: a lock waited for, a big team's templates re-applied) had them
				 * expire, and someone who joined a changed team while it ran was never marked; either was filled
				 * meanwhile with the answer as committed before the change, and without this mark a request beginning
				 * between the commit and the evictions below (or for the whole time to live, if they cannot reach
				 * Redis) read the revoked privilege, or the cancelled product, from the cache.
				 */
				@Override
				public void beforeCommit(boolean readOnly) {
					Set<UUID> marked = new LinkedHashSet<>(created.users());
					created.teams().forEach((teamId) -> marked.addAll(RoleCache.this.members.findMemberIds(teamId)));
					markPending(marked);
					created.users().addAll(marked);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(RoleCache.this);
					created.users().forEach((userId) -> evictQuietly(userId));
					created.teams().forEach((teamId) -> membersNow(teamId).stream()
						.filter((userId) -> !created.users().contains(userId))
						.forEach((userId) -> evictQuietly(userId)));
				}

			});
			pending = created;
		}
		return pending;
	}

	/** The team's members as committed now (after the change's transaction ended); none when PostgreSQL cannot tell. */
	private List<UUID> membersNow(UUID teamId) {
		try {
			return this.members.findMemberIds(teamId);
		}
		catch (RuntimeException ex) {
			log.warn("Members of a changed team not read for eviction: {}", ex.getClass().getSimpleName());
			return List.of();
		}
	}

	private void evictQuietly(UUID userId) {
		try {
			this.redis.execute(VersionedHash.RESET, List.of(KEY_PREFIX + userId), UUID.randomUUID().toString(),
					String.valueOf(this.ttlSeconds));
		}
		catch (RuntimeException ex) {
			// the pending mark expires by itself; until then nobody reads or fills this hash
			log.warn("Cached privileges of a user not evicted, Redis unreachable: {}", ex.getClass().getSimpleName());
		}
	}

	/** What a transaction invalidated: users marked pending, and teams whose members are evicted again at its end. */
	private record Pending(Set<UUID> users, Set<UUID> teams) {
	}

	/**
	 * The cached value of one member in one team: with the grants, what the products' API answers about the
	 * member and the team besides them (so a warm call needs no query), each part evicted by the changes of
	 * {@link RoleCacheEvictions}.
	 */
	record Cached(Team team, String memberEmail, String memberName, String memberStatus, List<TeamProduct> products,
			List<Grant> grants, Integer teamMemberCount, String homeRoles) {

		/**
		 * False for an entry written before the e-mail, status and products, or team home's member count and roles,
		 * were cached: loaded afresh.
		 */
		boolean complete() {
			return this.team != null && this.memberEmail != null && this.memberStatus != null && this.products != null
					&& this.grants != null && this.teamMemberCount != null && this.homeRoles != null;
		}

	}

}
