package com.aventian.portal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequiredSettingsTests {

	@Test
	void theProductionEntryPointWithoutADatasourceUrlStopsWithAMessageNamingTheProperty() {
		assertThatThrownBy(() -> AventianApplication.main(new String[] { "--server.port=0" }))
			.hasMessageContaining("spring.datasource.url");
	}

}
