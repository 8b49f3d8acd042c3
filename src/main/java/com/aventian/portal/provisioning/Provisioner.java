package com.aventian.portal.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import com.aventian.portal.crypto.Binding;
import com.aventian.portal.crypto.ConnectionCipher;
import com.aventian.portal.crypto.Sealed;
import com.aventian.portal.product.ProvisioningScripts;
import com.aventian.portal.provisioning.TenantServer.SubscriptionLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * One provisioning run of a subscription, the persisted state machine's worker. It holds the subscription's
 * advisory lock on the tenant server for the whole run (a second worker finds it taken and leaves), then
 * walks the steps of {@link ProvisioningStep}; each step looks at the catalog before it acts, so a run
 * after a crash at any point converges on one database (or schema, see {@link Isolation}) and one login. A new
 * password is set on every run and lives in memory only until it is stored encrypted. An error ends the run as
 * {@code FAILED} with the reason; a crash (the process gone) leaves the row {@code PROVISIONING} and the job is run
 * again.
 */
@Component
class Provisioner {

	private static final Logger log = LoggerFactory.getLogger(Provisioner.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SubscriptionMapper mapper;

	private final SubscriptionStates states;

	private final TenantServer tenant;

	private final ProvisioningScripts scripts;

	private final ConnectionCipher cipher;

	private final JsonMapper json;

	Provisioner(SubscriptionMapper mapper, SubscriptionStates states, TenantServer tenant, ProvisioningScripts scripts,
			ConnectionCipher cipher, JsonMapper json) {
		this.mapper = mapper;
		this.states = states;
		this.tenant = tenant;
		this.scripts = scripts;
		this.cipher = cipher;
		this.json = json;
	}

	void run(UUID subscriptionId) {
		run(subscriptionId, StepHook.NONE);
	}

	void run(UUID subscriptionId, StepHook hook) {
		Optional<Subscription> found = this.mapper.findSubscription(subscriptionId);
		if (found.isEmpty() || !Subscription.PROVISIONING.equals(found.get().status())) {
			return;
		}
		Subscription subscription = found.get();
		char[] password = newPassword();
		try (Connection admin = this.tenant.admin(); SubscriptionLock locked = this.tenant.lock(admin, subscriptionId)) {
			// read again under the lock: the other worker may have finished it meanwhile
			subscription = this.mapper.findSubscription(subscriptionId).orElse(subscription);
			if (!Subscription.PROVISIONING.equals(subscription.status())
					|| !this.states.started(subscription, this.tenant.namesFor(subscriptionId))) {
				return;
			}
			// where the objects go, as the first run recorded it: a rerun never makes them a second time elsewhere
			subscription = this.mapper.findSubscription(subscriptionId).orElse(subscription);
			String script = script(subscription);
			TenantNames names = subscription.names();
			this.tenant.ensureRole(admin, names, password);
			done(subscription, ProvisioningStep.ROLE, hook);
			this.tenant.ensurePlace(admin, names);
			done(subscription, ProvisioningStep.DATABASE, hook);
			this.tenant.restrictAccess(admin, names);
			done(subscription, ProvisioningStep.ACCESS, hook);
			if (script != null) {
				this.tenant.runScript(names, password, script);
			}
			done(subscription, ProvisioningStep.SCRIPT, hook);
			if (!this.states.storeConnection(subscription, seal(subscription, names, password))) {
				return;
			}
			hook.after(ProvisioningStep.CONNECTION);
			if (this.states.activate(subscription)) {
				hook.after(ProvisioningStep.ACTIVE);
				log.info("Subscription {} of team {} to {} is active", subscriptionId, subscription.teamId(),
						subscription.productCode());
			}
		}
		catch (SubscriptionBusyException ex) {
			throw ex;
		}
		catch (SQLException | IOException | RuntimeException ex) {
			String reason = reason(ex);
			log.warn("Provisioning of subscription {} failed: {}", subscriptionId, reason);
			this.states.failed(subscription, reason);
		}
		finally {
			Arrays.fill(password, '\0');
		}
	}

	private void done(Subscription subscription, ProvisioningStep step, StepHook hook) {
		this.states.stepDone(subscription, step);
		hook.after(step);
	}

	/** The product's script, read before anything is made; none when the product has no database tables. */
	private String script(Subscription subscription) throws IOException {
		String path = subscription.provisioningScriptPath();
		if (path == null || path.isBlank()) {
			return null;
		}
		Optional<String> problem = this.scripts.problemWith(path);
		if (problem.isPresent()) {
			throw new IOException("The product's set-up script cannot be used: " + problem.get());
		}
		return Files.readString(this.scripts.resolve(path), StandardCharsets.UTF_8);
	}

	private Sealed seal(Subscription subscription, TenantNames names, char[] password) {
		DbConnection connection = this.tenant.connection(names, new String(password));
		byte[] plain = this.json.writeValueAsBytes(connection);
		try {
			return this.cipher.seal(plain, new Binding(subscription.teamId(), subscription.productId(), subscription.id()));
		}
		finally {
			Arrays.fill(plain, (byte) 0);
		}
	}

	private static char[] newPassword() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
	}

	/** In words for the team's page: the server's message for SQL errors, never a password (none is in them). */
	private static String reason(Exception ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		String prefix = (ex instanceof SQLException sql) ? "The database server refused a step (" + sql.getSQLState() + "): "
				: "";
		String reason = prefix + message.strip();
		return (reason.length() > 2000) ? reason.substring(0, 2000) : reason;
	}

	/** Called after each completed step; tests inject a crash here. */
	@FunctionalInterface
	interface StepHook {

		StepHook NONE = (step) -> {
		};

		void after(ProvisioningStep step);

	}

}
