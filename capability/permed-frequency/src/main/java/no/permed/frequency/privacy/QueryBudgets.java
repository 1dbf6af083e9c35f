package no.permed.frequency.privacy;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import no.permed.frequency.AccessTier;

/**
 * Per-client query counts in a sliding window, per tier.
 *
 * <p>The window is the usual sliding-window counter: a client's count in the current fixed window plus its count in the
 * previous one, weighted by how much of the previous window still lies inside the sliding window. It needs two numbers
 * per client (no list of time stamps), never lets more than the budget through in any window's length, and does not
 * allow the burst of twice the budget across a fixed window's edge.
 *
 * <p>Memory is bounded: when more than the maximum number of clients are held, the clients whose windows have passed
 * are forgotten, then, if still too many, those seen longest ago, down to 90 % of the maximum. A forgotten client
 * starts afresh, so the maximum should be well above the number of clients active within one window.
 */
final class QueryBudgets {
    private final PrivacySettings settings;
    private final Clock clock;
    private final Map<Key, Window> windows = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();

    QueryBudgets(PrivacySettings settings, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Counts {@code queries} queries of the client. Returns 0 when they fit in the budget; otherwise counts nothing and
     * returns the whole seconds after which they would fit (at least 1).
     */
    long charge(AccessTier tier, String client, int queries) {
        PrivacySettings.TierRules rules = settings.tier(tier);
        long windowMillis = rules.queryWindow().toMillis();
        int budget = rules.queryBudget();
        long now = clock.millis();
        long[] retryAfter = {0};
        windows.compute(new Key(tier, client), (key, window) -> {
            Window current = window == null ? new Window() : window;
            current.advance(now, windowMillis);
            long waitMillis = current.waitMillis(now, windowMillis, budget, queries);
            if (waitMillis == 0) {
                current.count += queries;
            } else {
                retryAfter[0] = Math.max(1, (waitMillis + 999) / 1000);
            }
            current.lastSeen = now;
            return current;
        });
        if (windows.size() > settings.maximumClients()) {
            evict(now);
        }
        return retryAfter[0];
    }

    /** How many clients are held (for tests and the status page). */
    int clients() {
        return windows.size();
    }

    private void evict(long now) {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            int target = settings.maximumClients() * 9 / 10;
            windows.entrySet().removeIf(entry -> {
                long windowMillis = settings.tier(entry.getKey().tier()).queryWindow().toMillis();
                return now - entry.getValue().lastSeen >= 2 * windowMillis;
            });
            if (windows.size() <= target) {
                return;
            }
            List<Map.Entry<Key, Long>> bySeen = new ArrayList<>();
            windows.forEach((key, window) -> bySeen.add(Map.entry(key, window.lastSeen)));
            bySeen.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
            int excess = windows.size() - target;
            for (int index = 0; index < excess && index < bySeen.size(); index++) {
                windows.remove(bySeen.get(index).getKey());
            }
        } finally {
            sweeping.unlock();
        }
    }

    private record Key(AccessTier tier, String client) {
        Key {
            requireNonNull(tier, "tier is null");
            requireNonNull(client, "client is null");
        }
    }

    /** One client's counts: changed only inside {@code ConcurrentHashMap.compute}, so never by two threads at once. */
    private static final class Window {
        long index = Long.MIN_VALUE;
        int previous;
        int count;
        long lastSeen;

        void advance(long now, long windowMillis) {
            long nowIndex = Math.floorDiv(now, windowMillis);
            if (nowIndex == index) {
                return;
            }
            previous = nowIndex == index + 1 ? count : 0;
            count = 0;
            index = nowIndex;
        }

        /** 0 when {@code queries} more fit now, otherwise how long until they do (very long if they never can). */
        long waitMillis(long now, long windowMillis, int budget, int queries) {
            long elapsed = now - index * windowMillis;
            double previousWeight = 1.0 - (double) elapsed / windowMillis;
            if (previous * previousWeight + count + queries <= budget) {
                return 0;
            }
            if (queries > budget) {
                return windowMillis * 2;
            }
            if (count + queries <= budget) {
                // wait until enough of the previous window has slid out
                double needed = windowMillis * (1.0 - (double) (budget - queries - count) / previous);
                return Math.max(1, (long) Math.ceil(needed - elapsed));
            }
            // wait for the next window, then until enough of this one has slid out
            double needed = windowMillis * (1.0 - (double) (budget - queries) / count);
            return Math.max(1, (windowMillis - elapsed) + (long) Math.ceil(needed));
        }
    }
}
