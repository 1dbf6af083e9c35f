package no.permed.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path temporary;

    @Test
    void createsTheDirectoryAndWritesTheProcessId() throws Exception {
        Path root = temporary.resolve("a/b/data");
        try (DataDirectory directory = DataDirectory.open(root)) {
            assertThat(directory.root()).isEqualTo(root.toAbsolutePath().normalize());
            assertThat(Files.readString(root.resolve(DataDirectory.LOCK_FILE)).trim())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(directory.subdirectory("keys")).isDirectory();
        }
    }

    @Test
    void aSecondUserOfTheSameDirectoryIsRefusedWithAClearError() {
        try (DataDirectory first = DataDirectory.open(temporary)) {
            assertThatThrownBy(() -> DataDirectory.open(temporary))
                    .isInstanceOf(PermedException.class)
                    .hasMessageContaining("is in use by another permed process")
                    .hasMessageContaining("--data")
                    .extracting(error -> ((PermedException) error).errorCode())
                    .isEqualTo(DbErrorCode.DATA_DIRECTORY_IN_USE);
            assertThat(first.root()).exists();
        }
    }

    @Test
    void theLockIsReleasedOnClose() {
        DataDirectory.open(temporary).close();
        try (DataDirectory again = DataDirectory.open(temporary)) {
            assertThat(again.root()).exists();
        }
    }

    @Test
    void anUncreatableDirectoryIsReportedWithItsPath() throws Exception {
        Path file = Files.writeString(temporary.resolve("plain-file"), "x");
        assertThatThrownBy(() -> DataDirectory.open(file.resolve("below")))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining(file.resolve("below").toString())
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(DbErrorCode.DATA_DIRECTORY_UNUSABLE);
    }
}
