package no.permed.frequency.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import no.permed.frequency.AccessTier;
import no.permed.frequency.FrequencyErrorCode;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;

class QueryBudgetsTest {
    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static PrivacySettings tenPerMinute() {
        PrivacySettings defaults = PrivacySettings.defaults();
        return defaults.withTier(AccessTier.PUBLIC, defaults.publicTier().withQueryBudget(10, Duration.ofMinutes(1)));
    }

    @Test
    void theBudgetIsSpentThenRefusedWithRetryAfter() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        Disclosure disclosure = new Disclosure(tenPerMinute(), variant -> List.of(), clock);
        for (int query = 0; query < 10; query++) {
            disclosure.charge(AccessTier.PUBLIC, "203.0.113.7");
        }
        assertThatThrownBy(() -> disclosure.charge(AccessTier.PUBLIC, "203.0.113.7"))
                .isInstanceOfSatisfying(PermedException.class, spent -> {
                    assertThat(spent.errorCode()).isEqualTo(FrequencyErrorCode.QUERY_BUDGET_SPENT);
                    // all 10 in the current window: the next window, and then 1/10 of it must pass
                    assertThat(spent.details()).containsEntry("retryAfterSeconds", 66L);
                    assertThat(spent.getMessage()).contains("10 queries per PT1M").doesNotContain("203.0.113.7");
                });
        // another client, another tier: their own budgets
        disclosure.charge(AccessTier.PUBLIC, "203.0.113.8");
        disclosure.charge(AccessTier.REGISTERED, "203.0.113.7");
    }

    @Test
    void theWindowSlides() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        QueryBudgets budgets = new QueryBudgets(tenPerMinute(), clock);
        assertThat(budgets.charge(AccessTier.PUBLIC, "a", 10)).isZero();
        clock.advance(Duration.ofSeconds(59));
        assertThat(budgets.charge(AccessTier.PUBLIC, "a", 1)).as("same fixed window").isEqualTo(7);
        clock.advance(Duration.ofSeconds(2)); // 1 s into the next window: 10 * 59/60 still count
        assertThat(budgets.charge(AccessTier.PUBLIC, "a", 1)).isEqualTo(5);
        clock.advance(Duration.ofSeconds(6)); // 7 s in: 10 * 53/60 = 8.8 count, one more fits
        assertThat(budgets.charge(AccessTier.PUBLIC, "a", 1)).isZero();
        assertThat(budgets.charge(AccessTier.PUBLIC, "a", 1)).isPositive();
        clock.advance(Duration.ofMinutes(2)); // both windows passed: the whole budget again
        assertThat(budgets.charge(AccessTier.PUBLIC, "a", 10)).isZero();
    }

    @Test
    void aChargeOfSeveralQueriesIsAllOrNone() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        QueryBudgets budgets = new QueryBudgets(tenPerMinute(), clock);
        assertThat(budgets.charge(AccessTier.PUBLIC, "a", 8)).isZero();
        assertThat(budgets.charge(AccessTier.PUBLIC, "a", 3)).isPositive();
        assertThat(budgets.charge(AccessTier.PUBLIC, "a", 2)).isZero();
        assertThat(budgets.charge(AccessTier.PUBLIC, "b", 11)).as("more than the whole budget").isPositive();
        assertThatThrownBy(() -> new Disclosure(tenPerMinute(), variant -> List.of(), clock).charge(AccessTier.PUBLIC, "a", 0))
                .hasMessage("queries must be at least 1 but is 0");
    }

    @Test
    void clientsBeyondTheMaximumAreForgottenExpiredFirstThenLeastRecentlySeen() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        QueryBudgets budgets = new QueryBudgets(tenPerMinute().withMaximumClients(100), clock);
        for (int client = 0; client < 50; client++) {
            budgets.charge(AccessTier.PUBLIC, "old-" + client, 10);
        }
        clock.advance(Duration.ofMinutes(3)); // their windows have passed
        for (int client = 0; client < 51; client++) {
            budgets.charge(AccessTier.PUBLIC, "new-" + client, 10);
            clock.advance(Duration.ofMillis(10));
        }
        assertThat(budgets.clients()).as("the 50 expired clients forgotten").isEqualTo(51);
        for (int client = 51; client < 150; client++) {
            budgets.charge(AccessTier.PUBLIC, "new-" + client, 10);
            clock.advance(Duration.ofMillis(10));
        }
        assertThat(budgets.clients()).isLessThanOrEqualTo(100);
        // the most recent client is still held (its budget is still spent), the first forgotten
        assertThat(budgets.charge(AccessTier.PUBLIC, "new-149", 1)).isPositive();
        assertThat(budgets.charge(AccessTier.PUBLIC, "new-0", 1)).isZero();
    }

    @Test
    void concurrentChargesNeverLetMoreThanTheBudgetThrough() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        PrivacySettings defaults = PrivacySettings.defaults();
        PrivacySettings settings = defaults.withTier(AccessTier.PUBLIC, defaults.publicTier().withQueryBudget(1_000, Duration.ofHours(1)));
        QueryBudgets budgets = new QueryBudgets(settings, clock);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int query = 0; query < 500; query++) {
                        if (budgets.charge(AccessTier.PUBLIC, "shared", 1) == 0) {
                            accepted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(accepted.get()).isEqualTo(1_000);
    }
}
