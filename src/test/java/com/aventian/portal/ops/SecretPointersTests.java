package com.aventian.portal.ops;

import java.util.Map;

import com.aventian.portal.PortalTest;
import com.aventian.portal.crypto.ConnectionCipher;
import com.aventian.portal.crypto.KeysetSecretVersion;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** tbl_secret_pointers says which secret and version the running portal uses, and never a value. */
@PortalTest
// the same context as MetricsScrapeTests and EdgeSecurityTests
@TestPropertySource(properties = "aventian.management.scrape-token=" + MetricsScrapeTests.SCRAPE_TOKEN)
class SecretPointersTests {

	@Autowired
	SecretPointerMapper mapper;

	@Autowired
	Environment environment;

	@Autowired
	ConnectionCipher cipher;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void theSecretsInUseAreRecordedByNameAndVersionAndARotationMovesTheVersion() {
		SecretPointers pointers = new SecretPointers(this.mapper, this.environment, this.cipher, this.transactions);

		// given an instance that read version 2 of the password and 7 of the user name
		pointers.record(Map.of("database-password",
				new SecretPointers.InUse("projects/avn-test/secrets/portal-db-password", "2"), "database-username",
				new SecretPointers.InUse("projects/avn-test/secrets/portal-db-user", "7")));
		// when the password is rotated and an instance starts with version 3
		pointers.record(Map.of("database-password", new SecretPointers.InUse("projects/avn-test/secrets/portal-db-password", "3")));

		// then the table names each secret once, with the version in use, and what it is for
		assertThat(this.mapper.findPointers()).contains(
				new SecretPointerMapper.SecretPointer("database-password", "projects/avn-test/secrets/portal-db-password", "3",
						"spring.datasource.password"),
				new SecretPointerMapper.SecretPointer("database-username", "projects/avn-test/secrets/portal-db-user", "7",
						"spring.datasource.username"));
	}

	@Test
	void theKeysetsSecretVersionIsRecordedWheneverTheKeysetMovesToANewOne() {
		// given the keyset held in Secret Manager at version 4
		this.events.publishEvent(new KeysetSecretVersion("projects/avn-test/secrets/portal-keyset", "4"));

		// when a rotation (here or on another instance) adds version 5
		this.events.publishEvent(new KeysetSecretVersion("projects/avn-test/secrets/portal-keyset", "5"));

		// then the pointer names the secret and the version in use, never the keyset
		assertThat(this.mapper.findPointers()).contains(new SecretPointerMapper.SecretPointer(KeysetSecretVersion.POINTER,
				"projects/avn-test/secrets/portal-keyset", "5", KeysetSecretVersion.PURPOSE));
	}

}
