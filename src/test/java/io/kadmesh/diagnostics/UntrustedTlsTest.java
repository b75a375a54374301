package io.kadmesh.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.kadmesh.testing.FakeServer;
import io.kadmesh.testing.SelfSignedTls;

/** A wss:// endpoint whose certificate is self-signed: the diagnosis names the TLS step and the trust. */
@Timeout(60)
class UntrustedTlsTest {

    @Test
    void aSelfSignedCertificateIsNotTrusted(@TempDir Path dir) throws Exception {
        try (FakeServer server = new FakeServer(SelfSignedTls.listen(dir), FakeServer::switchProtocols)) {
            Endpoint endpoint = Endpoint.parse(Endpoint.Role.NODE, "wss://localhost:" + server.port() + "/dht");
            PathReport path = new Diagnosis(List.of(endpoint), new Bounds(Duration.ofSeconds(3), Duration.ofSeconds(5)))
                    .run().paths().get(0);

            assertEquals(Step.TLS, path.finding().step(), path.toString());
            assertTrue(path.finding().cause().startsWith("the server's certificate is not trusted"),
                    path.finding().cause());
            assertTrue(path.finding().next().contains("trust store"), path.finding().next());
        }
    }
}
