package no.permed.frequency.beacon;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import no.permed.frequency.AccessTier;

/**
 * Who asks the Beacon: the tier of an anonymous ({@link AccessTier#PUBLIC}) or authenticated
 * ({@link AccessTier#REGISTERED}) caller, the datasets they hold a permit for (answered at
 * {@link AccessTier#CONTROLLED}), and the client the query budget is charged to.
 *
 * @param baseTier PUBLIC or REGISTERED
 * @param client the user id of an authenticated caller, else the caller's address
 * @param permittedDatasets the datasets the caller holds a current permit for (empty for anonymous callers)
 */
public record BeaconCaller(AccessTier baseTier, String client, Set<String> permittedDatasets) {
    public BeaconCaller {
        requireNonNull(baseTier, "baseTier is null");
        requireNonNull(client, "client is null");
        permittedDatasets = Set.copyOf(requireNonNull(permittedDatasets, "permittedDatasets is null"));
        if (baseTier == AccessTier.CONTROLLED) {
            throw new IllegalArgumentException("the base tier is PUBLIC or REGISTERED; CONTROLLED comes from the permits");
        }
        if (baseTier == AccessTier.PUBLIC && !permittedDatasets.isEmpty()) {
            throw new IllegalArgumentException("an anonymous caller holds no permits");
        }
    }

    /** An anonymous caller from {@code address}. */
    public static BeaconCaller anonymous(String address) {
        return new BeaconCaller(AccessTier.PUBLIC, address, Set.of());
    }

    /** An authenticated user holding permits for {@code permittedDatasets}. */
    public static BeaconCaller registered(String userId, Set<String> permittedDatasets) {
        return new BeaconCaller(AccessTier.REGISTERED, userId, permittedDatasets);
    }

    /** The tier at which {@code dataset} is shown to this caller. */
    public AccessTier tierFor(String dataset) {
        return permittedDatasets.contains(dataset) ? AccessTier.CONTROLLED : baseTier;
    }
}
