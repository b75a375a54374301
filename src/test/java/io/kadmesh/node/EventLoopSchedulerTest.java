package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netty.util.concurrent.DefaultEventExecutor;

/**
 * Ending the node's loop in order: queued work runs, timers not yet due are dropped, within the grace;
 * on a shared loop, the node's tasks run on the loop's thread and closing leaves the loop running.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventLoopSchedulerTest {

    private final EventLoopScheduler loop = new EventLoopScheduler("scheduler-test");

    @Test
    void mustRunEveryQueuedTaskAndDropTimersNotYetDue() {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> await(release));
        loop.schedule(Duration.ofHours(1), () -> ran.add("timer"));
        loop.execute(() -> ran.add("first"));
        loop.execute(() -> ran.add("second"));
        release.countDown();

        assertTrue(loop.close(Duration.ofSeconds(10)), "ended in time");

        assertEquals(List.of("first", "second"), ran);
        loop.execute(() -> ran.add("after close"));
        assertEquals(List.of("first", "second"), ran);
    }

    @Test
    void mustGiveUpOnATaskThatOutlastsTheGrace() {
        CountDownLatch interrupted = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                new CountDownLatch(1).await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });

        long started = System.nanoTime();
        assertFalse(loop.close(Duration.ofMillis(200)));

        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0);
        assertTrue(await(interrupted), "the running task was interrupted");
    }

    @Test
    void mustRunOnTheSharedLoopAndLeaveItRunningWhenClosed() throws Exception {
        DefaultEventExecutor shared = new DefaultEventExecutor();
        try {
            EventLoopScheduler onShared = EventLoopScheduler.on(shared);
            Thread loopThread = shared.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            CompletableFuture<Thread> task = new CompletableFuture<>();
            CompletableFuture<Thread> timer = new CompletableFuture<>();
            onShared.execute(() -> task.complete(Thread.currentThread()));
            onShared.schedule(Duration.ofMillis(5), () -> timer.complete(Thread.currentThread()));

            assertSame(loopThread, task.get(10, TimeUnit.SECONDS), "a task runs on the loop's own thread");
            assertSame(loopThread, timer.get(10, TimeUnit.SECONDS), "and so does a timer");

            List<String> ran = new CopyOnWriteArrayList<>();
            onShared.schedule(Duration.ofHours(1), () -> ran.add("timer"));
            onShared.execute(() -> ran.add("queued"));
            assertTrue(onShared.close(Duration.ofSeconds(10)));
            onShared.execute(() -> ran.add("after close"));

            assertEquals("still running", shared.submit(() -> "still running").get(10, TimeUnit.SECONDS));
            assertEquals(List.of("queued"), ran);
        } finally {
            shared.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
