package no.permed.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.permed.app.cli.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * permed as separate operating-system processes, the way an operator runs it: the embedded
 * PostgreSQL in the data directory, a second process on the same directory refused, SIGTERM
 * stopping everything cleanly, and the development issuer refused off loopback.
 */
class ProcessLifecycleTest {
    private static final Pattern READY = Pattern.compile("permed is ready at (http://127\\.0\\.0\\.1:[0-9]+)");

    @TempDir
    Path temporary;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void embeddedDefaultSecondProcessRefusedAndGracefulShutdown() throws Exception {
        Path data = temporary.resolve("data");
        Process first = permed("serve", "--port", "0", "--data", data.toString());
        String baseUrl = awaitReady(first);

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(data.resolve("postgres/PG_VERSION")).exists();
        assertThat(data.resolve("keys/pseudonym.keys")).exists();

        Process second = permed("serve", "--port", "0", "--data", data.toString());
        CompletableFuture<String> secondErrors = readAll(second.getErrorStream());
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(secondErrors.get(10, TimeUnit.SECONDS)).contains("is in use by another permed process");

        first.destroy(); // SIGTERM
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("stops within the grace period").isTrue();
        assertThat(data.resolve("postgres/postmaster.pid")).as("PostgreSQL stopped cleanly").doesNotExist();
        assertThat(Files.readString(data.resolve(".permed.lock")).trim()).isNotEmpty();
    }

    @Test
    void theDevelopmentIssuerRefusesANonLoopbackAddress() throws Exception {
        Process process = permed("serve", "--demo", "--host", "0.0.0.0", "--port", "0",
                "--data", temporary.resolve("exposed").toString());
        CompletableFuture<String> errors = readAll(process.getErrorStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotEqualTo(ExitCodes.OK);
        assertThat(errors.get(10, TimeUnit.SECONDS)).contains("development").contains("0.0.0.0");
        assertThat(temporary.resolve("exposed/postgres")).as("nothing was started").doesNotExist();
    }

    private Process permed(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(temporary.toFile()).start();
        processes.add(process);
        return process;
    }

    /** Reads the process's standard output until it says where it is ready. */
    private static String awaitReady(Process process) throws Exception {
        CompletableFuture<String> errors = readAll(process.getErrorStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String url = ready.get(120, TimeUnit.SECONDS);
        if (url == null) {
            throw new AssertionError("permed did not become ready; its log:\n" + errors.getNow("(not finished)"));
        }
        return url;
    }

    private static CompletableFuture<String> readAll(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
