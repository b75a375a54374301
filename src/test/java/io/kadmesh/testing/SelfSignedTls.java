package io.kadmesh.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A TLS server socket on 127.0.0.1, at a free port, whose certificate is self-signed: a fresh EC key for
 * {@code localhost} and {@code 127.0.0.1}, made by the JDK's keytool. No client trusts it, which is the
 * point: serve it with {@link FakeServer} to stand for an endpoint with an untrusted certificate.
 */
public final class SelfSignedTls {

    private static final char[] PASSWORD = "diagnose".toCharArray();

    private SelfSignedTls() {
    }

    /** Listens on 127.0.0.1 with a certificate made into a key store in {@code dir}. */
    public static SSLServerSocket listen(Path dir) throws Exception {
        SSLContext context = serverContext(selfSigned(dir.resolve("server.p12")));
        return (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
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
