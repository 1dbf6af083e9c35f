package no.permed.server.internal;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids: a caller's {@code X-Request-Id} is kept when it is 1 to 64 characters of
 * {@code A-Z a-z 0-9 . _ -}, so that a request can be followed across systems; otherwise a new
 * random one is made. Nothing else from the header reaches the logs.
 */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {}

    static String acceptOrGenerate(String fromCaller) {
        if (fromCaller != null && ACCEPTED.matcher(fromCaller).matches()) {
            return fromCaller;
        }
        return random();
    }

    /**
     * A random version-4 UUID from the thread's own generator. A request id only has to be unique, not secret, and
     * {@link UUID#randomUUID()} draws from one shared SecureRandom that every request thread queues for: at thousands
     * of requests per second (the public Beacon) that lock shows in the latency (bench/beacon.sh).
     */
    static String random() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
