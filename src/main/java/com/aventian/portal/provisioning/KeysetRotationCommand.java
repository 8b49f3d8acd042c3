package com.aventian.portal.provisioning;

import com.aventian.portal.product.PlatformAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code --aventian.command=rotate-keyset} (see {@code PortalCommands}): the rotation of the platform admin's
 * {@code /admin/encryption} page without a browser, for an operator or a scheduled rotation. It adds a new
 * primary key to the shared keyset, audits it with the actor "command line" and schedules the re-encryption
 * job, which the running instances take (this process runs no jobs and exits).
 */
@Component
@ConditionalOnProperty(name = "aventian.command", havingValue = "rotate-keyset")
class KeysetRotationCommand implements ApplicationRunner {

	static final PlatformAdmin COMMAND_LINE = new PlatformAdmin(null, "command line");

	private static final Logger log = LoggerFactory.getLogger(KeysetRotationCommand.class);

	private final ConnectionRotation rotation;

	KeysetRotationCommand(ConnectionRotation rotation) {
		this.rotation = rotation;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		long key = this.rotation.rotate(COMMAND_LINE);
		log.info("Key {} is the new primary key of the keyset; the running instances re-encrypt every stored connection"
				+ " with it (job {}). Disable the older keys on /admin/encryption once none uses them.", key,
				ReencryptionJob.NAME);
	}

}
