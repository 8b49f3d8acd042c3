package com.aventian.portal.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one normal form of an address. */
class EmailAddressTests {

	@Test
	void trimsAndLowerCases() {
		assertThat(EmailAddress.normalize("  Iris.Ng@Example.COM \t")).isEqualTo("iris.ng@example.com");
	}

	@Test
	void theDottedCapitalIIsAPlainI() {
		assertThat(EmailAddress.normalize("İris@x.com")).isEqualTo("iris@x.com");
		assertThat(EmailAddress.normalize("I\u0307ris@x.com")).isEqualTo("iris@x.com");
	}

	@Test
	void compatibilityFormsBecomeTheirPlainLetters() {
		assertThat(EmailAddress.normalize("ｉｒｉｓ@ｘ.com")).isEqualTo("iris@x.com");
		assertThat(EmailAddress.normalize("ﬁona@x.com")).isEqualTo("fiona@x.com");
	}

	@Test
	void isStable() {
		for (String email : new String[] { "İRİS@X.COM", "ÅSA@x.com", "Ǆemal@x.com", "ß@x.com", "ΣΙΣ@x.gr" }) {
			String once = EmailAddress.normalize(email);
			assertThat(EmailAddress.normalize(once)).as(email).isEqualTo(once);
		}
	}

	@Test
	void keepsNullAbsent() {
		assertThat(EmailAddress.normalize(null)).isNull();
	}

}
