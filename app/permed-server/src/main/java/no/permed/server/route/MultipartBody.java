package no.permed.server.route;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body: its text fields and its files, each file already saved to a
 * temporary file. Close it to delete the temporary files (try-with-resources).
 *
 * @param fields the text fields, each given at most once
 * @param files the file parts in request order
 */
public record MultipartBody(Map<String, String> fields, List<Upload> files) implements AutoCloseable {
    public MultipartBody {
        fields = Map.copyOf(requireNonNull(fields, "fields is null"));
        files = List.copyOf(requireNonNull(files, "files is null"));
    }

    /**
     * One uploaded file.
     *
     * @param field the form field it came in
     * @param fileName the file name the client gave (without directories), for messages
     * @param path the temporary file holding its bytes
     * @param size its size in bytes
     */
    public record Upload(String field, String fileName, Path path, long size) {
    }

    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    @Override
    public void close() {
        for (Upload upload : files) {
            try {
                Files.deleteIfExists(upload.path());
            } catch (IOException ignored) {
                // the system's temporary directory is cleaned by the operating system
            }
        }
    }
}
