package io.kadmesh.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.it.harness.Chromium;
import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.localnet.Deadline;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;

/**
 * The pubsub benchmark ({@code bench/pubsub.sh}): a bootstrap and N node processes on loopback, started
 * by the launcher as {@link NetworkBenchmark}'s are. Prints one JSON line:
 * <ul>
 * <li>channel creation at the REST client ({@code POST /api/pubsub/channels}): the first creation of
 * fresh names (201), and creating each again from two other nodes (200, the same channel);</li>
 * <li>publish to delivery: SSE clients of one channel spread round-robin over the N nodes, then messages
 * published at a fixed pace, each from the next node of a shuffled round, each carrying its number; the
 * latency of a (message, subscriber) pair is from just before the publishing POST to the event's arrival
 * at that subscriber, both on this process's clock; deliveries expected, received, missing and
 * duplicated (exactly once is the guarantee);</li>
 * <li>frames per publish: the pubsub frames all members sent during the publishing phase
 * ({@code kadmesh_messages_total}, direction {@code out}, types {@code service} and
 * {@code service_reply}), over the messages published; requests alone from {@code kadmesh_rpc_seconds}.
 * A build whose metrics do not name those types yet counts them as {@code other}: then
 * {@code framesCountedAs} says so.</li>
 * <li>with {@code pages} above 0, pages of headless Chromium that subscribe with the browser client's
 * {@code subscribe(name, onMessage)} too, each through the node it loaded from: their deliveries and
 * latency (to the callback, on the page's clock, which is the machine's clock as this process's
 * {@link Instant} is).</li>
 * </ul>
 * Before the timed messages, {@code warmupRounds} rounds of untimed ones, one from each node a round,
 * at the same rate, so that the timed ones find every publisher's lookups done. Each node publishes once a
 * round and takes every message, so how much of its code the JIT has compiled by then depends on the
 * rounds: the default 2 times a network just started, more a network that has been publishing a while
 * ({@code deliveryP99ByTenthMs} shows the difference within one run).
 *
 * @param nodes N, nodes besides the bootstrap
 * @param subscribers SSE clients of the measured channel
 * @param messages messages published on it
 * @param pages pages of headless Chromium that follow it too (0: none; more needs the private network
 *        namespace of {@code integration-tests/netns/bin/java})
 * @param channels fresh channels whose creation is timed
 * @param ratePerSecond messages published a second, all publishers together
 * @param seed fixes the publishers' order
 * @param fanOut the nodes' {@code kadmesh.pubsub.fan-out}; 0 leaves their default
 * @param warmupRounds rounds of untimed messages before the timed ones
 * @param appDir the packaged application ({@code target/quarkus-app})
 * @param workDir holds the nodes' directories
 */
