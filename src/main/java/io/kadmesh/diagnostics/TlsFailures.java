package io.kadmesh.diagnostics;

import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLHandshakeException;

import io.kadmesh.spi.transport.Failures;

/** What a failed TLS handshake most likely means, from the exception the JDK threw. */
final class TlsFailures {

    private TlsFailures() {
    }

    /** A cause and a next step. */
    record Verdict(String cause, String next) {
    }

    static Verdict judge(IOException failure, Endpoint endpoint) {
        String message = Failures.rootMessage(failure);
        if (Failures.find(failure, CertPathBuilderException.class) != null || message.contains("PKIX path")) {
            return new Verdict("the server's certificate is not trusted (" + message + "): it is self-signed, or signed"
                    + " by a certificate authority this machine does not trust",
                    "give the server a certificate from a trusted authority, or add its authority to this client's"
                            + " trust store (-Djavax.net.ssl.trustStore=...)");
        }
        if (Failures.find(failure, CertificateException.class) != null) {
            return new Verdict("the server's certificate does not name " + endpoint.host() + " (" + message + ")",
                    "dial the host name the certificate names, or give the server a certificate for this one");
        }
        if (message.contains("plaintext connection") || message.contains("Unsupported or unrecognized SSL message")) {
            return new Verdict("the port does not speak TLS: it answered in plain text",
                    "dial ws:// instead of wss://");
        }
        if (failure instanceof SSLHandshakeException) {
            return new Verdict("the TLS handshake failed: " + message, "check the server's TLS versions and ciphers");
        }
        return new Verdict("the connection failed during the TLS handshake: " + message,
                "check what listens on the port; if it does not take TLS, dial ws://");
    }

}
