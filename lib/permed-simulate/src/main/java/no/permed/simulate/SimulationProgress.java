package no.permed.simulate;

/**
 * Told how far a simulation has come, for a progress bar. Called on the simulating thread: first with
 * {@code sitesWritten = 0} once the reference is read and the total is known, then every few hundred sites, and
 * last with {@code sitesWritten == totalSites} when every record is written (the file is renamed into place
 * after that). Keep it quick.
 */
@FunctionalInterface
public interface SimulationProgress {
    /** A listener that ignores everything. */
    SimulationProgress NONE = (sitesWritten, totalSites) -> { };

    void update(long sitesWritten, long totalSites);
}
