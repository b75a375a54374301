package io.kadmesh.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * Git's smart HTTP protocol on 127.0.0.1, port 0: JGit's {@link GitServlet} in an embedded Jetty,
 * serving every repository under one directory at {@code /git/<name>}, push included. With a
 * password it answers 401 to any request without it (HTTP basic, any user name).
 */
public final class GitHttpServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Server server;
    private final ServerConnector connector;

    private GitHttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Serves the repositories under {@code repositories}, to anyone. */
    public static GitHttpServer start(Path repositories) throws Exception {
        return start(repositories, Optional.empty());
    }

    /** Serves the repositories under {@code repositories}, to clients that give {@code password}, if any. */
    public static GitHttpServer start(Path repositories, Optional<String> password) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(HOST);
        connector.setPort(0);
        server.addConnector(connector);
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver(new FileResolver<>(repositories.toFile(), true));
        servlet.setReceivePackFactory((request, repository) -> new ReceivePack(repository));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(servlet), "/git/*");
        password.ifPresent(secret -> context.addFilter(new FilterHolder(basicAuth(secret)), "/*",
                EnumSet.of(DispatcherType.REQUEST)));
        server.setHandler(context);
        server.start();
        return new GitHttpServer(server, connector);
    }

    private static Filter basicAuth(String password) {
        return (request, response, chain) -> {
            String header = ((HttpServletRequest) request).getHeader("Authorization");
            if (header != null && header.startsWith("Basic ") && decode(header.substring(6)).endsWith(":" + password)) {
                chain.doFilter(request, response);
                return;
            }
            HttpServletResponse answer = (HttpServletResponse) response;
            answer.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
            answer.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        };
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The URL of the repository {@code name} (a directory under the served one). */
    public String url(String name) {
        return "http://" + HOST + ":" + connector.getLocalPort() + "/git/" + name;
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IOException("could not stop the Git HTTP server", e);
        }
    }
}
