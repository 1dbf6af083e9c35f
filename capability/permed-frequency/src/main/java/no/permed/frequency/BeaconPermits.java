package no.permed.frequency;

import java.util.Set;
import no.permed.kernel.UserId;

/**
 * Which datasets a user may see at the CONTROLLED tier: the permits a security officer granted (until permed has its
 * data-access workflow). Answers come from memory.
 */
public interface BeaconPermits {
    /** The datasets {@code user} holds a current permit for. */
    Set<String> datasetsOf(UserId user);

    /** Nobody holds a permit. */
    BeaconPermits NONE = user -> Set.of();
}
