package no.permed.frequency.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import no.permed.frequency.AccessTier;
import org.junit.jupiter.api.Test;

class PrivacySettingsTest {
    @Test
    void everyDefaultIsPinned() {
        PrivacySettings defaults = PrivacySettings.defaults();
        assertThat(defaults.tier(AccessTier.PUBLIC)).isEqualTo(new PrivacySettings.TierRules(50, 5, false, 1_000, Duration.ofHours(24), true));
        assertThat(defaults.tier(AccessTier.REGISTERED)).isEqualTo(new PrivacySettings.TierRules(20, 0, false, 10_000, Duration.ofHours(24), false));
        assertThat(defaults.tier(AccessTier.CONTROLLED)).isEqualTo(new PrivacySettings.TierRules(1, 0, true, 100_000, Duration.ofHours(24), false));
        assertThat(defaults.membership()).isEqualTo(new PrivacySettings.MembershipDefence(10, 0.3));
        assertThat(defaults.maximumClients()).isEqualTo(100_000);
        assertThat(PrivacySettings.fromProperties(Map.of())).isEqualTo(defaults);
    }

    @Test
    void everyKeyIsReadFromProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("beacon.public.minimum-samples", "100");
        properties.put("beacon.public.band-below", "10");
        properties.put("beacon.public.sample-level", "false");
        properties.put("beacon.public.query-budget", "200");
        properties.put("beacon.public.query-window", "1h");
        properties.put("beacon.public.membership-defence", "false");
        properties.put("beacon.registered.minimum-samples", "30");
        properties.put("beacon.registered.band-below", "3");
        properties.put("beacon.registered.sample-level", "true");
        properties.put("beacon.registered.query-budget", "5000");
        properties.put("beacon.registered.query-window", "PT30M");
        properties.put("beacon.registered.membership-defence", "TRUE");
        properties.put("beacon.controlled.minimum-samples", "2");
        properties.put("beacon.controlled.band-below", "2");
        properties.put("beacon.controlled.sample-level", "false");
        properties.put("beacon.controlled.query-budget", "7");
        properties.put("beacon.controlled.query-window", "2d");
        properties.put("beacon.controlled.membership-defence", "true");
        properties.put("beacon.membership.rare-allele-count", "20");
        properties.put("beacon.membership.individual-budget", "2.5");
        properties.put("beacon.query-budget.maximum-clients", "5000");
        assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(PrivacySettings.KEYS);

        PrivacySettings settings = PrivacySettings.fromProperties(properties);

        assertThat(settings.publicTier()).isEqualTo(new PrivacySettings.TierRules(100, 10, false, 200, Duration.ofHours(1), false));
        assertThat(settings.registered()).isEqualTo(new PrivacySettings.TierRules(30, 3, true, 5000, Duration.ofMinutes(30), true));
        assertThat(settings.controlled()).isEqualTo(new PrivacySettings.TierRules(2, 2, false, 7, Duration.ofDays(2), true));
        assertThat(settings.membership()).isEqualTo(new PrivacySettings.MembershipDefence(20, 2.5));
        assertThat(settings.maximumClients()).isEqualTo(5000);
    }

    @Test
    void anUnknownKeyIsRefusedWithItsName() {
        assertThatThrownBy(() -> PrivacySettings.fromProperties(Map.of("beacon.public.minimum-sample", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown privacy setting beacon.public.minimum-sample")
                .hasMessageContaining("beacon.public.minimum-samples");
    }

    @Test
    void badValuesAreRefusedWithTheKeyNamed() {
        assertRefused("beacon.public.minimum-samples", "0", "beacon.public.minimum-samples must be between 1 and 1000000 but is 0");
        assertRefused("beacon.registered.minimum-samples", "many", "beacon.registered.minimum-samples is not valid: expected a whole number but got 'many'");
        assertRefused("beacon.public.band-below", "1", "beacon.public.band-below must be 0 (exact counts) or between 2 and 1000 but is 1");
        assertRefused("beacon.controlled.band-below", "-3", "beacon.controlled.band-below must be 0");
        assertRefused("beacon.public.sample-level", "true", "beacon.public.sample-level must be false");
        assertRefused("beacon.registered.sample-level", "yes", "beacon.registered.sample-level is not valid: expected true or false but got 'yes'");
        assertRefused("beacon.public.query-budget", "0", "beacon.public.query-budget must be at least 1 but is 0");
        assertRefused("beacon.public.query-window", "0s", "beacon.public.query-window must be between 1 second and 31 days but is PT0S");
        assertRefused("beacon.public.query-window", "32d", "beacon.public.query-window must be between 1 second and 31 days");
        assertRefused("beacon.public.query-window", "a day", "beacon.public.query-window is not valid: expected a duration such as PT24H or 24h but got 'a day'");
        assertRefused("beacon.public.query-window", "PT", "beacon.public.query-window is not valid");
        assertRefused("beacon.public.membership-defence", "on", "beacon.public.membership-defence is not valid: expected true or false but got 'on'");
        assertRefused("beacon.membership.rare-allele-count", "0", "beacon.membership.rare-allele-count must be between 1 and 1000 but is 0");
        assertRefused("beacon.membership.individual-budget", "0", "beacon.membership.individual-budget must be a number above 0 but is 0.0");
        assertRefused("beacon.membership.individual-budget", "NaN", "beacon.membership.individual-budget is not valid: expected a number but got 'NaN'");
        assertRefused("beacon.membership.individual-budget", "Infinity", "beacon.membership.individual-budget must be a number above 0 but is Infinity");
        assertRefused("beacon.query-budget.maximum-clients", "99", "beacon.query-budget.maximum-clients must be at least 100 but is 99");
    }

    @Test
    void constructorsValidateToo() {
        PrivacySettings defaults = PrivacySettings.defaults();
        assertThatThrownBy(() -> defaults.withTier(AccessTier.CONTROLLED, defaults.controlled().withMinimumSamples(0)))
                .hasMessage("beacon.controlled.minimum-samples must be between 1 and 1000000 but is 0");
        assertThatThrownBy(() -> defaults.withMembership(new PrivacySettings.MembershipDefence(10, -1)))
                .hasMessage("beacon.membership.individual-budget must be a number above 0 but is -1.0");
        assertThat(defaults.withMaximumClients(100).maximumClients()).isEqualTo(100);
    }

    private static void assertRefused(String key, String value, String message) {
        assertThatThrownBy(() -> PrivacySettings.fromProperties(Map.of(key, value)))
                .as("%s=%s", key, value)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
