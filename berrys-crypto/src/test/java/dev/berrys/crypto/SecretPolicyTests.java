package dev.berrys.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berrys.crypto.SecretPolicy.Secrets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretPolicyTests {
    private static final String STRONG_SECRET = "kq3N0yZ8vV1rT6pL2mX9aB4cD7eF5gH0jK";
    private static final String STRONG_KEY = Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32
    });

    @Test
    void theValuesTheComposeFileUsedToDefaultToAreRefused() {
        var published = new Secrets(
                "berrys-insecure-dev-service-secret",
                "YmVycnlzLWluc2VjdXJlLWRldi1rZXktMzItYnl0ZXM=",
                "berrys-insecure-dev-password");

        assertThat(SecretPolicy.problems(published))
                .containsExactly(
                        "BERRYS_SERVICE_CLIENT_SECRET is a value published in the Berrys repository",
                        "BERRYS_ENCRYPTION_KEY is a value published in the Berrys repository",
                        "BERRYS_DB_PASSWORD is a value published in the Berrys repository");
        assertThatThrownBy(() -> SecretPolicy.enforce(published, false, w -> {}))
                .isInstanceOf(SecretPolicy.InsecureSecrets.class)
                .hasMessageContaining("Refusing to start")
                .hasMessageContaining("BERRYS_INSECURE_TRIAL=true")
                .hasMessageNotContaining("berrys-insecure-dev-service-secret")
                .hasMessageNotContaining("YmVycnlzLWluc2VjdXJlLWRldi1rZXktMzItYnl0ZXM=");
    }

    @Test
    void thePublishedKeyWrittenWithoutPaddingIsStillThePublishedKey() {
        assertThat(SecretPolicy.problems(new Secrets(null, "YmVycnlzLWluc2VjdXJlLWRldi1rZXktMzItYnl0ZXM", null)))
                .containsExactly("BERRYS_ENCRYPTION_KEY is a value published in the Berrys repository");
    }

    @Test
    void aShortServiceSecretAndAKeyOfTheWrongSizeAreRefused() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);
        assertThat(SecretPolicy.problems(new Secrets("only-31-characters-long-secret!", sixteenBytes, null)))
                .containsExactly(
                        "BERRYS_SERVICE_CLIENT_SECRET is shorter than 32 characters",
                        "BERRYS_ENCRYPTION_KEY is not the base64 of 32 bytes");
        assertThat(SecretPolicy.problems(new Secrets(null, "not base64 at all!", null)))
                .containsExactly("BERRYS_ENCRYPTION_KEY is not the base64 of 32 bytes");
    }

    @Test
    void strongAndUnsetSecretsPass() {
        assertThat(SecretPolicy.problems(new Secrets(STRONG_SECRET, STRONG_KEY, "a-real-db-password")))
                .isEmpty();
        assertThat(SecretPolicy.problems(new Secrets("", " ", null))).isEmpty();
    }

    @Test
    void theTrialSwitchLetsThemPassWithAWarningThatNamesNoValue() {
        List<String> warnings = new ArrayList<>();
        SecretPolicy.enforce(new Secrets("berrys-insecure-dev-service-secret", null, null), true, warnings::add);

        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .contains("BERRYS_INSECURE_TRIAL=true", "BERRYS_SERVICE_CLIENT_SECRET")
                .doesNotContain("berrys-insecure-dev-service-secret"));
    }
}