public record PubsubBenchmark(int nodes, int subscribers, int messages, int pages, int channels, int ratePerSecond,
        long seed, int fanOut, int warmupRounds, Path appDir, Path workDir) {

    /** Untimed creations before the timed ones, so that these do not time the JIT. */
    static final int CREATE_WARMUP = 20;
    /** Rounds of untimed messages, one from each node a round, before the timed ones, unless told otherwise. */
    static final int WARMUP_ROUNDS = 2;
    /** Longest all subscribers may take to be subscribed. */
    static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(60);
    /** Longest the deliveries may take once the last publish was answered. */
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);
    /** How long it listens on after all deliveries came, for repeats and for the replies to be counted. */
    static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public PubsubBenchmark {
        if (nodes < 1 || subscribers < 1 || messages < 1 || pages < 0 || channels < 1 || ratePerSecond < 1
                || fanOut < 0 || warmupRounds < 1) {
            throw new IllegalArgumentException("nodes, subscribers, messages, channels, rate and warm-up rounds must"
                    + " be >= 1 and pages and fan-out >= 0, got " + nodes + ", " + subscribers + ", " + messages + ", "
                    + pages + ", " + channels + ", " + ratePerSecond + ", " + fanOut + ", " + warmupRounds);
        }
        Objects.requireNonNull(appDir, "appDir must be set");
        Objects.requireNonNull(workDir, "workDir must be set");
    }

    /**
     * Runs the benchmark. Arguments: {@code [nodes] [subscribers] [messages] [pages] [fan-out] [warm-up rounds]}
     * (default 15, 100, 200, 0, the nodes' own fan-out, and {@value #WARMUP_ROUNDS}); the application
     * directory is system property {@code kadmesh.app.dir} (default {@code target/quarkus-app}). The JSON
     * line goes to stdout, progress to stderr.
     */
    public static void main(String[] args) throws IOException {
        int nodes = args.length > 0 ? NetworkBenchmark.positive(args[0], "nodes") : 15;
        int subscribers = args.length > 1 ? NetworkBenchmark.positive(args[1], "subscribers") : 100;
        int messages = args.length > 2 ? NetworkBenchmark.positive(args[2], "messages") : 200;
        int pages = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int fanOut = args.length > 4 && !args[4].equals("0") ? NetworkBenchmark.positive(args[4], "fan-out") : 0;
        int warmupRounds = args.length > 5 ? NetworkBenchmark.positive(args[5], "warm-up rounds") : WARMUP_ROUNDS;
        Path appDir = Path.of(System.getProperty("kadmesh.app.dir", "target/quarkus-app"));
        Path workDir = Files.createTempDirectory("kadmesh-pubsub-");
        PubsubBenchmark benchmark = new PubsubBenchmark(nodes, subscribers, messages, pages, 20, 20, 1, fanOut,
                warmupRounds, appDir, workDir);
        System.out.println(benchmark.run(System.err).toString());
    }

    /** Starts the network, measures it, kills it; returns the figures. Progress goes to {@code log}. */
    public ObjectNode run(PrintStream log) {
        log.println("pubsub benchmark: bootstrap + " + nodes + " nodes in " + workDir);
        Map<String, String> settings = fanOut == 0 ? Map.of()
                : Map.of("kadmesh.pubsub.fan-out", Integer.toString(fanOut));
        try (LocalNetwork network = LocalNetwork.start(appDir, workDir, nodes, settings);
                Chromium chromium = pages > 0 ? Chromium.launch() : null) {
            network.awaitReady(NetworkBenchmark.READY_TIMEOUT, log::println);
            Random random = new Random(seed);
            ObjectNode figures = JSON.objectNode().put("benchmark", "pubsub").put("nodes", nodes)
                    .put("subscribers", subscribers).put("messages", messages)
                    .put("fanOut", fanOut == 0 ? "the nodes' default" : Integer.toString(fanOut));
            figures.set("createChannel", creation(network.liveNodes(), random, log));
            delivery(network, chromium, random, figures, log);
            figures.put("membersDroppedByRoots", logLines(network.members(), "dropped member"));
            figures.put("deliveriesMissedAtRoots", logLines(network.members(), "missed delivery"));
            return figures;
        }
    }

    /**
     * How many lines of the nodes' logs hold {@code phrase}: the warnings of
     * {@code io.kadmesh.pubsub.RootDuty}, "dropped member" (a member refused a delivery, and was
     * dropped) and "missed delivery" (a member did not answer one in time, or could not be reached),
     * where a subscriber's missing messages would start.
     */
    private static long logLines(List<NodeProcess> members, String phrase) {
        long count = 0;
        for (NodeProcess member : members) {
            try (Stream<String> lines = Files.lines(member.spec().logFile(), StandardCharsets.UTF_8)) {
                count += lines.filter(line -> line.contains(phrase)).count();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + member.spec().logFile(), e);
            }
        }
        return count;
    }

    /**
     * Creates {@link #CREATE_WARMUP} channels untimed, then {@code channels} fresh ones, each first from a
     * random node (timed, must answer 201), then again from two other nodes (timed, must answer 200 with
     * the same channel).
     */
    private ObjectNode creation(List<NodeProcess> members, Random random, PrintStream log) {
        log.println("channel creation: " + CREATE_WARMUP + " warm-up, " + channels + " timed");
        for (int i = 0; i < CREATE_WARMUP; i++) {
            NodeClient.of(members.get(random.nextInt(members.size()))).createChannel("warmup-" + i);
        }
        List<Double> first = new ArrayList<>();
        List<Double> again = new ArrayList<>();
        int firstCreated = 0;
        int againFound = 0;
        for (int i = 0; i < channels; i++) {
            List<NodeProcess> order = new ArrayList<>(members);
            Collections.shuffle(order, random);
            String name = "bench-channel-" + i;
            long started = System.nanoTime();
            JsonNode created = NodeClient.of(order.get(0)).createChannel(name);
            first.add((System.nanoTime() - started) / 1e6);
            firstCreated += created.path("status").asInt() == 201 ? 1 : 0;
            for (NodeProcess other : order.subList(1, Math.min(3, order.size()))) {
                started = System.nanoTime();
                JsonNode found = NodeClient.of(other).createChannel(name);
                again.add((System.nanoTime() - started) / 1e6);
                boolean same = found.path("status").asInt() == 200
                        && found.path("creator").equals(created.path("creator"))
                        && found.path("createdAt").equals(created.path("createdAt"));
                againFound += same ? 1 : 0;
            }
        }
        log.println("first creations, ms: " + first.stream().map(Math::round).toList());
        Sample firstSample = Sample.of(first);
        ObjectNode figures = JSON.objectNode().put("channels", channels).put("warmup", CREATE_WARMUP)
                .put("created201", firstCreated).put("medianMs", NetworkBenchmark.round(firstSample.median()))
                .put("maxMs", NetworkBenchmark.round(firstSample.max()));
        if (!again.isEmpty()) {
            Sample againSample = Sample.of(again);
            figures.put("again", again.size()).put("againSame200", againFound)
                    .put("againMedianMs", NetworkBenchmark.round(againSample.median()))
                    .put("againMaxMs", NetworkBenchmark.round(againSample.max()));
        }
        return figures;
    }

    /**
     * Subscribes, publishes the warm-up and then the timed messages, waits for the deliveries, and puts
     * their figures in {@code figures}; {@code chromium} is null when no page follows.
     */
    private void delivery(LocalNetwork network, Chromium chromium, Random random, ObjectNode figures,
            PrintStream log) {
        List<NodeProcess> nodeList = network.liveNodes();
        String channel = "bench-live";
        NodeClient.of(nodeList.get(0)).createChannel(channel);
        List<ChannelFollower> subscribed = subscribe(nodeList, channel, figures, log);
        if (subscribed.isEmpty()) {
            return;
        }
        PageFollowers pageFollowers = null;
        if (chromium != null) {
            log.println("opening " + pages + " pages over " + nodeList.size() + " nodes");
            pageFollowers = PageFollowers.open(chromium, nodeList, pages, channel);
            figures.put("pageRootsMin", pageFollowers.followers().stream().mapToInt(PageFollowers.Follower::roots)
                    .min().orElse(0));
        }
        pause(Duration.ofSeconds(1));

        List<NodeProcess> round = new ArrayList<>(nodeList);
        Collections.shuffle(round, random);
        log.println("message n comes from " + round.stream().map(NodeProcess::name).toList() + "[n % "
                + round.size() + "]");
        int warmups = warmupRounds * round.size();
        publish(round, channel, ChannelFollower.WARMUP_PREFIX, warmups, log);
        PageFollowers pagesToWarm = pageFollowers;
        boolean warm = Deadline.after(DELIVERY_TIMEOUT).await(
                () -> subscribed.stream().allMatch(follower -> follower.warmupsReceived() >= warmups)
                        && (pagesToWarm == null || pagesToWarm.allHave(ChannelFollower.WARMUP_PREFIX, warmups)),
                Duration.ofMillis(100));
        log.println(warm ? "warm-up delivered" : "warm-up not all delivered");
        figures.put("warmupMessages", warmups);
        pause(Duration.ofSeconds(1));

        List<NodeProcess> members = network.members();
        List<Map<String, Double>> before = members.stream().map(PubsubBenchmark::counters).toList();
        CpuWindow cpu = CpuWindow.start(members);
        Publishing publishing = publish(round, channel, ChannelFollower.DATA_PREFIX, messages, log);
        ObjectNode cpuFigures = cpu.percent();
        awaitDeliveries(subscribed, publishing, pageFollowers, log);
        pause(SETTLE);
        List<Map<String, Double>> after = members.stream().map(PubsubBenchmark::counters).toList();
        List<String> failures = subscribed.stream().map(ChannelFollower::failure).filter(Objects::nonNull).toList();
        subscribed.forEach(ChannelFollower::close);

        figures.put("publishRatePerSecond", ratePerSecond).put("published", publishing.published());
        if (!publishing.statuses().isEmpty()) {
            figures.set("publishFailures", MAPPER.valueToTree(publishing.statuses()));
            figures.put("publishFailureExample", publishing.firstError());
        }
        figures.set("publishRestMs", percentiles(publishing.restMillis()));
        deliveryFigures(subscribed, publishing, figures);
        reportMissing(subscribed, publishing, log);
        reportSlowest(subscribed, publishing, log);
        if (!failures.isEmpty()) {
            figures.put("streamFailures", failures.size()).put("streamFailureExample", failures.get(0));
        }
        frameFigures(before, after, publishing.published(), figures);
        figures.put("memberNodes", (int) subscribed.stream().map(ChannelFollower::node).distinct().count());
        figures.set("publishPhaseCpuPercent", cpuFigures);
        figures.put("pageSubscribers", pageFollowers == null ? 0 : pages);
        if (pageFollowers != null) {
            pageFigures(pageFollowers.collect(ChannelFollower.DATA_PREFIX), publishing, figures);
        }
    }

    /**
     * Opens {@code subscribers} SSE clients spread round-robin over {@code nodeList} and waits until they
     * are subscribed; returns those that are.
     */
    private List<ChannelFollower> subscribe(List<NodeProcess> nodeList, String channel, ObjectNode figures,
            PrintStream log) {
        HttpClient streams = NodeClient.newHttpClient();
        List<ChannelFollower> followers = new ArrayList<>();
        log.println("subscribing " + subscribers + " SSE clients over " + nodeList.size() + " nodes");
        long started = System.nanoTime();
        for (int i = 0; i < subscribers; i++) {
            ChannelFollower follower = new ChannelFollower(nodeList.get(i % nodeList.size()), messages);
            followers.add(follower);
            follower.open(streams, channel);
        }
        List<ChannelFollower> subscribed = awaitSubscribed(followers, log);
        figures.put("subscribeAllMs", Math.round((System.nanoTime() - started) / 1e6));
        figures.put("subscribed", subscribed.size());
        if (subscribed.isEmpty()) {
            figures.put("error", "no subscriber was subscribed: " + followers.get(0).failure());
            return subscribed;
        }
        Sample subscribeMs = Sample.of(subscribed.stream().map(ChannelFollower::subscribeMs).toList());
        Map<Integer, Integer> roots = new TreeMap<>();
        subscribed.forEach(follower -> roots.merge(follower.subscribed().join(), 1, Integer::sum));
        figures.put("subscribeMedianMs", NetworkBenchmark.round(subscribeMs.median()));
        figures.set("subscribedEventsByRoots", MAPPER.valueToTree(roots));
        return subscribed;
    }

    /** The CPU the members and this process use over a window, in % of one core. */
    private record CpuWindow(List<NodeProcess> members, long nodeTicks, long benchTicks, long startedNanos) {

        static CpuWindow start(List<NodeProcess> members) {
            return new CpuWindow(members, nodeTicks(members), ProcessMetrics.cpuTicks(ProcessHandle.current().pid()),
                    System.nanoTime());
        }

        private static long nodeTicks(List<NodeProcess> members) {
            return members.stream().mapToLong(member -> ProcessMetrics.cpuTicks(member.pid())).sum();
        }

        /** Since the start: all members together, this process, and the machine's cores. */
        ObjectNode percent() {
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            long nodes = nodeTicks(members) - nodeTicks;
            long bench = ProcessMetrics.cpuTicks(ProcessHandle.current().pid()) - benchTicks;
            return JSON.objectNode()
                    .put("nodes", NetworkBenchmark.round(100.0 * nodes / ProcessMetrics.TICKS_PER_SECOND / seconds))
                    .put("bench", NetworkBenchmark.round(100.0 * bench / ProcessMetrics.TICKS_PER_SECOND / seconds))
                    .put("cores", Runtime.getRuntime().availableProcessors());
        }
    }

    private List<ChannelFollower> awaitSubscribed(List<ChannelFollower> followers, PrintStream log) {
        CompletableFuture<?> all = CompletableFuture
                .allOf(followers.stream().map(ChannelFollower::subscribed).toArray(CompletableFuture[]::new));
        try {
            all.get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while subscribing", e);
        } catch (Exception e) {
            log.println("not all subscribed: " + e);
        }
        List<ChannelFollower> subscribed = followers.stream()
                .filter(f -> f.subscribed().isDone() && !f.subscribed().isCompletedExceptionally()).toList();
        for (ChannelFollower follower : followers) {
            if (!subscribed.contains(follower)) {
                log.println("not subscribed on " + follower.node() + ": HTTP " + follower.status() + ", "
                        + follower.failure());
                break;
            }
        }
        log.println(subscribed.size() + "/" + followers.size() + " subscribed");
        return subscribed;
    }

    /** The publishing phase's outcome: when each message was sent, which were taken, and the failures. */
    private record Publishing(long[] sentNanos, String[] ids, List<Double> restMillis, Map<Integer, Integer> statuses,
            String firstError, long anchorNanos, double anchorEpochMillis) {

        /** When message {@code n} was sent, in milliseconds since the epoch, from this process's clock. */
        double sentEpochMillis(int n) {
            return anchorEpochMillis + (sentNanos[n] - anchorNanos) / 1e6;
        }

        int published() {
            int count = 0;
            for (String id : ids) {
                count += id != null ? 1 : 0;
            }
            return count;
        }
    }

    /**
     * Publishes {@code messages} messages, data {@code prefix<n>}, at {@link #ratePerSecond}, message n
     * from node {@code n % round.size()} of {@code round}, without waiting for one answer before the next;
     * returns once all are answered.
     */
    private Publishing publish(List<NodeProcess> round, String channel, String prefix, int messages,
            PrintStream log) {
        log.println("publishing " + messages + " messages " + prefix + "<n> at " + ratePerSecond + "/s");
        HttpClient http = NodeClient.newHttpClient();
        long[] sentNanos = new long[messages];
        String[] ids = new String[messages];
        List<Double> restMillis = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        String[] firstError = new String[1];
        List<CompletableFuture<?>> answers = new ArrayList<>();
        Instant anchor = Instant.now();
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        for (int n = 0; n < messages; n++) {
            long due = start + n * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                pause(Duration.ofNanos(wait));
            }
            NodeProcess from = round.get(n % round.size());
            String body = JSON.objectNode().put("data", prefix + n).toString();
            HttpRequest request = HttpRequest.newBuilder(URI.create(from.restUrl() + "/api/pubsub/channels/" + channel
                    + "/messages")).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            int number = n;
            sentNanos[n] = System.nanoTime();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .whenComplete((response, error) -> {
                        restMillis.add((System.nanoTime() - sentNanos[number]) / 1e6);
                        int status = error != null ? 0 : response.statusCode();
                        if (status == 201) {
                            try {
                                ids[number] = MAPPER.readTree(response.body()).path("id").asText();
                                return;
                            } catch (IOException e) {
                                status = -1;
                            }
                        }
                        statuses.merge(status, 1, Integer::sum);
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = from.name() + ": " + (error != null ? error.toString()
                                        : "HTTP " + response.statusCode() + " " + response.body());
                            }
                        }
                    }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        log.println("published in " + Math.round((System.nanoTime() - start) / 1e6) + " ms");
        synchronized (firstError) {
            return new Publishing(sentNanos, ids, List.copyOf(restMillis), new TreeMap<>(statuses), firstError[0],
                    start, anchor.getEpochSecond() * 1e3 + anchor.getNano() / 1e6);
        }
    }

    /**
     * Waits until every subscriber, and every page, has every published message, or
     * {@link #DELIVERY_TIMEOUT} passes.
     */
    private void awaitDeliveries(List<ChannelFollower> followers, Publishing publishing, PageFollowers pages,
            PrintStream log) {
        long expected = (long) followers.size() * publishing.published();
        Deadline deadline = Deadline.after(DELIVERY_TIMEOUT);
        boolean all = deadline.await(() -> received(followers, publishing) >= expected, Duration.ofMillis(50));
        log.println((all ? "all " : "not all ") + received(followers, publishing) + "/" + expected + " delivered");
        if (pages != null) {
            boolean allPages = deadline.await(() -> pages.allHave(ChannelFollower.DATA_PREFIX, publishing.published()),
                    Duration.ofMillis(100));
            log.println(allPages ? "pages got all" : "pages did not get all");
        }
    }

    private static long received(List<ChannelFollower> followers, Publishing publishing) {
        long count = 0;
        for (ChannelFollower follower : followers) {
            for (int n = 0; n < publishing.ids().length; n++) {
                count += publishing.ids()[n] != null && follower.arrival(n) >= 0 ? 1 : 0;
            }
        }
        return count;
    }

    private void deliveryFigures(List<ChannelFollower> followers, Publishing publishing, ObjectNode figures) {
        List<Double> latencies = new ArrayList<>();
        List<Double> sinceSigning = new ArrayList<>();
        List<List<Double>> byTenth = new ArrayList<>();
        for (int tenth = 0; tenth < 10; tenth++) {
            byTenth.add(new ArrayList<>());
        }
        long expected = 0;
        long received = 0;
        long unpublishedArrivals = 0;
        long idMismatches = 0;
        for (int n = 0; n < messages; n++) {
            String id = publishing.ids()[n];
            expected += id != null ? followers.size() : 0;
            for (ChannelFollower follower : followers) {
                long arrival = follower.arrival(n);
                if (arrival < 0) {
                    continue;
                }
                if (id == null) {
                    unpublishedArrivals++;
                    continue;
                }
                received++;
                idMismatches += id.equals(follower.id(n)) ? 0 : 1;
                double millis = (arrival - publishing.sentNanos()[n]) / 1e6;
                latencies.add(millis);
                byTenth.get(n * 10 / messages).add(millis);
                if (follower.sinceSigned(n) >= 0) {
                    sinceSigning.add((double) follower.sinceSigned(n));
                }
            }
        }
        figures.put("deliveriesExpected", expected).put("deliveriesReceived", received)
                .put("missing", expected - received)
                .put("duplicates", followers.stream().mapToLong(ChannelFollower::duplicates).sum())
                .put("unexpectedEvents", followers.stream().mapToLong(ChannelFollower::unexpected).sum());
        if (unpublishedArrivals > 0) {
            figures.put("deliveredButPublishFailed", unpublishedArrivals);
        }
        if (idMismatches > 0) {
            figures.put("idMismatches", idMismatches);
        }
        if (!latencies.isEmpty()) {
            figures.set("deliveryLatencyMs", percentiles(latencies));
            figures.set("deliveryAfterSigningMs", percentiles(sinceSigning));
            ArrayNode p99s = figures.putArray("deliveryP99ByTenthMs");
            byTenth.forEach(
                    tenth -> p99s.add(tenth.isEmpty() ? null : NetworkBenchmark.round(Sample.of(tenth).percentile(99))));
        }
    }

    /**
     * The pages' figures: deliveries expected, received, missing and repeated, and the latency from just
     * before the publishing POST (this process's clock, taken to the epoch) to the page's callback (the
     * page's clock: the same system clock).
     */
    private void pageFigures(List<PageFollowers.Arrivals> arrivals, Publishing publishing, ObjectNode figures) {
        List<Double> latencies = new ArrayList<>();
        long expected = (long) arrivals.size() * publishing.published();
        long received = 0;
        for (PageFollowers.Arrivals page : arrivals) {
            for (Map.Entry<Integer, Double> arrival : page.byNumber().entrySet()) {
                int n = arrival.getKey();
                if (n >= 0 && n < messages && publishing.ids()[n] != null) {
                    received++;
                    latencies.add(arrival.getValue() - publishing.sentEpochMillis(n));
                }
            }
        }
        figures.put("pageDeliveriesExpected", expected).put("pageDeliveriesReceived", received)
                .put("pageMissing", expected - received)
                .put("pageDuplicates", arrivals.stream().mapToLong(PageFollowers.Arrivals::duplicates).sum());
        if (!latencies.isEmpty()) {
            figures.set("pageDeliveryLatencyMs", percentiles(latencies));
        }
    }

    /**
     * For each node whose subscribers missed messages: how many, and which messages every one of its
     * subscribers missed (lost at or before the node) or only some did (lost on the way to the client).
     */
    private void reportMissing(List<ChannelFollower> followers, Publishing publishing, PrintStream log) {
        Map<String, List<ChannelFollower>> byNode = new TreeMap<>();
        followers.forEach(follower -> byNode.computeIfAbsent(follower.node().name(), name -> new ArrayList<>())
                .add(follower));
        byNode.forEach((name, onNode) -> {
            List<Integer> missedByAll = new ArrayList<>();
            int missed = 0;
            for (int n = 0; n < messages; n++) {
                if (publishing.ids()[n] == null) {
                    continue;
                }
                int number = n;
                long missing = onNode.stream().filter(follower -> follower.arrival(number) < 0).count();
                missed += (int) missing;
                if (missing == onNode.size()) {
                    missedByAll.add(n);
                }
            }
            if (missed > 0) {
                NodeProcess node = onNode.get(0).node();
                log.println(name + " (" + node.restUrl() + ", id " + NodeClient.of(node).node().nodeId() + "): "
                        + onNode.size() + " subscribers missed " + missed + " deliveries; "
                        + missedByAll.size() + " messages missed by all of them: " + ranges(missedByAll));
            }
        });
    }

    /** The messages whose median latency over their subscribers was longest, slowest first. */
    private void reportSlowest(List<ChannelFollower> followers, Publishing publishing, PrintStream log) {
        Map<Double, Integer> slowest = new TreeMap<>(Collections.reverseOrder());
        for (int n = 0; n < messages; n++) {
            List<Double> millis = new ArrayList<>();
            for (ChannelFollower follower : followers) {
                long arrival = follower.arrival(n);
                if (publishing.ids()[n] != null && arrival >= 0) {
                    millis.add((arrival - publishing.sentNanos()[n]) / 1e6);
                }
            }
            if (!millis.isEmpty()) {
                slowest.put(Sample.of(millis).median() + n * 1e-9, n);
            }
        }
        StringBuilder text = new StringBuilder("slowest messages (n: median ms):");
        slowest.entrySet().stream().limit(10).forEach(entry -> text.append(' ').append(entry.getValue()).append(": ")
                .append(Math.round(entry.getKey())));
        log.println(text);
    }

    /** {@code 1, 2, 3, 7} as {@code 1-3 7}. */
    private static String ranges(List<Integer> numbers) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < numbers.size(); i++) {
            int first = numbers.get(i);
            while (i + 1 < numbers.size() && numbers.get(i + 1) == numbers.get(i) + 1) {
                i++;
            }
            text.append(text.isEmpty() ? "" : " ").append(first)
                    .append(numbers.get(i) == first ? "" : "-" + numbers.get(i));
        }
        return text.toString();
    }

    private static ObjectNode percentiles(List<Double> millis) {
        if (millis.isEmpty()) {
            return JSON.objectNode();
        }
        Sample sample = Sample.of(millis);
        return JSON.objectNode().put("p50", NetworkBenchmark.round(sample.percentile(50)))
                .put("p99", NetworkBenchmark.round(sample.percentile(99)))
                .put("max", NetworkBenchmark.round(sample.max()));
    }

    /**
     * Frames and requests per publish, from the members' counters before and after the publishing
     * phase: pubsub frames sent ({@code service} and {@code service_reply}, or {@code other} when the
     * build does not name them), pubsub requests sent ({@code kadmesh_rpc_seconds_count} of that type),
     * and every frame sent, of any type, for what else the phase cost.
     */
    private static void frameFigures(List<Map<String, Double>> before, List<Map<String, Double>> after,
            int published, ObjectNode figures) {
        boolean named = after.stream().anyMatch(counters -> counters.containsKey("messages/service")
                || counters.containsKey("messages/service_reply"));
        List<String> frameTypes = named ? List.of("service", "service_reply") : List.of("other");
        String requestType = named ? "service" : "other";
        double frames = 0;
        double requests = 0;
        double all = 0;
        for (int i = 0; i < after.size(); i++) {
            for (String type : frameTypes) {
                frames += delta(before.get(i), after.get(i), "messages/" + type);
            }
            requests += delta(before.get(i), after.get(i), "requests/" + requestType);
            all += delta(before.get(i), after.get(i), "messages/*");
        }
        int divisor = Math.max(published, 1);
        figures.put("framesCountedAs", String.join("+", frameTypes))
                .put("framesPerPublish", NetworkBenchmark.round(frames / divisor))
                .put("requestsPerPublish", NetworkBenchmark.round(requests / divisor))
                .put("allFramesPerPublish", NetworkBenchmark.round(all / divisor));
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
    }

    /**
     * A member's counters of sent traffic from {@code /q/metrics}: {@code messages/<type>} (frames sent,
     * {@code kadmesh_messages_total} with {@code direction="out"}, all transports), {@code messages/*}
     * (all of them), and {@code requests/<type>} (requests sent, {@code kadmesh_rpc_seconds_count}, all
     * outcomes).
     */
    static Map<String, Double> counters(NodeProcess member) {
        return counters(NodeClient.of(member).metrics().text());
    }

    static Map<String, Double> counters(String text) {
        Map<String, Double> counters = new TreeMap<>();
        Matcher sample = SAMPLE.matcher(text);
        while (sample.find()) {
            String name = sample.group(1);
            if (!name.equals("kadmesh_messages_total") && !name.equals("kadmesh_rpc_seconds_count")) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher label = LABEL.matcher(sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            double value = Double.parseDouble(sample.group(3));
            String type = labels.getOrDefault("type", "");
            if (name.equals("kadmesh_messages_total")) {
                if ("out".equals(labels.get("direction"))) {
                    counters.merge("messages/" + type, value, Double::sum);
                    counters.merge("messages/*", value, Double::sum);
                }
            } else {
                counters.merge("requests/" + type, value, Double::sum);
            }
        }
        return counters;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
