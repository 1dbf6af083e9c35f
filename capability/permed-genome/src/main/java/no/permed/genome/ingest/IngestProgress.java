package no.permed.genome.ingest;

/** Told how far an ingest has come, for a progress bar. Called from the ingesting thread. */
public interface IngestProgress {
    IngestProgress NONE = (file, bytesRead, totalBytes) -> { };

    /**
     * @param file the display name of the file being read
     * @param bytesRead bytes of all files read so far (compressed bytes for compressed files)
     * @param totalBytes bytes of all files together
     */
    void progress(String file, long bytesRead, long totalBytes);
}
