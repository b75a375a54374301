package io.kadmesh.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A wss:// endpoint whose certificate is self-signed: the diagnosis names the TLS step and the trust. */
@Timeout(60)
class UntrustedTlsTest {

    private static final char[] PASSWORD = "diagnose".toCharArray();

    @Test
    void aSelfSignedCertificateIsNotTrusted(@TempDir Path dir) throws Exception {
        SSLContext context = serverContext(selfSigned(dir.resolve("server.p12")));
        SSLServerSocket listening = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        try (FakeServer server = new FakeServer(listening, FakeServer::switchProtocols)) {
            Endpoint endpoint = Endpoint.parse(Endpoint.Role.NODE, "wss://localhost:" + server.port() + "/dht");
            PathReport path = new Diagnosis(List.of(endpoint), new Bounds(Duration.ofSeconds(3), Duration.ofSeconds(5)))
                    .run().paths().get(0);

            assertEquals(Step.TLS, path.finding().step(), path.toString());
            assertTrue(path.finding().cause().startsWith("the server's certificate is not trusted"),
                    path.finding().cause());
            assertTrue(path.finding().next().contains("trust store"), path.finding().next());
        }
    }

    /** A PKCS#12 key store with a fresh self-signed key for localhost, made by the JDK's keytool. */
    private static Path selfSigned(Path store) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass",
                new String(PASSWORD)).redirectErrorStream(true).start();
        try (InputStream output = process.getInputStream()) {
            output.readAllBytes();
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool failed");
        assertTrue(Files.size(store) > 0);
        return store;
    }

    private static SSLContext serverContext(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }
}
