package io.kadmesh.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's headless Chromium, driven by Playwright for Java, without any browser download: the
 * machine's {@code chromium} and {@code node} run it ({@code KADMESH_CHROMIUM} and
 * {@code PLAYWRIGHT_NODEJS_PATH} name others). Its flags let pages gather ICE candidates on a host with
 * no network (see {@code ../shared/reference/spike-browser.md}): camera permission, faked, makes
 * Chromium list the interfaces, loopback included. One per test class; each {@link #newPage()} is a
 * browser of its own, with its own storage and so its own identity.
 */
public final class Chromium implements AutoCloseable {

    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--disable-dev-shm-usage", "--allow-loopback-in-peer-connection", "--use-fake-ui-for-media-stream");

    /** The interfaces of the namespace integration-tests/netns/bin/java makes. */
    private static final Set<String> PRIVATE_INTERFACES = Set.of("lo", "kadmesh0", "kadmesh1");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /**
     * Launches Chromium; fails, naming what is missing, when Chromium or Node cannot be found, or when
     * this JVM is not in the private network namespace {@code integration-tests/netns/bin/java} makes.
     */
    public static Chromium launch() {
        requirePrivateNetwork();
        Path chromium = executable(System.getenv("KADMESH_CHROMIUM"), "chromium")
                .orElseThrow(() -> new IllegalStateException("no chromium on the PATH (apt-get install chromium),"
                        + " and KADMESH_CHROMIUM is not set"));
        if (System.getProperty("playwright.nodejs.path") == null && System.getenv("PLAYWRIGHT_NODEJS_PATH") == null) {
            Path node = executable(null, "node").orElseThrow(() -> new IllegalStateException(
                    "no node on the PATH: Playwright's driver runs on the machine's Node.js"));
            System.setProperty("playwright.nodejs.path", node.toString());
        }
        Playwright playwright = Playwright
                .create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium()
                    .launch(new BrowserType.LaunchOptions().setExecutablePath(chromium).setArgs(FLAGS));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /**
     * A page in a fresh context: a browser with storage of its own. What the page logs to its console,
     * Chromium's own reports of failed connections included, goes to this JVM's output.
     */
    public Page newPage() {
        BrowserContext context = browser.newContext();
        Page page = context.newPage();
        page.onConsoleMessage(message -> System.out.println("[page " + message.type() + "] " + message.text()));
        page.onPageError(error -> System.out.println("[page error] " + error));
        return page;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }

    /**
     * WebRTC gathers every interface's address and sends to it: the interfaces here must be those of
     * the private namespace, loopback and the veth pair inside it, and no other.
     */
    private static void requirePrivateNetwork() {
        try {
            Set<String> names = Files.readAllLines(Path.of("/proc/self/net/dev")).stream().skip(2)
                    .map(line -> line.substring(0, line.indexOf(':')).strip()).collect(Collectors.toSet());
            if (!PRIVATE_INTERFACES.containsAll(names)) {
                throw new IllegalStateException("browser tests run only in the private network namespace of"
                        + " integration-tests/netns/bin/java (interfaces " + PRIVATE_INTERFACES + "), not beside "
                        + names + ": run them through failsafe's 'browser' execution");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the network interfaces", e);
        }
    }

    private static Optional<Path> executable(String named, String command) {
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":")).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
    }
}
