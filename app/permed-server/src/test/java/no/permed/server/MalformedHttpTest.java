package no.permed.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import no.permed.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests so malformed that Jetty refuses them before routing still get the JSON error format. */
class MalformedHttpTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void badPathEncodingIs400InTheErrorFormat() throws IOException {
        String response = exchange("GET /api/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertJsonError(response);
    }

    @Test
    void oversizedHeadersAre400InTheErrorFormat() throws IOException {
        String response = exchange("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertJsonError(response);
    }

    @Test
    void garbageRequestLineIs400InTheErrorFormat() throws IOException {
        assertJsonError(exchange("NONSENSE\r\n\r\n"));
    }

    private static void assertJsonError(String response) {
        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(response).containsIgnoringCase("Content-Type: application/json");
        assertThat(response).containsIgnoringCase("X-Request-Id: ");
        assertThat(response).containsIgnoringCase("X-Content-Type-Options: nosniff");
        assertThat(response).contains("{\"code\":\"SERVER_BAD_REQUEST\",\"message\":\"The HTTP request could not be read");
        assertThat(response).doesNotContain("<html", "Jetty");
    }

    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(5000);
            OutputStream output = socket.getOutputStream();
            output.write(request.getBytes(StandardCharsets.ISO_8859_1));
            output.flush();
            InputStream input = socket.getInputStream();
            return new String(input.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
